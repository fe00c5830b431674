// Lab NAT-PMP server that announces a given external address, like routers that report a reserved WAN address (miniupnpd 2.3.1 refuses to).
import { createSocket } from 'node:dgram'

// Usage: node natpmp-responder.mjs EXTERNAL_IPV4 [BIND_ADDRESS]
//   Answers RFC 6886 external-address requests (version 0, opcode 0) with EXTERNAL_IPV4, map
//   requests with result 2 (not authorised: it maps nothing), and PCP (version 2) requests with
//   "unsupported version", as a NAT-PMP-only server does (RFC 6887 §9). Prints "listening" when
//   ready; exits when stdin closes (the lab holds it open).
if (process.argv.length <= 2) {
  // Run bare (e.g. `tap test/lab/` runs every file in the folder): say how to use it and do nothing, least of all listen.
  process.stderr.write('usage: natpmp-responder.mjs EXTERNAL_IPV4 [BIND_ADDRESS]\n')
  process.exit(0)
}
const [external, bind = '192.168.77.1'] = process.argv.slice(2)
const octets = (external ?? '').split('.').map(Number)
if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) {
  process.stderr.write('usage: natpmp-responder.mjs EXTERNAL_IPV4 [BIND_ADDRESS]\n')
  process.exit(2)
}
const started = Date.now()
const epoch = () => Math.floor((Date.now() - started) / 1000)

const socket = createSocket('udp4')
socket.on('message', (msg, rinfo) => {
  if (msg.length < 2) return
  const [version, opcode] = msg
  let answer
  if (version !== 0) {
    answer = Buffer.alloc(8) // version 0, opcode 128 | request's, result 1 (unsupported version)
    answer.writeUInt8(128 + (opcode & 0x7f), 1)
    answer.writeUInt16BE(1, 2)
    answer.writeUInt32BE(epoch(), 4)
  } else if (opcode === 0) {
    answer = Buffer.alloc(12)
    answer.writeUInt8(128, 1)
    answer.writeUInt32BE(epoch(), 4)
    Buffer.from(octets).copy(answer, 8)
  } else {
    answer = Buffer.alloc(16) // a map request, refused: result 2
    answer.writeUInt8(128 + opcode, 1)
    answer.writeUInt16BE(2, 2)
    answer.writeUInt32BE(epoch(), 4)
  }
  socket.send(answer, rinfo.port, rinfo.address)
})
socket.bind(5351, bind, () => process.stdout.write('listening\n'))
socket.on('error', (err) => {
  process.stderr.write(`natpmp-responder: ${err.message}\n`)
  process.exit(1)
})
process.stdin.on('end', () => process.exit(0))
process.stdin.resume()
