// Lab stand-in for a hostile service on the forwarded port (the router's own, or the server's): every answer carries terminal escapes.
import { readFileSync } from 'node:fs'
import { createServer as createTcpServer } from 'node:net'
import { createServer as createTlsServer } from 'node:tls'
import { daemonOptions, listenOrFail, quitWithLab } from './daemon.mjs'

// Usage: node hostile-service.mjs --host ADDR --port N --mode http|banner|tls [--cert FILE --key FILE]
//   http:   answers whatever it receives with an HTTP 400 whose status line holds the hostile text
//           and a 5000-byte run, whose Server header and body hold it too; then closes.
//   banner: speaks first: "SSH-2.0-" + the hostile text + a 5000-byte run; then closes after
//           answering whatever it receives with more of it.
//   tls:    the http behaviour inside TLS, with --cert/--key (a test makes one whose CN is hostile too).
// The hostile text: CSI (clear screen, colour), OSC (window title, hyperlink), Markdown/HTML
// syntax (a script tag, an @mention, an issue reference, a table pipe, a link), DCS, RIS, bidi
// overrides and isolates, zero-width and line separators, NUL and other C0 controls, raw C1 bytes
// (8-bit CSI, NEL). The marker HOSTILE-MARK is what survives once made printable.
// Prints "listening" once ready; exits when stdin closes (the lab holds it open).
const { opt, fail } = daemonOptions('hostile-service', 'node hostile-service.mjs --host ADDR --port N --mode http|banner|tls [--cert FILE --key FILE]')
const host = opt('--host', '0.0.0.0')
const port = Number(opt('--port', ''))
const mode = opt('--mode', 'http')
if (!Number.isInteger(port) || port <= 0 || port > 65535) fail('--port N is required')
if (!['http', 'banner', 'tls'].includes(mode)) fail(`unknown --mode ${mode} (http|banner|tls)`)

/** Bytes, not a string: the raw C1 bytes 0x9b and 0x85 are not valid UTF-8 on their own, which is the point. */
const HOSTILE = Buffer.concat([
  Buffer.from(
    '\u001b[2J\u001b[H' +
      '\u001b]0;OSC-TITLE-PWNED\u0007' +
      '\u001b]8;;http://evil.example/\u001b\\HOSTILE-MARK\u001b]8;;\u001b\\' +
      ' \u061cALM <script>x</script> @admin #1 |pipe| [a](http://md.example/)' +
      ' \u202eRLO-OVERRIDE\u202c \u2066LRI\u2069 \u200fRLM \u200bZWSP \u2028LSEP \ufeffBOM' +
      ' NUL\u0000NUL BEL\u0007 BS\u0008 DEL\u007f VT\u000b FF\u000c ESC-c\u001bc \u001bPDCS\u001b\\ \u001b[31mRED\u001b[0m ',
    'utf8',
  ),
  Buffer.from([0x9b, 0x33, 0x31, 0x6d]), // 8-bit CSI "31m"
  Buffer.from(' C1-CSI '),
  Buffer.from([0x85]), // NEL
  Buffer.from(' NEL '),
])
/** A 5000-byte line, filled with one letter so a test can measure how much of it got through. */
const LONG = Buffer.from('Z'.repeat(5000))
const crlf = Buffer.from('\r\n')
const s = (text) => Buffer.from(text, 'utf8')

const body = Buffer.concat([HOSTILE, s('CR\r '), LONG, s('\n')])
const httpAnswer = Buffer.concat([
  s('HTTP/1.1 400 '),
  HOSTILE,
  LONG,
  crlf,
  s('Server: '),
  HOSTILE,
  s('router'),
  crlf,
  s('Content-Type: text/plain\r\n'),
  s(`Content-Length: ${body.length}\r\n`),
  s('Connection: close\r\n\r\n'),
  body,
])
const banner = Buffer.concat([s('SSH-2.0-'), HOSTILE, LONG, crlf])

// Idle connections are dropped after this, so a client that never speaks cannot hold the lab open.
const IDLE_MS = 10_000

const handle = (sock) => {
  sock.setTimeout(IDLE_MS, () => sock.destroy())
  sock.on('error', () => {})
  if (mode === 'banner') {
    sock.write(banner)
    sock.once('data', () => sock.end(Buffer.concat([HOSTILE, s('Protocol mismatch.\n')])))
  } else {
    sock.once('data', () => sock.end(httpAnswer))
  }
}

let server
if (mode === 'tls') {
  const certFile = opt('--cert', null)
  const keyFile = opt('--key', null)
  if (certFile === null || keyFile === null) fail('--mode tls needs --cert FILE and --key FILE')
  let cert, key
  try {
    cert = readFileSync(certFile)
    key = readFileSync(keyFile)
  } catch (err) {
    fail(err.message, 1)
  }
  server = createTlsServer({ cert, key, ALPNProtocols: ['http/1.1'] }, handle)
  server.on('tlsClientError', () => {})
} else {
  server = createTcpServer(handle)
}

listenOrFail(server, port, host, fail)
quitWithLab()
