// Tests for the NAT-PMP client (RFC 6886), against fake NAT-PMP servers on 127.0.0.1.
import t, { type Test } from 'tap'
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram'
import {
  decodeNatPmpAnswer,
  NATPMP_INITIAL_RESEND_MS,
  NATPMP_MAX_SENDS,
  NATPMP_PORT,
  NATPMP_RESULT_TEXT,
  natPmpExternalAddress,
  natPmpResendAfter,
} from '../../src/gateway/natpmp.js'

const now = (): number => performance.now()

/** A UDP server on 127.0.0.1 that does `onMessage` with each datagram. */
async function udpServer(t: Test, onMessage: (msg: Buffer, rinfo: RemoteInfo, self: Socket) => void): Promise<Socket> {
  const s = createSocket('udp4')
  s.on('message', (msg, rinfo) => onMessage(msg, rinfo, s))
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r))
  t.teardown(() => new Promise<void>((r) => s.close(() => r())))
  return s
}

/** An external-address response (RFC 6886 §3.2). */
function answer(resultCode: number, epoch: number, address: string): Buffer {
  const b = Buffer.alloc(12)
  b[1] = 128
  b.writeUInt16BE(resultCode, 2)
  b.writeUInt32BE(epoch, 4)
  address.split('.').forEach((o, i) => (b[8 + i] = Number(o)))
  return b
}

/** Timers alive now: a query must leave none behind. */
const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

t.test('constants', async (t) => {
  t.equal(NATPMP_PORT, 5351)
  t.equal(NATPMP_INITIAL_RESEND_MS, 250)
  t.equal(NATPMP_MAX_SENDS, 9)
  t.same(NATPMP_RESULT_TEXT, { 0: 'Success', 1: 'Unsupported Version', 2: 'Not Authorized/Refused', 3: 'Network Failure', 4: 'Out of resources', 5: 'Unsupported opcode' })
})

t.test('resend schedule: 250 ms doubling, nine sends (RFC 6886 §3.1)', async (t) => {
  t.same([1, 2, 3, 4, 8, 9].map(natPmpResendAfter), [250, 500, 1000, 2000, 32000, null])
})

t.test('success: the external address and epoch', async (t) => {
  const requests: Buffer[] = []
  const server = await udpServer(t, (msg, rinfo, s) => {
    requests.push(msg)
    s.send(answer(0, 12345, '198.51.100.7'), rinfo.port, rinfo.address)
  })
  const before = timers()
  const r = await natPmpExternalAddress({ gateway: '127.0.0.1', timeoutMs: 2000, now, port: server.address().port })
  t.match(r, { resultCode: 0, externalIp: '198.51.100.7', epoch: 12345, error: null })
  t.ok(r.ms >= 0)
  t.same(requests, [Buffer.from([0, 0])], 'version 0, opcode 0: two bytes')
  t.equal(timers(), before, 'no timer left behind')
})

t.test('result code 3 with 0.0.0.0 (miniupnpd with a reserved WAN address): data, not an error', async (t) => {
  const server = await udpServer(t, (_msg, rinfo, s) => s.send(answer(3, 60, '0.0.0.0'), rinfo.port, rinfo.address))
  const r = await natPmpExternalAddress({ gateway: '127.0.0.1', timeoutMs: 2000, now, port: server.address().port })
  t.match(r, { resultCode: 3, externalIp: null, epoch: 60, error: null })
})

t.test('a short error answer (8 bytes, as old miniupnpd sends) is read', async (t) => {
  const server = await udpServer(t, (_msg, rinfo, s) => s.send(answer(2, 7, '0.0.0.0').subarray(0, 8), rinfo.port, rinfo.address))
  const r = await natPmpExternalAddress({ gateway: '127.0.0.1', timeoutMs: 2000, now, port: server.address().port })
  t.match(r, { resultCode: 2, externalIp: null, epoch: 7, error: null })
})

t.test('success with 0.0.0.0: no address', async (t) => {
  const server = await udpServer(t, (_msg, rinfo, s) => s.send(answer(0, 1, '0.0.0.0'), rinfo.port, rinfo.address))
  const r = await natPmpExternalAddress({ gateway: '127.0.0.1', timeoutMs: 2000, now, port: server.address().port })
  t.match(r, { resultCode: 0, externalIp: null, error: null })
})

t.test('malformed and short answers are ignored; the good one after them counts', async (t) => {
  const good = answer(0, 9, '203.0.113.9')
  const bad = [
    Buffer.alloc(0),
    Buffer.from([0]),
    good.subarray(0, 11), // short
    Buffer.concat([good, Buffer.alloc(1)]), // long
    Buffer.from([1, ...good.subarray(1)]), // version 1
    Buffer.from([0, 129, ...good.subarray(2)]), // opcode 129 (a UDP mapping answer)
    Buffer.from([0, 0, ...good.subarray(2)]), // a request, not an answer
    good.subarray(0, 8), // 8 bytes but Success: the address is missing
  ]
  const server = await udpServer(t, (_msg, rinfo, s) => {
    for (const b of bad) s.send(b, rinfo.port, rinfo.address)
    setTimeout(() => s.send(good, rinfo.port, rinfo.address), 30)
  })
  const r = await natPmpExternalAddress({ gateway: '127.0.0.1', timeoutMs: 2000, now, port: server.address().port })
  t.match(r, { resultCode: 0, externalIp: '203.0.113.9', epoch: 9 })
})

t.test('decodeNatPmpAnswer, directly', async (t) => {
  t.same(decodeNatPmpAnswer(answer(0, 5, '192.0.2.1')), { resultCode: 0, epoch: 5, address: '192.0.2.1' })
  t.same(decodeNatPmpAnswer(answer(3, 5, '0.0.0.0').subarray(0, 8)), { resultCode: 3, epoch: 5, address: '0.0.0.0' })
  t.equal(decodeNatPmpAnswer(Buffer.alloc(12)), null, 'opcode 0 is a request')
  t.equal(decodeNatPmpAnswer(Buffer.alloc(16)), null)
})

t.test('answers from the wrong port are ignored', async (t) => {
  const impostor = await udpServer(t, () => {})
  const server = await udpServer(t, (_msg, rinfo, s) => {
    impostor.send(answer(0, 1, '192.0.2.66'), rinfo.port, rinfo.address)
    setTimeout(() => s.send(answer(0, 1, '198.51.100.1'), rinfo.port, rinfo.address), 30)
  })
  const r = await natPmpExternalAddress({ gateway: '127.0.0.1', timeoutMs: 2000, now, port: server.address().port })
  t.equal(r.externalIp, '198.51.100.1', 'the impostor on another port was not heard')
})

t.test('retransmission: the server drops the first request', async (t) => {
  let requests = 0
  const server = await udpServer(t, (_msg, rinfo, s) => {
    if (++requests >= 2) s.send(answer(0, 2, '198.51.100.2'), rinfo.port, rinfo.address)
  })
  const r = await natPmpExternalAddress({ gateway: '127.0.0.1', timeoutMs: 3000, now, port: server.address().port })
  t.equal(r.externalIp, '198.51.100.2')
  t.equal(requests, 2, 'answered on the resend')
})

t.test('silence: no answer at the timeout', async (t) => {
  let requests = 0
  const server = await udpServer(t, () => requests++)
  const before = timers()
  const r = await natPmpExternalAddress({ gateway: '127.0.0.1', timeoutMs: 300, now, port: server.address().port })
  t.match(r, { resultCode: null, externalIp: null, epoch: null, error: 'no answer' })
  t.ok(requests >= 1, 'asked')
  t.equal(timers(), before, 'no timer left behind')
})


t.test('a caller that stops waiting: "not waited for"', async (t) => {
  const server = await udpServer(t, () => {})
  const r = await natPmpExternalAddress({ gateway: '127.0.0.1', timeoutMs: 5000, now, port: server.address().port, signal: AbortSignal.timeout(30) })
  t.match(r, { resultCode: null, externalIp: null, error: 'not waited for' })
})

t.test('nothing on the port: ECONNREFUSED', async (t) => {
  const s = createSocket('udp4')
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r))
  const port = s.address().port
  await new Promise<void>((r) => s.close(r))
  const r = await natPmpExternalAddress({ gateway: '127.0.0.1', timeoutMs: 2000, now, port })
  t.equal(r.error, 'ECONNREFUSED')
})

t.test('the default port, and a gateway that is not IPv4', async (t) => {
  // No time: nothing is sent to port 5351, but the default is taken.
  const r = await natPmpExternalAddress({ gateway: '127.0.0.1', timeoutMs: 0, now })
  t.equal(r.error, 'no answer')
  const v6 = await natPmpExternalAddress({ gateway: 'fe80::1', timeoutMs: 1000, now })
  t.same(v6, { resultCode: null, externalIp: null, epoch: null, error: 'gateway is not an IPv4 address', ms: 0 })
})
