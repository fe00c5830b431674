// Lab "what is my IP" service: answers each caller with the address it connected from (no reverse DNS).
import { createServer } from 'node:http'
import { daemonOptions, listenOrFail, quitWithLab } from './daemon.mjs'

// Usage: node echo-server.mjs --port 80 [--host 0.0.0.0 | --host ::]
//   --host :: listens dual stack: IPv6 callers get their IPv6 address, IPv4 callers their IPv4 one.
const { opt, fail } = daemonOptions('echo-server', 'node echo-server.mjs --port PORT [--host ADDR]')
const port = Number(opt('--port', '80'))
const host = opt('--host', '0.0.0.0')

/** Strips the IPv4-mapped prefix a dual-stack socket reports for IPv4 callers; IPv6 callers stay as they are. */
const plain = (addr) => (addr ?? '').replace(/^::ffff:/, '')

const server = createServer((req, res) => {
  const ip = plain(req.socket.remoteAddress)
  const path = (req.url ?? '/').split('?')[0]
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { 'content-type': 'text/plain' }).end('method not allowed\n')
  } else if (path === '/' || path === '/ip') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`${ip}\n`)
  } else if (path === '/json') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ip }))
  } else {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
  }
})
// Idle keep-alive sockets must not hold a closing server open.
server.keepAliveTimeout = 1000

listenOrFail(server, port, host, fail)
quitWithLab()
