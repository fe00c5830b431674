import t, { type Test } from 'tap'
import { createServer, Socket, type Server } from 'node:net'
import { startListener } from '../../src/net/listener.js'
import { outcomeForError, probeTcp, type TcpProbeOptions } from '../../src/net/probe.js'
import { proofLine } from '../../src/net/proof.js'

const key = Buffer.alloc(32, 2)
const nonce = 'c'.repeat(32)
const now = (): number => performance.now()

/** A TCP server on 127.0.0.1 that does `onConn` with each connection. */
async function server(t: Test, onConn: (s: Socket) => void): Promise<number> {
  const srv: Server = createServer((s) => {
    s.on('error', () => {})
    s.resume() // read and drop what the probe sends, so the peer's FIN is seen and the socket closes
    onConn(s)
  })
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
  t.teardown(() => new Promise<void>((r) => srv.close(() => r())))
  return (srv.address() as { port: number }).port
}

const base = (port: number, extra: Partial<TcpProbeOptions> = {}): TcpProbeOptions => ({ host: '127.0.0.1', port, key, nonce, timeoutMs: 2000, now, ...extra })

t.test('ok: our listener proves what it saw', async (t) => {
  const l = await startListener({ bind: '127.0.0.1', port: 0, key })
  t.teardown(() => l.close())
  l.expect(nonce)
  const r = await probeTcp(base(l.port))
  t.equal(r.outcome, 'ok')
  t.equal(r.observedPeer, '127.0.0.1')
  t.equal(r.localAddress, '127.0.0.1')
  t.equal(r.serverAddress, '127.0.0.1')
  t.equal(r.error, null)
  t.equal(r.answer, null)
  t.ok(r.ms >= 0 && r.ms < 2000)
})

t.test('refused: nothing listens', async (t) => {
  const srv = createServer()
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
  const port = (srv.address() as { port: number }).port
  await new Promise((r) => srv.close(r))
  const r = await probeTcp(base(port))
  t.equal(r.outcome, 'refused')
  t.equal(r.error, 'ECONNREFUSED')
  t.equal(r.observedPeer, null)
})

t.test('timeout: the connection never completes', async (t) => {
  const r = await probeTcp(base(1, { timeoutMs: 60, connect: () => new Socket() }))
  t.equal(r.outcome, 'timeout')
  t.equal(r.localAddress, null)
  t.equal(r.error, null)
})

t.test('wrong-service: another service answers', async (t) => {
  const port = await server(t, (s) => s.end('HTTP/1.1 400 Bad Request\r\nServer: \u001b[31mrouter\r\n\r\n'))
  const r = await probeTcp(base(port))
  t.equal(r.outcome, 'wrong-service')
  t.equal(r.answer, 'HTTP/1.1 400 Bad Request Server: router', 'printable, escapes gone')
})

t.test('wrong-service: accepted and silent until the deadline', async (t) => {
  const port = await server(t, () => {})
  const r = await probeTcp(base(port, { timeoutMs: 100 }))
  t.equal(r.outcome, 'wrong-service')
  t.equal(r.answer, '')
})

t.test('wrong-service: closed without a word', async (t) => {
  const port = await server(t, (s) => s.end())
  const r = await probeTcp(base(port))
  t.equal(r.outcome, 'wrong-service')
  t.equal(r.answer, '')
})

t.test('wrong-service: an endless line', async (t) => {
  const port = await server(t, (s) => s.write('A'.repeat(400)))
  const r = await probeTcp(base(port))
  t.equal(r.outcome, 'wrong-service')
  t.ok(r.answer?.startsWith('AAAA'))
})

t.test('wrong-service: a forged proof never counts', async (t) => {
  const port = await server(t, (s) => s.end(proofLine(Buffer.alloc(32, 9), nonce, { peer: '203.0.113.7', peerPort: 1234, local: '192.168.77.10' })))
  const r = await probeTcp(base(port))
  t.equal(r.outcome, 'wrong-service')
  t.equal(r.observedPeer, null)
})

t.test('ok: a proof ending in CRLF is still read', async (t) => {
  const port = await server(t, (s) => s.end(proofLine(key, nonce, { peer: '::ffff:192.168.77.1', peerPort: 1234, local: '::ffff:192.168.77.10' }).replace('\n', '\r\n')))
  const r = await probeTcp(base(port))
  t.equal(r.outcome, 'ok')
  t.equal(r.observedPeer, '192.168.77.1')
  t.equal(r.serverAddress, '192.168.77.10')
})

t.test('reset after the handshake', async (t) => {
  const quiet = await server(t, (s) => setTimeout(() => s.resetAndDestroy(), 20))
  t.equal((await probeTcp(base(quiet))).outcome, 'reset')
  const chatty = await server(t, (s) => {
    s.write('220 banner')
    setTimeout(() => s.resetAndDestroy(), 20)
  })
  const r = await probeTcp(base(chatty))
  t.equal(r.outcome, 'wrong-service', 'something spoke first: not ours')
  t.equal(r.answer, '220 banner')
})

t.test('socket errors map to outcomes', async (t) => {
  const failing = (err: Error) => () => {
    const s = new Socket()
    setImmediate(() => s.emit('error', err))
    return s
  }
  const unreach = await probeTcp(base(1, { connect: failing(Object.assign(new Error('x'), { code: 'EHOSTUNREACH' })) }))
  t.equal(unreach.outcome, 'unreachable')
  t.equal(unreach.error, 'EHOSTUNREACH')
  const other = await probeTcp(base(1, { connect: failing(Object.assign(new Error('x'), { code: 'EADDRNOTAVAIL' })) }))
  t.equal(other.outcome, 'error')
  const bare = await probeTcp(base(1, { connect: failing(new Error('no code')) }))
  t.equal(bare.outcome, 'error')
  t.equal(bare.error, 'no code')
})

t.test('outcomeForError', async (t) => {
  t.equal(outcomeForError('ECONNREFUSED', false), 'refused')
  t.equal(outcomeForError('ECONNREFUSED', true), 'error')
  t.equal(outcomeForError('ECONNRESET', true), 'reset')
  t.equal(outcomeForError('EPIPE', true), 'reset')
  for (const c of ['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN']) t.equal(outcomeForError(c, false), 'unreachable')
  t.equal(outcomeForError('ENETDOWN', false), 'error', "this host's own link is down: not a verdict")
  t.equal(outcomeForError('ETIMEDOUT', false), 'timeout')
  t.equal(outcomeForError(undefined, false), 'error')
})

t.test('ok over IPv6 to [::1]', async (t) => {
  const l = await startListener({ bind: '::1', port: 0, key })
  t.teardown(() => l.close())
  l.expect(nonce)
  const r = await probeTcp(base(l.port, { host: '::1' }))
  t.equal(r.outcome, 'ok')
  t.equal(r.observedPeer, '::1')
  t.equal(r.serverAddress, '::1')
})

t.test("a foreign service's UTF-8 text is shown as text", async (t) => {
  const port = await server(t, (s) => s.end('HTTP/1.1 400 Mauvaise requête ✓\r\n\r\n'))
  const r = await probeTcp(base(port))
  t.equal(r.answer, 'HTTP/1.1 400 Mauvaise requête ✓')
})

t.test('an abort ends the attempt at once, before or while it waits', async (t) => {
  const port = await server(t, () => {})
  const c = new AbortController()
  const started = performance.now()
  const pending = probeTcp(base(port, { signal: c.signal, timeoutMs: 10_000 }))
  setTimeout(() => c.abort(), 20)
  t.match(await pending, { outcome: 'error', error: 'aborted' })
  t.ok(performance.now() - started < 5000, 'not the timeout')
  t.match(await probeTcp(base(port, { signal: c.signal })), { outcome: 'error', error: 'aborted' }, 'already aborted')
  const done = new AbortController()
  t.equal((await probeTcp(base(await server(t, (s) => s.destroy()), { signal: done.signal }))).outcome, 'wrong-service')
  done.abort() // after the end: nothing left listening on the signal
})
