import t from 'tap'
import { createServer } from 'node:http'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { release, tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { processEnv, processStdout } from '../../src/cli/system.js'

t.test('the real process: its streams, environment, platform, id and file system', async (t) => {
  t.equal(processStdout(), process.stdout)
  const real = await processEnv()
  t.equal(real.stdout, process.stdout)
  t.equal(real.stderr, process.stderr)
  t.equal(real.env, process.env)
  t.equal(real.platform, process.platform)
  t.equal(real.pid, process.pid)
  t.same(real.environment, { os: `${process.platform} ${release()} ${process.arch}`, node: process.version })
  t.type(real.io.now(), 'number', 'the real run I/O')
  const dir = mkdtempSync(join(tmpdir(), 'hc-'))
  await real.fs.writeFile(join(dir, 'a'), 'report')
  await real.fs.rename(join(dir, 'a'), join(dir, 'b'))
  t.equal(readFileSync(join(dir, 'b'), 'utf8'), 'report')
  await real.fs.rm(join(dir, 'b'), { force: true })
  await real.fs.rm(join(dir, 'b'), { force: true })
  t.same(readdirSync(dir), [], 'removed, and removing again is no error')
})

t.test('end to end on loopback with the real I/O', async (t) => {
  // A local echo service on 127.0.0.1 and the listener on 127.0.0.1: no traffic leaves the host.
  const echo = createServer((req, res) => res.end(`${req.socket.remoteAddress?.replace(/^::ffff:/, '')}\n`))
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r))
  t.teardown(() => echo.close())
  const echoPort = (echo.address() as { port: number }).port
  const probe = createServer()
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
  const port = (probe.address() as { port: number }).port
  await new Promise((r) => probe.close(r))
  const real = await processEnv()
  t.equal(real.started, 0, 'the real CLI counts from process start')
  const cliRun = async (extra: string[]) => {
    let out = ''
    // Only loopback traffic: no gateway query, no IPv6 echo services.
    const code = await main([String(port), '--bind', '127.0.0.1', '--json', '--timeout', '3000', '--no-gateway', '--no-ipv6', ...extra], {
      ...real,
      stdout: { write: (s: string) => (out += s) },
      started: performance.now(), // this test process has run for a while: count from now
    })
    return { code, report: JSON.parse(out) }
  }
  // The local echo service answers 127.0.0.1: a loopback address is never taken for the public IP.
  const echoed = await cliRun(['--echo-url', `http://127.0.0.1:${echoPort}/ip`])
  t.same(echoed.report.publicIp.sources.map((s: { address: string; rejected: string }) => [s.address, s.rejected]), [['127.0.0.1', 'a loopback address']])
  t.equal(echoed.report.publicIp.address, null)
  t.equal(echoed.report.verdict.cause, 'no-public-ip')
  t.equal(echoed.report.tcp, null, 'nothing probed without a public IP')
  t.equal(echoed.code, 2)
  t.match(echoed.report.verdict.warnings.join('\n'), /answered 127\.0\.0\.1, a loopback address: not used as the public IP/)

  // Given with --public-ip, the same address is probed end to end: the listener and the probe on loopback.
  const { code, report } = await cliRun(['--public-ip', '127.0.0.1'])
  t.equal(report.publicIp.address, '127.0.0.1')
  t.equal(report.publicIp.onThisHost, true)
  t.equal(report.tcp.outcome, 'ok')
  t.equal(report.tcp.observedPeer, '127.0.0.1')
  t.equal(report.verdict.cause, 'not-behind-nat')
  t.same(report.expectations, [{ expect: 'works', holds: true, why: 'inside clients get through (not-behind-nat)' }])
  t.equal(code, 0)
  t.match(report.verdict.warnings.join('\n'), /loopback/)
})

t.test('processEnv takes SIGINT and SIGTERM over only when asked', async (t) => {
  const before = process.listenerCount('SIGINT')
  const env = await processEnv()
  t.equal(process.listenerCount('SIGINT'), before, 'the probe keeps the default Ctrl-C')
  const signal = env.stopSignal()
  t.equal(env.stopSignal(), signal, 'one signal per process')
  t.equal(process.listenerCount('SIGINT'), before + 1)
  process.emit('SIGTERM', 'SIGTERM')
  t.ok(signal.aborted)
  t.equal(signal.reason, 'SIGTERM')
  process.removeAllListeners('SIGINT')
})
