// Lab STUN server (RFC 5389 binding, with RFC 3489 CHANGE-REQUEST): tells the router its mapped address, as miniupnpd's ext_perform_stun asks.
import { createSocket } from 'node:dgram'
import { isIPv4 } from 'node:net'
import { quitWithLab } from './daemon.mjs'

// Usage: node stun-server.mjs PRIMARY_IP ALTERNATE_IP [PORT]
// Listens on PRIMARY_IP and ALTERNATE_IP, each on PORT and PORT+1 (four sockets), and answers
// each Binding Request from the socket its CHANGE-REQUEST attribute asks for: change IP (0x4)
// answers from the other address, change port (0x2) from the other port. miniupnpd sends all four
// combinations and calls the NAT "restrictive" (no port forwarding) unless all four answers get
// back to it with an unchanged address and port: with a real address and port change here, a
// NAT in front of the router (CGNAT, double NAT) drops the changed ones, as out there.
// Prints "listening" once all four sockets are bound.
const args = process.argv.slice(2)
if (args.length === 0) {
  // Run bare (e.g. `tap test/lab/` runs every file in the folder): say how to use it and do not listen.
  process.stderr.write('usage: node stun-server.mjs PRIMARY_IP ALTERNATE_IP [PORT]\n')
  process.exit(0)
}
const [primary, alternate, portArg] = args
if (!isIPv4(primary ?? '') || !isIPv4(alternate ?? '')) throw new Error('PRIMARY_IP and ALTERNATE_IP must be IPv4 addresses')
/** The standard STUN port (RFC 5389 section 9); the alternate port is the next one. */
const port = Number(portArg ?? 3478)

/** RFC 5389 magic cookie: its presence marks a 5389 client; the XOR attributes use it. */
const MAGIC_COOKIE = 0x2112a442
const BINDING_REQUEST = 0x0001
const BINDING_SUCCESS = 0x0101
// Attribute types: RFC 3489 MAPPED-ADDRESS and CHANGE-REQUEST, RFC 5389 XOR-MAPPED-ADDRESS,
// RFC 5780 RESPONSE-ORIGIN and OTHER-ADDRESS.
const ATTR_MAPPED_ADDRESS = 0x0001
const ATTR_CHANGE_REQUEST = 0x0003
const ATTR_XOR_MAPPED_ADDRESS = 0x0020
const ATTR_RESPONSE_ORIGIN = 0x802b
const ATTR_OTHER_ADDRESS = 0x802c
// CHANGE-REQUEST flag bits (RFC 3489 section 11.2.4).
const CHANGE_IP = 0x4
const CHANGE_PORT = 0x2
/** STUN header: type, length, cookie, 96-bit transaction id. */
const HEADER_LEN = 20

/** An IPv4 address attribute (family 1), optionally XORed with the cookie (RFC 5389 section 15.2). */
function addressAttr(type, addr, p, xor) {
  const b = Buffer.alloc(12)
  b.writeUInt16BE(type, 0)
  b.writeUInt16BE(8, 2)
  b[5] = 1
  const ip = addr.split('.').reduce((n, o) => n * 256 + Number(o), 0)
  b.writeUInt16BE(xor ? p ^ (MAGIC_COOKIE >>> 16) : p, 6)
  b.writeUInt32BE(xor ? (ip ^ MAGIC_COOKIE) >>> 0 : ip, 8)
  return b
}

// sockets[ip index][port index]: index 0 is the primary, 1 the alternate.
const ips = [primary, alternate]
const ports = [port, port + 1]
const sockets = ips.map(() => ports.map(() => createSocket('udp4')))

function onMessage(msg, rinfo, ipIdx, portIdx) {
  if (msg.length < HEADER_LEN || msg.readUInt16BE(0) !== BINDING_REQUEST) return
  let flags = 0
  for (let off = HEADER_LEN; off + 4 <= msg.length; ) {
    const type = msg.readUInt16BE(off)
    const len = msg.readUInt16BE(off + 2)
    if (type === ATTR_CHANGE_REQUEST && len === 4 && off + 8 <= msg.length) flags = msg.readUInt32BE(off + 4)
    off += 4 + len + ((4 - (len % 4)) % 4)
  }
  const fromIp = flags & CHANGE_IP ? 1 - ipIdx : ipIdx
  const fromPort = flags & CHANGE_PORT ? 1 - portIdx : portIdx
  const attrs = Buffer.concat([
    addressAttr(ATTR_MAPPED_ADDRESS, rinfo.address, rinfo.port, false),
    addressAttr(ATTR_XOR_MAPPED_ADDRESS, rinfo.address, rinfo.port, true),
    addressAttr(ATTR_RESPONSE_ORIGIN, ips[fromIp], ports[fromPort], false),
    addressAttr(ATTR_OTHER_ADDRESS, ips[1 - ipIdx], ports[1 - portIdx], false),
  ])
  const header = Buffer.alloc(HEADER_LEN)
  header.writeUInt16BE(BINDING_SUCCESS, 0)
  header.writeUInt16BE(attrs.length, 2)
  msg.copy(header, 4, 4, HEADER_LEN) // the client's cookie and transaction id, as sent
  sockets[fromIp][fromPort].send(Buffer.concat([header, attrs]), rinfo.port, rinfo.address)
}

let bound = 0
for (const [i, row] of sockets.entries()) {
  for (const [j, sock] of row.entries()) {
    sock.on('message', (msg, rinfo) => onMessage(msg, rinfo, i, j))
    sock.on('error', (err) => {
      process.stderr.write(`stun-server: ${err.message}\n`)
      process.exit(1)
    })
    sock.bind(ports[j], ips[i], () => {
      if (++bound === 4) process.stdout.write('listening\n')
    })
  }
}

quitWithLab()
