// Lab stand-in for hostile or broken "what is my IP" services: one process, one behaviour per port.
import { readFileSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createTcpServer } from 'node:net'
import { daemonOptions, quitWithLab } from './daemon.mjs'

// Usage: node hostile-echo.mjs --host 198.51.100.10 --serve NAME:PORT[,NAME:PORT…] [--cert FILE --key FILE]
// Behaviours (NAME):
//   html           200 text/html page (what echo services send browser-like clients)
//   huge           200 text/plain, the right-looking first line, then 10 MB (chunked, no length)
//   drip           200 text/plain, then one byte every 200 ms forever (the body never ends)
//   redirect       302 to itself, forever
//   private        200 "192.168.1.1"
//   loopback       200 "127.0.0.1"
//   ipv6           200 "2001:db8::7" (an IPv6 address when IPv4 was asked)
//   wrong          200 "198.51.100.99" (public, but not the caller's: two services disagree)
//   http500        500 with the caller's address as the body (only the status says it is wrong)
//   silent         accepts the connection, reads, never answers
//   tls            HTTPS with --cert/--key (self-signed, untrusted), answering the caller's address
//   ansi-text      200 text/plain: escapes, OSC, bidi overrides, NUL, controls and a 3500-byte line (under the 4 KiB cap)
//   ansi-json      200 application/json {"ip": <the same text>}
//   ansi-redirect  302 whose Location header carries escapes and bidi overrides (raw bytes; HTTP parsers refuse the ESC)
//   bidi-redirect  302 whose Location header carries UTF-8 bidi overrides, raw C1 bytes and a 3000-byte run (no C0: parsers take it)
// Prints "listening" once every port is bound; exits when stdin closes (the lab holds it open).
const { opt, fail } = daemonOptions('hostile-echo', 'node hostile-echo.mjs --host ADDR --serve NAME:PORT[,NAME:PORT…] [--cert FILE --key FILE]')
const host = opt('--host', '0.0.0.0')
const certFile = opt('--cert', null)
const keyFile = opt('--key', null)
const serve = (opt('--serve', '') ?? '')
  .split(',')
  .filter(Boolean)
  .map((pair) => {
    const [name, port] = pair.split(':')
    if (!name || !/^\d+$/.test(port ?? '')) fail(`bad --serve entry ${pair}`)
    return { name, port: Number(port) }
  })
if (serve.length === 0) fail('--serve NAME:PORT is required')

/**
 * Text that would repaint a terminal or reorder what a reader sees: CSI (clear screen, colour),
 * OSC (window title, hyperlink), DCS, RIS, 8-bit CSI, bidi overrides, isolates and marks (ALM, RLM), zero-width and
 * line separators, NUL and other C0 controls; and Markdown/HTML syntax (a script tag, an @mention,
 * an issue reference, a table pipe, a link) for the pasted ticket. The marker is what survives
 * once made printable.
 */
const HOSTILE_INLINE =
  '\u001b[2J\u001b[H' +
  '\u001b]0;OSC-TITLE-PWNED\u0007' +
  '\u001b]8;;http://evil.example/\u001b\\HOSTILE-MARK\u001b]8;;\u001b\\' +
  ' \u061cALM <script>x</script> @admin #1 |pipe| [a](http://md.example/)' +
  ' \u202eRLO-OVERRIDE\u202c \u2066LRI\u2069 \u200fRLM \u200bZWSP \u2028LSEP \ufeffBOM' +
  ' NUL\u0000NUL BEL\u0007 BS\u0008 DEL\u007f VT\u000b FF\u000c ESC-c\u001bc' +
  ' \u009b31mC1-CSI \u0085NEL \u001bPDCS\u001b\\ \u001b[31mRED\u001b[0m '
/** The same with a CR, for bodies (a header value cannot hold one). */
const HOSTILE = `${HOSTILE_INLINE}CR\r `
/** A long line, filled with one letter so a test can measure how much of it got through. */
const longLine = (n) => 'Z'.repeat(n)

const TEN_MB = 10 * 1024 * 1024
const DRIP_MS = 200

/** The caller's address as a dual-stack socket reports it, without the IPv4-mapped prefix. */
const callerOf = (req) => (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '')
const text = (res, status, body, type = 'text/plain') => res.writeHead(status, { 'content-type': type }).end(body)

/** Plain HTTP behaviours (node:http handles the protocol; the body is the hostile part). */
const HTTP = {
  html: (req, res) => text(res, 200, '<!DOCTYPE html>\n<html><head><title>What is my IP</title></head><body><p>Your IP is 203.0.113.7</p></body></html>\n', 'text/html; charset=utf-8'),
  huge: (req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' })
    // Looks right at first: only the size cap stops a client that would read it all.
    res.write(`${callerOf(req)}\n`)
    const chunk = Buffer.alloc(64 * 1024, 'x')
    let sent = 0
    const pump = () => {
      while (sent < TEN_MB) {
        sent += chunk.length
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      res.end()
    }
    res.on('close', () => (sent = TEN_MB))
    pump()
  },
  drip: (req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' })
    // The right answer, a byte at a time, then spaces: every gap is far below any per-read timeout.
    const bytes = `${callerOf(req)}\n`
    let i = 0
    const timer = setInterval(() => res.write(i < bytes.length ? bytes[i++] : ' '), DRIP_MS)
    res.on('close', () => clearInterval(timer))
  },
  redirect: (req, res) => {
    res.writeHead(302, { location: `http://${req.headers.host}${req.url}`, 'content-type': 'text/plain' }).end('moved\n')
  },
  private: (req, res) => text(res, 200, '192.168.1.1\n'),
  loopback: (req, res) => text(res, 200, '127.0.0.1\n'),
  ipv6: (req, res) => text(res, 200, '2001:db8::7\n'),
  wrong: (req, res) => text(res, 200, '198.51.100.99\n'),
  http500: (req, res) => text(res, 500, `${callerOf(req)}\n`),
  'ansi-text': (req, res) => text(res, 200, `${HOSTILE}${longLine(3500)}\n`),
  'ansi-json': (req, res) => text(res, 200, JSON.stringify({ ip: `${HOSTILE}${longLine(3500)}` }), 'application/json'),
}

/** Behaviours below HTTP: raw sockets, so nothing (not even node:http's header checks) cleans them. */
const RAW = {
  silent: (sock) => sock.resume(),
  'ansi-redirect': (sock) => {
    sock.once('data', () => {
      const location = `http://198.51.100.10/${HOSTILE_INLINE}${longLine(3000)}`
      sock.end(Buffer.from(`HTTP/1.1 302 Found\r\nLocation: ${location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`, 'utf8'))
    })
  },
  'bidi-redirect': (sock) => {
    sock.once('data', () => {
      const location = Buffer.concat([
        Buffer.from('http://198.51.100.10/HOSTILE-MARK \u061cALM \u202eRLO-OVERRIDE\u202c \u2066LRI\u2069 \u200fRLM ', 'utf8'),
        Buffer.from([0x9b, 0x33, 0x31, 0x6d, 0x20, 0x85, 0x20]), // 8-bit CSI "31m", NEL: obs-text to an HTTP parser
        Buffer.from(longLine(3000)),
      ])
      sock.end(Buffer.concat([Buffer.from('HTTP/1.1 302 Found\r\nLocation: '), location, Buffer.from('\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')]))
    })
  },
}

const servers = []
const listen = (server, port) =>
  new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.removeListener('error', reject)
      resolve()
    })
  })

/** Every socket of every server, so a closing server (or our exit) is not held open by a silent client. */
const sockets = new Set()
const track = (server) => {
  server.on('connection', (sock) => {
    sockets.add(sock)
    sock.on('error', () => {})
    sock.on('close', () => sockets.delete(sock))
  })
  servers.push(server)
  return server
}

for (const { name, port } of serve) {
  let server
  if (Object.hasOwn(HTTP, name)) {
    server = createHttpServer(HTTP[name])
  } else if (Object.hasOwn(RAW, name)) {
    server = createTcpServer(RAW[name])
  } else if (name === 'tls') {
    if (certFile === null || keyFile === null) fail('tls needs --cert FILE and --key FILE')
    let cert, key
    try {
      cert = readFileSync(certFile)
      key = readFileSync(keyFile)
    } catch (err) {
      fail(err.message)
    }
    server = createHttpsServer({ cert, key }, (req, res) => text(res, 200, `${callerOf(req)}\n`))
    server.on('tlsClientError', () => {})
  } else {
    fail(`unknown behaviour ${name}`)
  }
  server.on('clientError', (err, sock) => sock.destroy())
  track(server)
}

try {
  await Promise.all(servers.map((s, i) => listen(s, serve[i].port)))
} catch (err) {
  fail(err.message)
}
process.stdout.write('listening\n')

const quit = () => {
  for (const s of sockets) s.destroy()
  process.exit(0)
}
quitWithLab(quit)
