// Tests for the PCP presence check (RFC 6887 ANNOUNCE), against fake servers on 127.0.0.1.
import t, { type Test } from 'tap'
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram'
import {
  decodePcpAnswer,
  PCP_HEADER_BYTES,
  PCP_INITIAL_RESEND_MS,
  PCP_MAX_BYTES,
  PCP_MAX_RESEND_MS,
  PCP_OPCODE_ANNOUNCE,
  PCP_PORT,
  PCP_VERSION,
  pcpAnnounce,
  pcpAnnounceRequest,
  pcpResendAfter,
} from '../../src/gateway/pcp.js'

const now = (): number => performance.now()

/** A UDP server on 127.0.0.1 that does `onMessage` with each datagram. */
async function udpServer(t: Test, onMessage: (msg: Buffer, rinfo: RemoteInfo, self: Socket) => void): Promise<Socket> {
  const s = createSocket('udp4')
  s.on('message', (msg, rinfo) => onMessage(msg, rinfo, s))
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r))
  t.teardown(() => new Promise<void>((r) => s.close(() => r())))
  return s
}

/** A version 2 response header (RFC 6887 §7.2). */
function v2Answer(resultCode: number, opcode = PCP_OPCODE_ANNOUNCE, length = 24): Buffer {
  const b = Buffer.alloc(length)
  b[0] = 2
  b[1] = 0x80 | opcode
  b[3] = resultCode
  b.writeUInt32BE(0, 4) // lifetime
  b.writeUInt32BE(99, 8) // epoch
  return b
}

/** NAT-PMP's "Unsupported Version" (RFC 6886 §3.5): 8 bytes. */
function v0Unsupported(op = 128, length = 8): Buffer {
  const b = Buffer.alloc(length)
  b[1] = op
  b.writeUInt16BE(1, 2)
  b.writeUInt32BE(42, 4)
  return b
}

t.test('constants', async (t) => {
  t.equal(PCP_PORT, 5351)
  t.equal(PCP_VERSION, 2)
  t.equal(PCP_OPCODE_ANNOUNCE, 0)
  t.equal(PCP_HEADER_BYTES, 24)
  t.equal(PCP_MAX_BYTES, 1100)
  t.equal(PCP_INITIAL_RESEND_MS, 3000)
  t.equal(PCP_MAX_RESEND_MS, 1_024_000)
})

t.test('the ANNOUNCE request: 24 bytes, version 2, opcode 0, lifetime 0, the IPv4-mapped client address', async (t) => {
  const b = pcpAnnounceRequest('192.168.77.10')
  t.equal(b.length, 24)
  t.same([...b], [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 168, 77, 10])
})

t.test('resend schedule: IRT doubled up to MRT, jittered ±10 %', async (t) => {
  t.equal(pcpResendAfter(1, () => 0.5), 3000)
  t.equal(pcpResendAfter(1, () => 0), 2700)
  t.equal(pcpResendAfter(2, () => 1), 6600)
  t.equal(pcpResendAfter(40, () => 0.5), 1_024_000, 'capped at MRT')
  const d = pcpResendAfter(1)
  t.ok(d >= 2700 && d <= 3300, 'Math.random by default')
})

t.test('a PCP server answers version 2 with the R bit: present', async (t) => {
  const requests: Buffer[] = []
  const server = await udpServer(t, (msg, rinfo, s) => {
    requests.push(msg)
    s.send(v2Answer(0), rinfo.port, rinfo.address)
  })
  const r = await pcpAnnounce({ gateway: '127.0.0.1', client: '127.0.0.1', timeoutMs: 2000, now, port: server.address().port })
  t.match(r, { present: true, version: 2, resultCode: 0, error: null })
  t.ok(r.ms >= 0)
  t.same(requests, [pcpAnnounceRequest('127.0.0.1')])
})

t.test('a PCP error answer still proves presence (ADDRESS_MISMATCH, 12)', async (t) => {
  const server = await udpServer(t, (_msg, rinfo, s) => s.send(v2Answer(12), rinfo.port, rinfo.address))
  const r = await pcpAnnounce({ gateway: '127.0.0.1', client: '127.0.0.1', timeoutMs: 2000, now, port: server.address().port })
  t.match(r, { present: true, version: 2, resultCode: 12 })
})

t.test('a NAT-PMP-only server answers version 0 "unsupported version": not present', async (t) => {
  const server = await udpServer(t, (_msg, rinfo, s) => s.send(v0Unsupported(), rinfo.port, rinfo.address))
  const r = await pcpAnnounce({ gateway: '127.0.0.1', client: '127.0.0.1', timeoutMs: 2000, now, port: server.address().port })
  t.match(r, { present: false, version: 0, resultCode: 1, error: null })
})

t.test('silence: present unknown, "no answer"', async (t) => {
  let requests = 0
  const server = await udpServer(t, () => requests++)
  const r = await pcpAnnounce({ gateway: '127.0.0.1', client: '127.0.0.1', timeoutMs: 200, now, port: server.address().port })
  t.match(r, { present: null, version: null, resultCode: null, error: 'no answer' })
  t.equal(requests, 1, 'IRT is 3 s: no resend within 200 ms')
})


t.test('a caller that stops waiting: present unknown, "not waited for"', async (t) => {
  const server = await udpServer(t, () => {})
  const r = await pcpAnnounce({ gateway: '127.0.0.1', client: '127.0.0.1', timeoutMs: 5000, now, port: server.address().port, signal: AbortSignal.timeout(30) })
  t.match(r, { present: null, error: 'not waited for' })
})

t.test('malformed answers are ignored', async (t) => {
  const junk = [
    Buffer.alloc(0),
    v2Answer(0, 0, 20), // short
    v2Answer(0, 0, 26), // not a multiple of 4
    v2Answer(0, 0, 1104), // longer than PCP allows
    v2Answer(0, 1), // a MAP answer, not ours
    Object.assign(v2Answer(0), { 1: 0 }), // R bit clear: a request
    v0Unsupported().subarray(0, 4), // too short for NAT-PMP
    v0Unsupported(129), // a NAT-PMP mapping answer
    v0Unsupported(128, 16),
  ]
  const server = await udpServer(t, (_msg, rinfo, s) => {
    for (const b of junk) s.send(b, rinfo.port, rinfo.address)
    setTimeout(() => s.send(v2Answer(0, 0, 28), rinfo.port, rinfo.address), 30) // with 4 bytes of options room: fine
  })
  const r = await pcpAnnounce({ gateway: '127.0.0.1', client: '127.0.0.1', timeoutMs: 2000, now, port: server.address().port })
  t.match(r, { present: true, version: 2, resultCode: 0 })
})

t.test('decodePcpAnswer, directly', async (t) => {
  t.same(decodePcpAnswer(v0Unsupported(0)), { version: 0, resultCode: 1 }, "RFC 6886's figure: opcode 0")
  t.same(decodePcpAnswer(v0Unsupported(128, 12)), { version: 0, resultCode: 1 }, 'padded to 12')
  t.same(decodePcpAnswer(Object.assign(v2Answer(1), { 0: 1 })), { version: 1, resultCode: 1 }, 'an old PCP version')
})

t.test('an old PCP server (version 1): not present', async (t) => {
  const server = await udpServer(t, (_msg, rinfo, s) => s.send(Object.assign(v2Answer(1), { 0: 1 }), rinfo.port, rinfo.address))
  const r = await pcpAnnounce({ gateway: '127.0.0.1', client: '127.0.0.1', timeoutMs: 2000, now, port: server.address().port })
  t.match(r, { present: false, version: 1, resultCode: 1 })
})

t.test('bad input, the default port, and a client address that is not ours', async (t) => {
  t.match(await pcpAnnounce({ gateway: 'router', client: '127.0.0.1', timeoutMs: 1000, now }), { present: null, error: 'gateway is not an IPv4 address', ms: 0 })
  t.match(await pcpAnnounce({ gateway: '127.0.0.1', client: '::1', timeoutMs: 1000, now }), { present: null, error: 'client is not an IPv4 address', ms: 0 })
  t.match(await pcpAnnounce({ gateway: '127.0.0.1', client: '127.0.0.1', timeoutMs: 0, now }), { present: null, error: 'no answer' })
  t.match(await pcpAnnounce({ gateway: '127.0.0.1', client: '192.0.2.1', timeoutMs: 1000, now, port: 9 }), { present: null, error: 'EADDRNOTAVAIL' })
})
