import t from 'tap'
import http, { createServer } from 'node:http'
import { main } from '../../src/cli/main.js'
import { fakeCli, oneLine, runCli as run } from '../support/cli.js'

t.test('echo-server: serves until stopped; bad input and a taken port are exit 2', async (t) => {
  // A free port (the CLI takes 1-65535, not 0 for "any").
  const probe = createServer()
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
  const free = String((probe.address() as { port: number }).port)
  await new Promise((r) => probe.close(r))
  const stop = new AbortController()
  const f = fakeCli({ stopSignal: () => stop.signal })
  const running = main(['echo-server', '--port', free, '--bind', '127.0.0.1', '--log'], f.cli)
  for (let i = 0; i < 200 && !/listening on 127\.0\.0\.1:(\d+)/.test(f.err()); i++) await new Promise((r) => setTimeout(r, 10))
  const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(f.err())![1])
  const body = await new Promise<string>((resolve) => {
    http.get(`http://127.0.0.1:${port}/ip`, (res) => {
      let b = ''
      res.on('data', (d) => (b += d))
      res.on('end', () => resolve(b))
    })
  })
  t.equal(body, '127.0.0.1\n')
  stop.abort()
  t.equal(await running, 0)
  t.match(f.out(), /127\.0\.0\.1 GET \/ip 200/, 'the access log line')

  const busy = createServer()
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r))
  t.teardown(() => busy.close())
  const taken = await run(['echo-server', '--port', String((busy.address() as { port: number }).port), '--bind', '127.0.0.1'])
  t.equal(taken.code, 2)
  t.match(taken.err, /something already listens/)
  oneLine(t, taken.err)
  for (const [argv, message] of [
    [['echo-server', '--port', 'x'], /port must be an integer/],
    [['echo-server', '--trust-proxy', 'proxy.lan'], /--trust-proxy must be an IP address/],
    [['echo-server', '--trust-proxy', 'fe80::1%eth0'], /no zone id/],
  ] as Array<[string[], RegExp]>) {
    const bad = await run(argv)
    t.equal(bad.code, 2)
    t.match(bad.err, message)
  }
  const stopped = new AbortController()
  stopped.abort()
  const quiet = await run(['echo-server', '--port', free, '--bind', '127.0.0.1', '--trust-proxy', '::ffff:10.0.0.1'], { stop: stopped.signal })
  t.equal(quiet.code, 0, 'already stopped: starts and closes')
  t.equal(quiet.out, '', 'no access log without --log')
})
