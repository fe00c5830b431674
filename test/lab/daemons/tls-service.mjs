// Lab service with a recognisable identity on the forwarded port: HTTPS with a given certificate, plain HTTP, or an SSH banner.
import { readFileSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createTcpServer } from 'node:net'
import { daemonOptions, listenOrFail, quitWithLab } from './daemon.mjs'

// Usage: node tls-service.mjs --port N [--host 0.0.0.0] [--mode https|http|ssh] [--cert FILE --key FILE] [--name lab-server]
//   https: TLS with --cert/--key (PEM; required in this mode), answers every request
//          "HTTP/1.1 200 OK" with "Server: <name>".
//   http:  the same answer without TLS.
//   ssh:   sends "SSH-2.0-<name>" on connect (before the client says anything), then
//          "Protocol mismatch." to whatever it receives, then closes.
// --name tells two instances apart when they have no certificate to do it (default lab-server).
// Prints "listening" once ready; exits when stdin closes (the lab holds it open).
const { opt, fail } = daemonOptions('tls-service', 'node tls-service.mjs --port N [--host 0.0.0.0] [--mode https|http|ssh] [--cert FILE --key FILE] [--name lab-server]')
const host = opt('--host', '0.0.0.0')
const port = Number(opt('--port', ''))
const mode = opt('--mode', 'https')
const name = opt('--name', 'lab-server')
const certFile = opt('--cert', null)
const keyFile = opt('--key', null)
if (!Number.isInteger(port) || port < 0 || port > 65535 || opt('--port', '') === '') fail('--port N is required', 2)
if (!['https', 'http', 'ssh'].includes(mode)) fail(`unknown --mode ${mode} (https|http|ssh)`, 2)
if (mode === 'https' && (certFile === null || keyFile === null)) fail('--mode https needs --cert FILE and --key FILE', 2)

// Idle connections are dropped after this, so a client that never speaks cannot hold the lab open.
const IDLE_MS = 10_000

const body = `${name}\n`
/** Every request gets the same small answer; HEAD gets the headers only. */
const answer = (req, res) => {
  res.writeHead(200, {
    Server: name,
    'Content-Type': 'text/plain',
    'Content-Length': Buffer.byteLength(body),
    Connection: 'close',
  })
  res.end(req.method === 'HEAD' ? undefined : body)
}

let server
if (mode === 'https') {
  let cert, key
  try {
    cert = readFileSync(certFile)
    key = readFileSync(keyFile)
  } catch (err) {
    fail(err.message, 1)
  }
  server = createHttpsServer({ cert, key }, answer)
} else if (mode === 'http') {
  server = createHttpServer(answer)
} else {
  server = createTcpServer((sock) => {
    sock.setTimeout(IDLE_MS, () => sock.destroy())
    sock.on('error', () => {})
    sock.write(`SSH-2.0-${name}\r\n`)
    sock.once('data', () => sock.end('Protocol mismatch.\n'))
  })
}
if (mode !== 'ssh') {
  // Idle keep-alive and half-open TLS sockets must not hold a closing server open. Malformed
  // requests (a TLS hello sent to the plain server) keep Node's default: "400 Bad Request", then close.
  server.keepAliveTimeout = 1000
  server.setTimeout(IDLE_MS, (sock) => sock.destroy())
}

listenOrFail(server, port, host, fail)
quitWithLab()
