// Lab stand-in for a router's own service on the forwarded port (web UI or SSH): anything but our listener.
import { createServer } from 'node:net'
import { daemonOptions, listenOrFail, quitWithLab } from './daemon.mjs'

// Usage: node tcp-service.mjs [--host 203.0.113.7] [--port 8443] [--mode http|ssh]
//   http: answers whatever it receives with a router-style "400 Bad Request" page, then closes.
//   ssh:  sends an SSH banner on connect (before the client says anything), then
//         "Protocol mismatch." to whatever it receives, then closes.
const { opt, fail } = daemonOptions('tcp-service', 'node tcp-service.mjs [--host 203.0.113.7] [--port 8443] [--mode http|ssh]')
const host = opt('--host', '0.0.0.0')
const port = Number(opt('--port', '8443'))
const mode = opt('--mode', 'http')
if (mode !== 'http' && mode !== 'ssh') fail(`unknown --mode ${mode} (http|ssh)`)

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

listenOrFail(server, port, host, fail)
quitWithLab()
