import t from 'tap'
import { createServer } from 'node:http'
import { main } from '../../src/cli/main.js'
import { fakeCli, runCli } from '../support/cli.js'

/** Runs main without an environment, on the real stdout, captured. */
async function onRealStdout(argv: string[]): Promise<{ code: number; out: string }> {
  const write = process.stdout.write
  let out = ''
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write
  let code: number
  try {
    code = await main(argv) // no assertions in here: tap itself writes to stdout
  } finally {
    process.stdout.write = write
  }
  return { code, out }
}

t.test('--version answers without loading the commands', async (t) => {
  for (const flag of ['--version', '-v']) {
    let out = ''
    const code = await main([flag], { stdout: { write: (s: string) => (out += s) } } as Parameters<typeof main>[1])
    t.equal(code, 0)
    t.match(out, /^\d+\.\d+\.\d+\n$/)
  }
})

t.test('--help answers without the parser, wrapped to the terminal', async (t) => {
  for (const flag of ['--help', '-h']) {
    let out = ''
    const code = await main([flag], { stdout: { write: (s: string) => (out += s), columns: 60 } } as Parameters<typeof main>[1])
    t.equal(code, 0)
    t.match(out, /^hairpin-check <ports\.\.>\n/)
    t.ok(Math.max(...out.split('\n').map((l) => l.length)) <= 60, 'as wide as the terminal')
  }
})

t.test('--version on the real stdout when no environment is given', async (t) => {
  const { code, out } = await onRealStdout(['--version'])
  t.equal(code, 0)
  t.match(out, /^\d+\.\d+\.\d+\n$/)
})

t.test('--help on the real process when no environment is given', async (t) => {
  const { code, out } = await onRealStdout(['--help'])
  t.equal(code, 0)
  t.match(out, /hairpin-check <ports\.\.>/)
  const late = await onRealStdout(['443', '--help'])
  t.equal(late.code, 0, 'help after a port: the real environment, and the parser\'s help')
  t.match(late.out, /hairpin-check <ports\.\.>/)
  t.match(late.out, /--expect/)
})

t.test('anything else goes to the commands', async (t) => {
  const f = fakeCli({ stdout: { write: () => true } })
  const code = await main(['not-a-port'], f.cli)
  t.equal(code, 2)
  t.match(f.err(), /port must be an integer/)
})

t.test('each command goes to its own module', async (t) => {
  const probe = await runCli(['8443', '--json'])
  t.equal(probe.code, 0, 'the probe, the default')
  t.equal(JSON.parse(probe.out).verdict.cause, 'hairpin-ok-gateway-source')
  const serve = await runCli(['serve', '8443', '--json'], { stop: AbortSignal.abort() })
  t.equal(serve.code, 0, 'serve')
  t.equal(JSON.parse(serve.out.split('\n')[0]!).type, 'listening')
  // A free port for the echo server (the CLI takes 1-65535, not 0 for "any").
  const free = createServer()
  await new Promise<void>((r) => free.listen(0, '127.0.0.1', r))
  const port = String((free.address() as { port: number }).port)
  await new Promise((r) => free.close(r))
  const echo = await runCli(['echo-server', '--port', port, '--bind', '127.0.0.1'], { stop: AbortSignal.abort() })
  t.equal(echo.code, 0, 'echo-server')
  t.match(echo.err, /echo server listening on 127\.0\.0\.1:/)
  const bad = await runCli(['serve', 'x', '--json'])
  t.equal(bad.code, 2, 'bad arguments of a command: a report, in the format asked for')
  t.equal(JSON.parse(bad.out).verdict.cause, 'bad-input')
  t.match(bad.err, /port must be an integer.*\(see --help\)\n$/)
})
