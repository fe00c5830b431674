// Lab client for the router's port-mapping server: one NAT-PMP external-address or mapping request, or one PCP ANNOUNCE; answer as JSON.
import { createSocket } from 'node:dgram'
import { isIPv4 } from 'node:net'

// Usage (inside a lab host):
//   node natpmp-query.mjs natpmp GATEWAY [TIMEOUT_MS]            NAT-PMP (RFC 6886) version 0, opcode 0
//   node natpmp-query.mjs pcp GATEWAY CLIENT_IP [TIMEOUT_MS]     PCP (RFC 6887) version 2, ANNOUNCE (opcode 0)
//   node natpmp-query.mjs map GATEWAY tcp|udp INTERNAL_PORT EXTERNAL_PORT LIFETIME_S [TIMEOUT_MS]
//                                                                NAT-PMP mapping request (opcode 2 TCP, 1 UDP);
//                                                                lifetime 0 deletes the mapping
// Prints one JSON line: { proto, sent, answer, from, ms, ...parsed fields } or { proto, sent, outcome: 'timeout' }.
const args = process.argv.slice(2)
if (args.length === 0) {
  // Run bare (e.g. `tap test/lab/` runs every file in the folder): say how to use it and do nothing.
  process.stderr.write(
    'usage: node natpmp-query.mjs natpmp GATEWAY [TIMEOUT_MS] | pcp GATEWAY CLIENT_IP [TIMEOUT_MS]\n' +
      '       | map GATEWAY tcp|udp INTERNAL_PORT EXTERNAL_PORT LIFETIME_S [TIMEOUT_MS]\n',
  )
  process.exit(0)
}

/** The server port of both protocols (RFC 6886 section 3.1, RFC 6887 section 19.1). */
const SERVER_PORT = 5351
// RFC 6886 section 3.1: the first retransmission after 250 ms, then doubling. The lab answers in
// milliseconds; resending covers a datagram lost while the server is still binding.
const FIRST_RESEND_MS = 250
/** Default overall wait: several resends, still short enough for a test. */
const DEFAULT_TIMEOUT_MS = 2000

const [proto, gateway, third, fourth, fifth, sixth, seventh] = args
let request
let timeoutMs
if (proto === 'map') {
  // Version 0, opcode 1 (UDP) or 2 (TCP), 2 reserved bytes, internal port, suggested external port, lifetime (RFC 6886 section 3.3).
  if (third !== 'tcp' && third !== 'udp') throw new Error('map needs tcp or udp')
  request = Buffer.alloc(12)
  request[1] = third === 'udp' ? 1 : 2
  request.writeUInt16BE(Number(fourth), 4)
  request.writeUInt16BE(Number(fifth), 6)
  request.writeUInt32BE(Number(sixth), 8)
  timeoutMs = Number(seventh ?? DEFAULT_TIMEOUT_MS)
} else if (proto === 'natpmp') {
  // Version 0, opcode 0: "what is your external address?" (2 bytes, RFC 6886 section 3.2).
  request = Buffer.from([0, 0])
  timeoutMs = Number(third ?? DEFAULT_TIMEOUT_MS)
} else if (proto === 'pcp') {
  if (!third || !isIPv4(third)) throw new Error('pcp needs the client IPv4 address (the PCP client address field)')
  // Common request header (RFC 6887 section 7.1): version 2, R=0 + opcode 0 (ANNOUNCE),
  // 2 reserved bytes, requested lifetime 0, then the client's address as IPv4-mapped IPv6.
  request = Buffer.alloc(24)
  request[0] = 2
  request[1] = 0
  request.writeUInt32BE(0, 4)
  request.writeUInt16BE(0xffff, 18)
  Buffer.from(third.split('.').map(Number)).copy(request, 20)
  timeoutMs = Number(fourth ?? DEFAULT_TIMEOUT_MS)
} else {
  throw new Error(`unknown request ${proto}: natpmp, pcp or map`)
}
if (!gateway || !isIPv4(gateway)) throw new Error('GATEWAY must be an IPv4 address')

/** NAT-PMP result codes (RFC 6886 section 3.5). */
const NATPMP_RESULTS = ['success', 'unsupported version', 'not authorized/refused', 'network failure', 'out of resources', 'unsupported opcode']
/** PCP result codes (RFC 6887 section 7.4). */
const PCP_RESULTS = [
  'SUCCESS',
  'UNSUPP_VERSION',
  'NOT_AUTHORIZED',
  'MALFORMED_REQUEST',
  'UNSUPP_OPCODE',
  'UNSUPP_OPTION',
  'MALFORMED_OPTION',
  'NETWORK_FAILURE',
  'NO_RESOURCES',
  'UNSUPP_PROTOCOL',
  'USER_EX_QUOTA',
  'CANNOT_PROVIDE_EXTERNAL',
  'ADDRESS_MISMATCH',
  'EXCESSIVE_REMOTE_PEERS',
]

/** Decodes an answer; unknown shapes keep only the bytes. */
function parse(msg) {
  const out = {}
  if (msg.length >= 4) {
    out.version = msg[0]
    out.opcode = msg[1]
  }
  if (msg[0] === 0 && msg.length >= 8) {
    // NAT-PMP: version, 128 + opcode, result (16 bits), seconds since start of epoch, then for opcode 128 the address.
    out.resultCode = msg.readUInt16BE(2)
    out.result = NATPMP_RESULTS[out.resultCode] ?? 'unknown'
    out.epoch = msg.readUInt32BE(4)
    if (msg[1] === 128 && msg.length >= 12) out.externalAddress = [...msg.subarray(8, 12)].join('.')
    if ((msg[1] === 129 || msg[1] === 130) && msg.length >= 16) {
      out.internalPort = msg.readUInt16BE(8)
      out.externalPort = msg.readUInt16BE(10)
      out.lifetime = msg.readUInt32BE(12)
    }
  } else if (msg[0] === 2 && msg.length >= 24) {
    // PCP response header: version, R=1 + opcode, reserved, result code (8 bits), lifetime, epoch, 96 reserved bits.
    out.resultCode = msg[3]
    out.result = PCP_RESULTS[out.resultCode] ?? 'unknown'
    out.lifetime = msg.readUInt32BE(4)
    out.epoch = msg.readUInt32BE(8)
  }
  return out
}

const sock = createSocket('udp4')
const t0 = performance.now()
let resend = FIRST_RESEND_MS
let timer
const send = () => {
  sock.send(request, SERVER_PORT, gateway)
  timer = setTimeout(() => {
    resend *= 2
    send()
  }, resend)
}
const deadline = setTimeout(() => finish({ outcome: 'timeout' }), timeoutMs)
function finish(result) {
  clearTimeout(timer)
  clearTimeout(deadline)
  process.stdout.write(JSON.stringify({ proto, sent: request.toString('hex'), ...result, ms: Math.round(performance.now() - t0) }) + '\n')
  sock.close()
}
sock.on('message', (msg, rinfo) => {
  finish({ outcome: 'answer', answer: msg.toString('hex'), from: `${rinfo.address}:${rinfo.port}`, ...parse(msg) })
})
sock.on('error', (err) => finish({ outcome: 'error', code: err.code ?? String(err) }))
sock.bind(0, send)
