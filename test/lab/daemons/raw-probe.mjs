// Lab self-check without the CLI: a listener that reports the peer it saw, and a client that classifies the outcome.
import { createServer, connect } from 'node:net'

// Usage:
//   node raw-probe.mjs listen PORT              prints "listening"; answers "PEER <addr>\n" to each line
//   node raw-probe.mjs connect HOST PORT MS     prints one JSON line: {outcome, peer, answer, error, ms}
// Outcomes mirror the CLI's: ok | refused | timeout | reset | wrong-service | unreachable | error.
if (process.argv.length <= 2) {
  // Run bare (e.g. `tap test/lab/` runs every file in the folder): say how to use it and do nothing, least of all listen.
  process.stderr.write('usage: raw-probe.mjs listen PORT | connect HOST PORT MS\n')
  process.exit(0)
}
const [mode, ...rest] = process.argv.slice(2)
const plain = (addr) => (addr ?? '').replace(/^::ffff:/, '')

if (mode === 'listen') {
  const port = Number(rest[0])
  const server = createServer((sock) => {
    sock.on('error', () => {})
    sock.once('data', () => sock.end(`PEER ${plain(sock.remoteAddress)}\n`))
  })
  server.listen(port, '0.0.0.0', () => process.stdout.write('listening\n'))
  server.on('error', (err) => {
    process.stderr.write(`raw-probe: ${err.message}\n`)
    process.exit(1)
  })
  // EOF on stdin: the lab process is gone.
  process.stdin.on('end', () => process.exit(0))
  process.stdin.on('error', () => process.exit(0))
  process.stdin.resume()
  process.on('SIGTERM', () => process.exit(0))
} else if (mode === 'connect') {
  const [host, portStr, msStr] = rest
  const t0 = performance.now()
  let done = false
  const finish = (r) => {
    if (done) return
    done = true
    process.stdout.write(JSON.stringify({ peer: null, answer: null, error: null, ...r, ms: Math.round(performance.now() - t0) }) + '\n')
    sock.destroy()
    process.exit(0)
  }
  const sock = connect({ host, port: Number(portStr), family: 4 })
  let got = ''
  sock.setTimeout(Number(msStr), () => finish({ outcome: 'timeout' }))
  sock.on('connect', () => sock.write('hello\n'))
  sock.on('data', (d) => {
    got += d.toString('latin1')
    const m = /^PEER (\S+)\n/.exec(got)
    if (m) finish({ outcome: 'ok', peer: m[1] })
    else if (got.includes('\n') || got.length > 200) finish({ outcome: 'wrong-service', answer: got.slice(0, 200) })
  })
  sock.on('end', () => finish(got ? { outcome: 'wrong-service', answer: got.slice(0, 200) } : { outcome: 'reset', error: 'EOF' }))
  sock.on('error', (err) => {
    const code = err.code ?? 'ERR'
    const outcome =
      code === 'ECONNREFUSED' ? 'refused'
        : code === 'ECONNRESET' ? 'reset'
          : code === 'EHOSTUNREACH' || code === 'ENETUNREACH' ? 'unreachable'
            : code === 'ETIMEDOUT' ? 'timeout'
              : 'error'
    finish({ outcome, error: code })
  })
} else {
  process.stderr.write('usage: raw-probe.mjs listen PORT | connect HOST PORT MS\n')
  process.exit(2)
}
