// Lab self-check for UDP forwards without the CLI: a datagram listener that reports the peer it saw, and a client that classifies the answer.
import { createSocket } from 'node:dgram'
import { isIP } from 'node:net'

// Usage:
//   node udp-probe.mjs listen PORT [HOST]                     prints "listening"; answers each datagram with "PEER <addr>\n"
//   node udp-probe.mjs send HOST PORT MS connected|unconnected prints one JSON line: {outcome, from, peer, error, ms}
// Outcomes:
//   ok           an answer from HOST:PORT (what a working hairpin looks like)
//   direct       an answer from another address (the server's own LAN address: DNAT without SNAT).
//                Only an unconnected socket sees it; a connected one filters it out, so it times out.
//   refused      ICMP port unreachable (ECONNREFUSED; connected sockets only)
//   unreachable  ICMP host or network unreachable (EHOSTUNREACH / ENETUNREACH; connected sockets only)
//   timeout      nothing within MS
//   error        anything else (see `error`)
const [mode, ...rest] = process.argv.slice(2)
const plain = (addr) => (addr ?? '').replace(/^::ffff:/, '')
const family = (host) => (isIP(host) === 6 ? 'udp6' : 'udp4')

// A single short try gave flaky answers in practice (DOMAIN.md): resend at this interval until MS is up.
const RESEND_MS = 200

if (mode === undefined) {
  // Run bare (e.g. `tap test/lab/` runs every file in the folder): usage, and a clean exit.
  process.stderr.write('usage: udp-probe.mjs listen PORT [HOST] | send HOST PORT MS connected|unconnected\n')
  process.exit(0)
} else if (mode === 'listen') {
  const port = Number(rest[0])
  const host = rest[1] ?? '0.0.0.0'
  const sock = createSocket(family(host))
  sock.on('message', (msg, rinfo) => {
    sock.send(`PEER ${plain(rinfo.address)}\n`, rinfo.port, rinfo.address)
  })
  sock.on('error', (err) => {
    process.stderr.write(`udp-probe: ${err.message}\n`)
    process.exit(1)
  })
  sock.bind(port, host, () => process.stdout.write('listening\n'))
  // EOF on stdin: the lab process is gone.
  process.stdin.on('end', () => process.exit(0))
  process.stdin.on('error', () => process.exit(0))
  process.stdin.resume()
  process.on('SIGTERM', () => process.exit(0))
} else if (mode === 'send' && rest.length === 4 && ['connected', 'unconnected'].includes(rest[3])) {
  const [host, portStr, msStr, how] = rest
  const port = Number(portStr)
  const connected = how === 'connected'
  const t0 = performance.now()
  const sock = createSocket(family(host))
  let done = false
  let resend
  const finish = (r) => {
    if (done) return
    done = true
    clearInterval(resend)
    process.stdout.write(JSON.stringify({ from: null, peer: null, error: null, ...r, ms: Math.round(performance.now() - t0) }) + '\n')
    process.exit(0)
  }
  const fromError = (err) => {
    const code = err.code ?? 'ERR'
    const outcome =
      code === 'ECONNREFUSED' ? 'refused' : code === 'EHOSTUNREACH' || code === 'ENETUNREACH' ? 'unreachable' : 'error'
    finish({ outcome, error: code })
  }
  const hello = Buffer.from('hello\n')
  const send = () => (connected ? sock.send(hello, (err) => err && fromError(err)) : sock.send(hello, port, host, (err) => err && fromError(err)))
  sock.on('message', (msg, rinfo) => {
    const from = plain(rinfo.address)
    const m = /^PEER (\S+)\n/.exec(msg.toString('latin1'))
    finish({ outcome: from === host && rinfo.port === port ? 'ok' : 'direct', from: `${from}:${rinfo.port}`, peer: m ? m[1] : null })
  })
  // A connected socket reports ICMP errors (port/host unreachable) here, on the receive after them.
  sock.on('error', fromError)
  setTimeout(() => finish({ outcome: 'timeout' }), Number(msStr))
  const start = () => {
    send()
    resend = setInterval(send, RESEND_MS)
  }
  if (connected) sock.connect(port, host, start)
  else sock.bind(0, start)
} else {
  process.stderr.write('usage: udp-probe.mjs listen PORT [HOST] | send HOST PORT MS connected|unconnected\n')
  process.exit(2)
}
