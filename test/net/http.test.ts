// Tests for src/http.ts against real servers on 127.0.0.1 (never any other address).

import t from 'tap'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHttpGet } from '../../src/net/http.js'

/** Short timeouts keep the suite quick; undici's timers tick every ~0.5 s, so they fire later. */
const TIMEOUT_MS = 200
const MAX_BYTES = 4096

const listen = async <S extends net.Server>(server: S): Promise<number> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as net.AddressInfo).port
}

/** Closes a server and every connection it still holds (hung requests included). */
const shut = (server: http.Server | net.Server, sockets: Set<net.Socket>): Promise<void> =>
  new Promise((resolve) => {
    for (const s of sockets) s.destroy()
    server.close(() => resolve())
  })

const seen: http.IncomingMessage[] = []
const sockets = new Set<net.Socket>()
const server = http.createServer((req, res) => {
  seen.push(req)
  switch (req.url) {
    case '/text':
      res.writeHead(200, { 'content-type': 'text/plain' }).end('203.0.113.7\n')
      return
    case '/json':
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{"ip":"203.0.113.7"}')
      return
    case '/untyped':
      res.writeHead(200).end('203.0.113.7')
      return
    case '/exact':
      res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(MAX_BYTES))
      return
    case '/big':
      res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(MAX_BYTES + 1))
      return
    case '/big-chunked':
      res.writeHead(200, { 'content-type': 'text/plain' })
      for (let i = 0; i < 10; i++) res.write('y'.repeat(1000))
      res.end()
      return
    case '/hang-headers':
      return // never answers
    case '/hang-body':
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.write('203.0.') // and never ends
      return
    case '/500':
      res.writeHead(500, { 'content-type': 'text/plain' }).end('oops')
      return
    case '/404-big':
      res.writeHead(404, { 'content-type': 'text/html' }).end('<p>'.repeat(50_000))
      return
    case '/302':
      // A tab and a C1 control (Node refuses C0 controls in headers): the message must stay printable.
      res.writeHead(302, { location: `http://127.0.0.1:${port}/text\t\u0085x` }).end()
      return
    case '/303-bare':
      res.writeHead(303).end()
      return
    case '/hangup':
      req.socket.destroy()
      return
    default:
      res.writeHead(404).end()
  }
})
server.on('connection', (s) => {
  sockets.add(s)
  s.on('close', () => sockets.delete(s))
})
const port = await listen(server)
const base = `http://127.0.0.1:${port}`
t.teardown(() => shut(server, sockets))

const { get, close } = createHttpGet()
t.teardown(close)
const opts = (signal = new AbortController().signal, timeoutMs = TIMEOUT_MS) => ({ signal, timeoutMs, maxBytes: MAX_BYTES })

t.test('200 plain text, with the headers echo services need', async (t) => {
  const answer = await get(`${base}/text`, opts())
  t.same(answer, { status: 200, contentType: 'text/plain', body: '203.0.113.7\n' })
  const req = seen.at(-1)!
  t.equal(req.method, 'GET')
  t.equal(req.headers['user-agent'], 'hairpin-check')
  t.equal(req.headers.accept, 'text/plain, application/json;q=0.9')
})

t.test('JSON content type is passed through', async (t) => {
  t.same(await get(`${base}/json`, opts()), {
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: '{"ip":"203.0.113.7"}',
  })
})

t.test('no content type gives null', async (t) => {
  t.same(await get(`${base}/untyped`, opts()), { status: 200, contentType: null, body: '203.0.113.7' })
})

t.test('body cap', async (t) => {
  t.equal((await get(`${base}/exact`, opts())).body.length, MAX_BYTES, 'exactly at the cap is fine')
  await t.rejects(get(`${base}/big`, opts()), { message: `answer larger than ${MAX_BYTES} bytes` })
  await t.rejects(get(`${base}/big-chunked`, opts()), { message: `answer larger than ${MAX_BYTES} bytes` })
})

t.test('a server that never sends headers times out', async (t) => {
  // The message proves our timeout fired, not undici's 300 s default (tap's file timeout would hit first).
  await t.rejects(get(`${base}/hang-headers`, opts()), { message: `no answer within ${TIMEOUT_MS} ms` })
})

t.test('a body that never ends times out', async (t) => {
  await t.rejects(get(`${base}/hang-body`, opts()), { message: `no answer within ${TIMEOUT_MS} ms` })
})

t.test('non-2xx statuses', async (t) => {
  await t.rejects(get(`${base}/500`, opts()), { message: 'HTTP 500' })
  await t.rejects(get(`${base}/404-big`, opts()), { message: 'HTTP 404' }, 'a large error page is dropped')
  await t.rejects(get(`${base}/303-bare`, opts()), { message: 'HTTP 303' }, 'a redirect without a Location')
  // The connection is still usable after those bodies were dumped.
  t.equal((await get(`${base}/text`, opts())).body, '203.0.113.7\n')
})

t.test('redirects are reported, not followed', async (t) => {
  const before = seen.length
  await t.rejects(get(`${base}/302`, opts()), { message: `redirected to http://127.0.0.1:${port}/text x` })
  t.same(seen.slice(before).map((r) => r.url), ['/302'], 'the target was never asked')
})

t.test('a server that hangs up', async (t) => {
  await t.rejects(get(`${base}/hangup`, opts()), { message: 'connection closed before the answer was complete' })
})

t.test('connection refused', async (t) => {
  const spare = net.createServer()
  const sparePort = await listen(spare)
  await new Promise((r) => spare.close(r))
  await t.rejects(get(`http://127.0.0.1:${sparePort}/ip`, opts()), { message: 'connection refused' })
})

t.test('abort via signal', async (t) => {
  const before = new AbortController()
  before.abort()
  await t.rejects(get(`${base}/text`, opts(before.signal)), { message: 'cancelled' }, 'already aborted')

  const waiting = new AbortController()
  setTimeout(() => waiting.abort(new Error('deadline')), 30)
  // "cancelled", not the 5 s timeout's message: the abort ended it.
  await t.rejects(get(`${base}/hang-headers`, opts(waiting.signal, 5000)), { message: 'cancelled' }, 'while waiting for headers')

  const reading = new AbortController()
  setTimeout(() => reading.abort(), 30)
  await t.rejects(get(`${base}/hang-body`, opts(reading.signal, 5000)), { message: 'cancelled' }, 'while reading the body')
})

t.test('an https URL to a silent server: connect (TLS handshake) timeout', async (t) => {
  const silent = net.createServer(() => {}) // accepts, never speaks TLS
  const held = new Set<net.Socket>()
  silent.on('connection', (s) => held.add(s))
  const silentPort = await listen(silent)
  t.teardown(() => shut(silent, held))
  await t.rejects(get(`https://127.0.0.1:${silentPort}/ip`, opts()), { message: `connect timed out after ${TIMEOUT_MS} ms` })
})

t.test('TLS: an https URL to a plain HTTP server', async (t) => {
  await t.rejects(get(`https://127.0.0.1:${port}/text`, opts()), { message: 'TLS: wrong version number' })
})

/** A self-signed certificate for 127.0.0.1, made with openssl for this run; null without openssl. */
const selfSigned = ((): { key: Buffer; cert: Buffer } | null => {
  const dir = mkdtempSync(join(tmpdir(), 'hairpin-check-tls-'))
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1',
    ], { stdio: 'ignore' })
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }
  } catch {
    return null
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})()

t.test('TLS: a self-signed certificate', { skip: selfSigned ? false : 'openssl is not available' }, async (t) => {
  const tlsSockets = new Set<net.Socket>()
  const tlsServer = https.createServer(selfSigned!, (_req, res) => res.end('203.0.113.7'))
  tlsServer.on('connection', (s: net.Socket) => tlsSockets.add(s))
  tlsServer.on('tlsClientError', () => {}) // the client hangs up on our certificate, as it should
  const tlsPort = await listen(tlsServer)
  t.teardown(() => shut(tlsServer, tlsSockets))
  await t.rejects(get(`https://127.0.0.1:${tlsPort}/ip`, opts()), { message: 'TLS: self-signed certificate' })
})

t.test('other failures keep undici message on one line', async (t) => {
  const err = (await get('ftp://127.0.0.1/ip', opts()).catch((e: unknown) => e)) as Error
  t.type(err, Error)
  t.notMatch(err.message, /\n/)
  t.match(err.message, /protocol/i)
  t.ok(err.cause, 'the original error is kept as the cause')
})

t.test('close() releases the sockets and stops further use', async (t) => {
  const own = createHttpGet()
  t.equal((await own.get(`${base}/text`, opts())).body, '203.0.113.7\n')
  t.equal((await own.get(`${base}/text`, opts(undefined, 300))).body, '203.0.113.7\n', 'a second agent for other timeouts')
  t.ok(sockets.size >= 2, 'kept alive until closed')
  // Caught at once: it rejects while close() is still being awaited.
  const inFlight = own.get(`${base}/hang-headers`, opts(undefined, 5000)).catch((e: unknown) => e)
  await new Promise((r) => setTimeout(r, 50))
  const before = sockets.size
  await own.close()
  t.match(await inFlight, { message: 'HTTP client closed' }, 'a running request ends at once')
  await new Promise((r) => setTimeout(r, 50))
  t.ok(sockets.size <= before - 3, `the server saw our sockets close (${before} -> ${sockets.size})`)
  await t.rejects(own.get(`${base}/text`, opts()), { message: 'HTTP client closed' })
  await own.close() // twice is harmless
})

t.test('pinned to IPv6 when asked', async (t) => {
  const v6 = http.createServer((req, res) => res.end(`${req.socket.remoteAddress}\n`))
  await new Promise<void>((r) => v6.listen(0, '::1', r))
  t.teardown(() => v6.close())
  const port = (v6.address() as net.AddressInfo).port
  const six = createHttpGet(6)
  t.teardown(() => six.close())
  t.equal((await six.get(`http://[::1]:${port}/`, opts())).body, '::1\n')
})
