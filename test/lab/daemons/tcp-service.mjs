// Lab stand-in for a router's own service on the forwarded port (web UI or SSH): anything but our listener.
import { createServer } from 'node:net'

// Usage: node tcp-service.mjs [--host 203.0.113.7] [--port 8443] [--mode http|ssh]
//   http: answers whatever it receives with a router-style "400 Bad Request" page, then closes.
//   ssh:  sends an SSH banner on connect (before the client says anything), then
//         "Protocol mismatch." to whatever it receives, then closes.
if (process.argv.length <= 2) {
  // Run bare (e.g. `tap test/lab/` runs every file in the folder): say how to use it and do nothing: its defaults would listen on port 8443 of whatever namespace this is.
  process.stderr.write('usage: node tcp-service.mjs [--host 203.0.113.7] [--port 8443] [--mode http|ssh]\n')
  process.exit(0)
}
const args = process.argv.slice(2)
const opt = (name, dflt) => {
  const i = args.indexOf(name)
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt
}
const host = opt('--host', '0.0.0.0')
const port = Number(opt('--port', '8443'))
const mode = opt('--mode', 'http')
if (mode !== 'http' && mode !== 'ssh') {
  process.stderr.write(`tcp-service: unknown --mode ${mode} (http|ssh)\n`)
  process.exit(2)
}

// Idle connections are dropped after this, like an embedded web server would; keeps the lab tidy.
const IDLE_MS = 10_000

const body = '<html><head><title>400 Bad Request</title></head><body><h1>Bad Request</h1></body></html>\n'
const httpAnswer =
  'HTTP/1.1 400 Bad Request\r\n' +
  'Server: router-webui\r\n' +
  'Content-Type: text/html\r\n' +
  `Content-Length: ${Buffer.byteLength(body)}\r\n` +
  'Connection: close\r\n\r\n' +
  body

const server = createServer((sock) => {
  sock.setTimeout(IDLE_MS, () => sock.destroy())
  sock.on('error', () => {})
  if (mode === 'ssh') sock.write('SSH-2.0-dropbear_2022.83\r\n')
  sock.once('data', () => {
    sock.end(mode === 'ssh' ? 'Protocol mismatch.\n' : httpAnswer)
  })
})

server.listen(port, host, () => {
  process.stdout.write('listening\n')
})
server.on('error', (err) => {
  process.stderr.write(`tcp-service: ${err.message}\n`)
  process.exit(1)
})

// The lab keeps our stdin open: EOF means the lab process died, so do not outlive it.
process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
process.on('SIGTERM', () => process.exit(0))
