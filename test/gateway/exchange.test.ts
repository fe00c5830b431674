// Tests for the shared UDP request/answer transport, against fake servers on 127.0.0.1.
import t, { type Test } from 'tap'
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram'
import { errorText, NO_ANSWER, NOT_WAITED_FOR, udpExchange, type ExchangeOptions } from '../../src/gateway/exchange.js'

/** A UDP server on 127.0.0.1 that does `onMessage` with each datagram. */
async function udpServer(t: Test, onMessage: (msg: Buffer, rinfo: RemoteInfo, self: Socket) => void): Promise<Socket> {
  const s = createSocket('udp4')
  s.on('message', (msg, rinfo) => onMessage(msg, rinfo, s))
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r))
  t.teardown(() => new Promise<void>((r) => s.close(() => r())))
  return s
}

/** A port where nothing listens (bound, then closed). */
async function closedPort(): Promise<number> {
  const s = createSocket('udp4')
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r))
  const port = s.address().port
  await new Promise<void>((r) => s.close(r))
  return port
}

/** Timers alive now: an exchange must leave none behind. */
const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

const base = (port: number): ExchangeOptions<string> => ({
  host: '127.0.0.1',
  port,
  payload: Buffer.from('ping'),
  timeoutMs: 1000,
  resendAfter: () => null,
  decode: (msg) => (msg.toString() === 'pong' ? 'pong' : null),
})

t.test('an answer the decoder accepts ends the exchange', async (t) => {
  const server = await udpServer(t, (_msg, rinfo, s) => {
    s.send('noise', rinfo.port, rinfo.address)
    s.send('pong', rinfo.port, rinfo.address)
  })
  const before = timers()
  const r = await udpExchange(base(server.address().port))
  t.same(r, { answer: 'pong', error: null, sent: 1 })
  t.equal(timers(), before, 'no timer left behind')
})

t.test('resends on the schedule until answered', async (t) => {
  let seen = 0
  const server = await udpServer(t, (_msg, rinfo, s) => {
    if (++seen === 3) s.send('pong', rinfo.port, rinfo.address)
  })
  const asked: number[] = []
  const r = await udpExchange({ ...base(server.address().port), resendAfter: (n) => (asked.push(n), 10) })
  t.equal(r.answer, 'pong')
  t.equal(r.sent, 3)
  t.same(asked, [1, 2, 3], 'asked after each send')
})

t.test('silence: no answer at the deadline, resends stop when the schedule says so', async (t) => {
  let seen = 0
  const server = await udpServer(t, () => seen++)
  const before = timers()
  const r = await udpExchange({ ...base(server.address().port), timeoutMs: 150, resendAfter: (n) => (n < 2 ? 10 : null) })
  t.same(r, { answer: null, error: NO_ANSWER, sent: 2 })
  t.equal(seen, 2)
  t.equal(timers(), before, 'no timer left behind')
})


t.test('a caller that stops waiting: the exchange ends at once, with nothing left behind', async (t) => {
  const server = await udpServer(t, () => {})
  const before = timers()
  const stop = new AbortController()
  setTimeout(() => stop.abort(), 30)
  const started = Date.now()
  const r = await udpExchange({ ...base(server.address().port), timeoutMs: 5000, resendAfter: () => 10, signal: stop.signal })
  t.match(r, { answer: null, error: NOT_WAITED_FOR })
  t.ok(Date.now() - started < 1000, 'not the deadline')
  t.equal(timers(), before, 'no timer left behind')
  t.match(await udpExchange({ ...base(server.address().port), signal: AbortSignal.abort() }), { answer: null, error: NOT_WAITED_FOR }, 'already stopped')
})

t.test('a closed port: ECONNREFUSED at once (ICMP port unreachable on the connected socket)', async (t) => {
  const r = await udpExchange({ ...base(await closedPort()), resendAfter: () => 50 })
  t.equal(r.error, 'ECONNREFUSED')
  t.equal(r.answer, null)
})

t.test('answers from another port or address never reach the decoder', async (t) => {
  const decoded: string[] = []
  const other = await udpServer(t, () => {})
  const server = await udpServer(t, (_msg, rinfo, s) => {
    other.send('pong', rinfo.port, rinfo.address) // right text, wrong port
    setTimeout(() => s.send('pong', rinfo.port, rinfo.address), 20)
  })
  const r = await udpExchange({ ...base(server.address().port), decode: (msg) => (decoded.push(msg.toString()), 'pong') })
  t.equal(r.answer, 'pong')
  t.same(decoded, ['pong'], 'only the server itself was heard')
})

t.test('no time at all: nothing is sent', async (t) => {
  t.same(await udpExchange({ ...base(9), timeoutMs: 0 }), { answer: null, error: NO_ANSWER, sent: 0 })
})

t.test('a local address that is not ours: the bind error', async (t) => {
  const r = await udpExchange({ ...base(9), bind: '192.0.2.1' })
  t.equal(r.error, 'EADDRNOTAVAIL')
  t.equal(r.sent, 0)
})

t.test('a send that fails: its error ends the exchange, and a late one changes nothing', async (t) => {
  // Larger than a UDP datagram can be: the send fails in its callback.
  const server = await udpServer(t, () => {})
  const r = await udpExchange({ ...base(server.address().port), payload: Buffer.alloc(70_000), resendAfter: () => 0 })
  t.equal(r.error, 'EMSGSIZE')
  t.equal(r.answer, null)
})

t.test('errorText: the code, else the message, else the value', async (t) => {
  t.equal(errorText(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })), 'ECONNREFUSED')
  t.equal(errorText(new Error('went wrong')), 'went wrong')
  t.equal(errorText('plain'), 'plain')
  t.equal(errorText(null), 'null')
})
