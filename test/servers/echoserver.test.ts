// Tests for src/echoserver.ts with real HTTP requests on loopback (127.0.0.1; 127.0.0.2 only as a third party that must never be dialled).

import t, { type Test } from 'tap'
import http from 'node:http'
import net from 'node:net'
import {
  callerAddress,
  CLOSE_GRACE_MS,
  HEADERS_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  MAX_CONCURRENT_PORT_CHECKS,
  MAX_HEADER_BYTES,
  MAX_HEADERS_COUNT,
  PORT_CHECK_RATE_LIMIT,
  PORT_CHECK_TIMEOUT_MS,
  REQUEST_TIMEOUT_MS,
  startEchoServer,
  type Dial,
  type EchoServer,
  type EchoServerOptions,
} from '../../src/servers/echoserver.js'

interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/** One request on its own connection (no agent, so no keep-alive between tests). */
function get(
  server: EchoServer,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; localAddress?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: opts.headers ?? {}, agent: false },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => (body += d))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/** Sends raw bytes and collects the whole answer until the server closes. */
function raw(server: EchoServer, request: string): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port: server.port })
    let got = ''
    s.setEncoding('latin1')
    s.on('connect', () => s.write(request))
    s.on('data', (d: string) => (got += d))
    s.on('error', () => {})
    s.on('close', () => resolve(got))
  })
}

async function echo(t: Test, opts: Partial<EchoServerOptions> = {}): Promise<EchoServer> {
  const server = await startEchoServer({ bind: '127.0.0.1', port: 0, trustProxy: [], log: null, ...opts })
  t.teardown(() => server.close())
  return server
}

/** A TCP listener that counts the connections and bytes it receives. */
async function target(t: Test, host: string): Promise<{ port: number; connections: number; bytes: number; closed: Promise<void> }> {
  let closedOne!: () => void
  const closed = new Promise<void>((resolve) => (closedOne = resolve))
  const seen = { port: 0, connections: 0, bytes: 0, closed }
  const server = net.createServer((socket) => {
    seen.connections++
    socket.on('data', (d: Buffer) => (seen.bytes += d.length))
    socket.on('error', () => {})
    socket.on('close', () => closedOne())
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  seen.port = (server.address() as net.AddressInfo).port
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return seen
}

/** A port on 127.0.0.1 that nothing listens on (opened, then closed again). */
async function closedPort(): Promise<number> {
  const s = net.createServer()
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const { port } = s.address() as net.AddressInfo
  await new Promise<void>((resolve) => s.close(() => resolve()))
  return port
}

/** A dial that records where it was asked to connect and hands out sockets that connect only when told. */
function fakeDial(): { dial: Dial; calls: Array<{ host: string; port: number }>; sockets: net.Socket[]; dialled: Promise<void> } {
  let first!: () => void
  const dialled = new Promise<void>((resolve) => (first = resolve))
  const calls: Array<{ host: string; port: number }> = []
  const sockets: net.Socket[] = []
  const dial: Dial = (to) => {
    calls.push(to)
    const socket = new net.Socket() // never connects by itself
    sockets.push(socket)
    first()
    return socket
  }
  return { dial, calls, sockets, dialled }
}

/** Waits, a turn of the event loop at a time, until `cond` holds (the test's own timeout bounds it). */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((resolve) => setImmediate(resolve))
}

t.test('constants', async (t) => {
  t.equal(PORT_CHECK_TIMEOUT_MS, 2000, 'as echoip')
  t.same(PORT_CHECK_RATE_LIMIT, { max: 10, windowMs: 60_000 })
  t.equal(MAX_CONCURRENT_PORT_CHECKS, 32)
  t.ok(CLOSE_GRACE_MS > PORT_CHECK_TIMEOUT_MS, 'a started check always finishes during close')
  t.ok(REQUEST_TIMEOUT_MS > HEADERS_TIMEOUT_MS + PORT_CHECK_TIMEOUT_MS)
  t.ok(KEEP_ALIVE_TIMEOUT_MS > 0)
  t.equal(MAX_HEADERS_COUNT, 32)
  t.equal(MAX_HEADER_BYTES, 8192)
})

t.test('/ and /ip answer the caller as a text line', async (t) => {
  const server = await echo(t)
  t.equal(server.address, '127.0.0.1')
  t.ok(server.port > 0)
  for (const path of ['/', '/ip', '/ip?format=json']) {
    const a = await get(server, path)
    t.equal(a.status, 200, path)
    t.equal(a.body, '127.0.0.1\n', path)
    t.equal(a.headers['content-type'], 'text/plain; charset=utf-8')
    t.equal(a.headers['cache-control'], 'no-store')
    t.equal(a.headers['x-content-type-options'], 'nosniff')
    t.equal(a.headers['content-length'], '10')
  }
})

t.test('/json answers {"ip"}', async (t) => {
  const server = await echo(t)
  const a = await get(server, '/json')
  t.equal(a.status, 200)
  t.equal(a.headers['content-type'], 'application/json')
  t.equal(a.headers['cache-control'], 'no-store')
  t.same(JSON.parse(a.body), { ip: '127.0.0.1' })
})

t.test('HEAD gets the headers a GET would, without a body', async (t) => {
  const server = await echo(t)
  const a = await get(server, '/ip', { method: 'HEAD' })
  t.equal(a.status, 200)
  t.equal(a.headers['content-length'], '10')
  t.equal(a.headers['content-type'], 'text/plain; charset=utf-8')
  t.equal(a.body, '')
})

t.test('405, 404 and 400', async (t) => {
  const server = await echo(t)
  for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
    const a = await get(server, '/ip', { method })
    t.equal(a.status, 405, method)
    t.equal(a.headers['allow'], 'GET, HEAD')
    t.equal(a.headers['cache-control'], 'no-store')
  }
  for (const path of ['/nope', '/ip/', '/IP', '/json/x', '/portx', '/%69p']) {
    const a = await get(server, path)
    t.equal(a.status, 404, path)
    t.equal(a.body, 'not found\n')
  }
  for (const path of ['/port', '/port/', '/port/0', '/port/65536', '/port/080', '/port/-1', '/port/1.5', '/port/abc', '/port/22/x', '/port/%2022', '/port/123456']) {
    const a = await get(server, path)
    t.equal(a.status, 400, path)
    t.match(a.body, /^port must be an integer from 1 to 65535\n$/)
  }
})

t.test('no redirect and no header is echoed back', async (t) => {
  const server = await echo(t)
  const a = await get(server, '/ip', { headers: { 'x-evil': 'injected', referer: 'http://example.com/' } })
  t.notMatch(JSON.stringify(a.headers), /injected|example\.com/)
  t.notOk(a.headers['location'])
  t.equal(a.body, '127.0.0.1\n')
})

t.test('/port/N: reachable when the caller listens on N, without a byte sent', async (t) => {
  const server = await echo(t)
  const listener = await target(t, '127.0.0.1')
  const a = await get(server, `/port/${listener.port}`)
  t.equal(a.status, 200)
  t.equal(a.headers['content-type'], 'application/json')
  t.equal(a.headers['cache-control'], 'no-store')
  t.same(JSON.parse(a.body), { ip: '127.0.0.1', port: listener.port, reachable: true })
  await listener.closed
  t.equal(listener.connections, 1, 'exactly one connection')
  t.equal(listener.bytes, 0, 'never a byte')
})

t.test('/port/N: unreachable on a closed port', async (t) => {
  const server = await echo(t)
  const port = await closedPort()
  const a = await get(server, `/port/${port}`)
  t.same(JSON.parse(a.body), { ip: '127.0.0.1', port, reachable: false })
})

t.test('/port/N dials the caller only: untrusted X-Forwarded-For, Host, query and absolute URLs change nothing', async (t) => {
  const server = await echo(t)
  const third = await target(t, '127.0.0.2')
  const a = await get(server, `/port/${third.port}?ip=127.0.0.2&host=127.0.0.2`, {
    headers: { 'x-forwarded-for': '127.0.0.2', 'x-real-ip': '127.0.0.2', forwarded: 'for=127.0.0.2', host: `127.0.0.2:${third.port}` },
  })
  t.same(JSON.parse(a.body), { ip: '127.0.0.1', port: third.port, reachable: false }, 'dialled 127.0.0.1, where nothing listens')
  const b = await get(server, '/ip', { headers: { 'x-forwarded-for': '127.0.0.2' } })
  t.equal(b.body, '127.0.0.1\n', 'an untrusted header is ignored everywhere')
  const c = await raw(server, `GET http://127.0.0.2:${third.port}/port/${third.port} HTTP/1.1\r\nHost: 127.0.0.2\r\nConnection: close\r\n\r\n`)
  t.match(c, /^HTTP\/1\.1 404 /, 'an absolute-form target is not a path we serve')
  t.equal(third.connections, 0, 'the third party never saw a connection')
})

t.test('/port/N hands the dialler nothing but the caller and N', async (t) => {
  const fake = fakeDial()
  const server = await echo(t, { dial: fake.dial })
  const pending = get(server, '/port/8080?host=127.0.0.2', { headers: { 'x-forwarded-for': '127.0.0.2' } })
  await fake.dialled
  fake.sockets[0]!.emit('connect')
  t.same(JSON.parse((await pending).body), { ip: '127.0.0.1', port: 8080, reachable: true })
  t.same(fake.calls, [{ host: '127.0.0.1', port: 8080 }])
  t.ok(fake.sockets[0]!.destroyed, 'closed as soon as it connected')
})

t.test('a trusted proxy: the address it forwarded is the caller', async (t) => {
  const server = await echo(t, { trustProxy: ['127.0.0.1'] })
  const third = await target(t, '127.0.0.2')
  const a = await get(server, `/port/${third.port}`, { headers: { 'x-forwarded-for': '198.51.100.9, 127.0.0.2' } })
  t.same(JSON.parse(a.body), { ip: '127.0.0.2', port: third.port, reachable: true }, 'the right-most entry, not the client-written left one')
  await third.closed
  t.equal(third.connections, 1)
  t.equal(third.bytes, 0, 'never a byte')
  t.equal((await get(server, '/ip', { headers: { 'x-forwarded-for': '127.0.0.2' } })).body, '127.0.0.2\n')
  t.same(JSON.parse((await get(server, '/json', { headers: { 'x-forwarded-for': '::ffff:127.0.0.2' } })).body), { ip: '127.0.0.2' })
  t.equal((await get(server, '/ip')).body, '127.0.0.1\n', 'no header: the proxy itself is asking')
  for (const xff of ['not-an-ip', '127.0.0.2, garbage', '', '127.0.0.2:8080', 'fe80::1%eth0']) {
    const b = await get(server, '/ip', { headers: { 'x-forwarded-for': xff } })
    t.equal(b.status, 400, `"${xff}"`)
    t.equal(b.body, 'bad X-Forwarded-For from the proxy\n')
  }
  t.equal((await get(server, '/nope', { headers: { 'x-forwarded-for': 'junk' } })).status, 404, 'unknown paths stay 404')
  // Headers past Node's count limit would be dropped silently: X-Forwarded-For must not be pushed out that way.
  const many: Record<string, string> = {}
  for (let i = 0; i < MAX_HEADERS_COUNT; i++) many[`x-filler-${i}`] = 'x'
  const fillers = Object.keys(many).map((h) => `${h}: x\r\n`).join('')
  const c = await raw(server, `GET /port/${third.port} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${fillers}X-Forwarded-For: 127.0.0.2\r\n\r\n`)
  t.match(c, /^HTTP\/1\.1 431 [^]*\r\n\r\ntoo many headers\n$/, 'too many headers')
  const fewer: Record<string, string> = {}
  for (let i = 0; i < MAX_HEADERS_COUNT - 4; i++) fewer[`x-filler-${i}`] = 'x'
  t.equal((await get(server, '/ip', { headers: { ...fewer, 'x-forwarded-for': '127.0.0.2' } })).body, '127.0.0.2\n', 'exactly the limit is fine')
})

t.test('callerAddress', async (t) => {
  const none = new Set<string>()
  const proxies = new Set(['127.0.0.1', '10.0.0.2', '::1'])
  t.equal(callerAddress(undefined, undefined, none), null, 'the peer is gone')
  t.equal(callerAddress(undefined, '203.0.113.5', proxies), null)
  t.equal(callerAddress('::ffff:203.0.113.5', undefined, none), '203.0.113.5', 'IPv4-mapped normalised')
  t.equal(callerAddress('2001:DB8:0:0::1', undefined, none), '2001:db8::1', 'IPv6 in canonical form')
  t.equal(callerAddress('203.0.113.5', '198.51.100.1', none), '203.0.113.5', 'untrusted peer: header ignored')
  t.equal(callerAddress('127.0.0.1', undefined, proxies), '127.0.0.1', 'trusted peer without a header')
  t.equal(callerAddress('127.0.0.1', '1.1.1.1, 203.0.113.5', proxies), '203.0.113.5', 'right-most')
  t.equal(callerAddress('127.0.0.1', '1.1.1.1, 203.0.113.5 , 10.0.0.2', proxies), '203.0.113.5', 'trusted hops skipped')
  t.equal(callerAddress('0:0:0:0:0:0:0:1', ' 2001:DB8::7 ', proxies), '2001:db8::7', 'a trusted IPv6 peer however spelt')
  t.equal(callerAddress('127.0.0.1', '10.0.0.2, 127.0.0.1', proxies), '10.0.0.2', 'all proxies: the left-most')
  t.equal(callerAddress('127.0.0.1', 'junk, 203.0.113.5', proxies), '203.0.113.5', 'client-written junk left of the caller is never read')
  t.equal(callerAddress('127.0.0.1', '203.0.113.5, junk', proxies), null)
  t.equal(callerAddress('127.0.0.1', '', proxies), null)
  t.equal(callerAddress('127.0.0.1', 'fe80::1%eth0', proxies), null, 'zone ids refused')
})

t.test('trusted proxies must be addresses', async (t) => {
  await t.rejects(startEchoServer({ bind: '127.0.0.1', port: 0, trustProxy: ['proxy.example'], log: null }), {
    message: 'trusted proxy is not an IP address: "proxy.example"',
  })
  const server = await echo(t, { trustProxy: ['::ffff:127.0.0.1'] })
  t.equal((await get(server, '/ip', { headers: { 'x-forwarded-for': '127.0.0.2' } })).body, '127.0.0.2\n', 'an IPv4-mapped entry matches')
})

t.test('per-caller rate limit: 429 with Retry-After', async (t) => {
  let clock = 0
  const server = await echo(t, { rateLimit: { max: 2, windowMs: 30_000 }, now: () => clock })
  const port = await closedPort()
  t.equal((await get(server, `/port/${port}`)).status, 200)
  t.equal((await get(server, `/port/${port}`)).status, 200)
  const limited = await get(server, `/port/${port}`)
  t.equal(limited.status, 429)
  t.equal(limited.headers['retry-after'], '30')
  t.equal(limited.headers['cache-control'], 'no-store')
  t.equal((await get(server, '/ip')).status, 200, 'only port checks are limited')
  clock = 30_000
  t.equal((await get(server, `/port/${port}`)).status, 200, 'a new window')
})

t.test('concurrency cap: 503 with Retry-After while the checks run', async (t) => {
  const fake = fakeDial()
  const server = await echo(t, { dial: fake.dial, maxConcurrentChecks: 1, portCheckTimeoutMs: 60_000 })
  const first = get(server, '/port/22')
  await fake.dialled
  const busy = await get(server, '/port/23')
  t.equal(busy.status, 503)
  t.equal(busy.headers['retry-after'], '60')
  fake.sockets[0]!.emit('error', new Error('ECONNREFUSED'))
  t.same(JSON.parse((await first).body), { ip: '127.0.0.1', port: 22, reachable: false })
  const again = get(server, '/port/24')
  await until(() => fake.sockets.length === 2)
  fake.sockets[1]!.emit('connect')
  t.equal((await again).status, 200, 'the slot is free again')
  t.equal(fake.calls.length, 2, 'the refused request never dialled')
})

t.test('a check that gets no answer is unreachable after the timeout', async (t) => {
  const fake = fakeDial()
  const server = await echo(t, { dial: fake.dial, portCheckTimeoutMs: 20 })
  t.same(JSON.parse((await get(server, '/port/9')).body), { ip: '127.0.0.1', port: 9, reachable: false })
  t.ok(fake.sockets[0]!.destroyed)
})

t.test('access log: one printable line per request', async (t) => {
  const lines: string[] = []
  const server = await echo(t, { log: (l) => lines.push(l), trustProxy: ['127.0.0.1'] })
  await get(server, '/ip?x=1')
  await get(server, '/nope', { method: 'POST' })
  await get(server, `/${'a'.repeat(300)}`)
  await get(server, '/ip', { headers: { 'x-forwarded-for': 'bad' } })
  await get(server, '/json', { headers: { 'x-forwarded-for': '203.0.113.5' } })
  await get(server, '/caf%C3%A9%1B[31m')
  t.equal(lines.length, 6)
  const iso = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z'
  t.match(lines[0], new RegExp(`^${iso} 127\\.0\\.0\\.1 GET /ip\\?x=1 200 \\d+ms$`))
  t.match(lines[1], new RegExp(`^${iso} 127\\.0\\.0\\.1 POST /nope 405 \\d+ms$`))
  t.match(lines[2], new RegExp(`^${iso} 127\\.0\\.0\\.1 GET /a{98}… 404 \\d+ms$`), 'a long path is cut')
  t.match(lines[3], new RegExp(`^${iso} 127\\.0\\.0\\.1 GET /ip 400 \\d+ms$`), 'bad header: the proxy is named')
  t.match(lines[4], new RegExp(`^${iso} 203\\.0\\.113\\.5 GET /json 200 \\d+ms$`), 'the forwarded caller')
  t.match(lines[5], new RegExp(`^${iso} 127\\.0\\.0\\.1 GET /caf%C3%A9%1B\\[31m 404 \\d+ms$`), 'as sent, percent-encoded')
  for (const line of lines) t.notMatch(line, /[\u0000-\u001f\u007f-\u009f]/)
})

t.test('graceful close: stops accepting, lets a request in flight finish', async (t) => {
  const fake = fakeDial()
  const lines: string[] = []
  const server = await startEchoServer({
    bind: '127.0.0.1',
    port: 0,
    trustProxy: [],
    log: (l) => lines.push(l),
    dial: fake.dial,
    closeGraceMs: 60_000,
  })
  const idle = net.connect({ host: '127.0.0.1', port: server.port })
  await new Promise((resolve) => idle.once('connect', resolve))
  const idleClosed = new Promise((resolve) => idle.once('close', resolve))
  const inFlight = get(server, '/port/443')
  await fake.dialled
  const closed = server.close()
  t.equal(server.close(), closed, 'a second close is the same')
  await idleClosed // an idle connection is dropped at once
  await t.rejects(get(server, '/ip'), { code: 'ECONNREFUSED' }, 'no new connections')
  fake.sockets[0]!.emit('connect')
  const a = await inFlight
  t.same(JSON.parse(a.body), { ip: '127.0.0.1', port: 443, reachable: true })
  t.equal(a.headers['connection'], 'close', 'the last answer ends the connection')
  await closed
  t.match(lines, [/ GET \/port\/443 200 \d+ms$/])
})

t.test('close cuts off what outlasts the grace period', async (t) => {
  const fake = fakeDial()
  const lines: string[] = []
  const server = await startEchoServer({
    bind: '127.0.0.1',
    port: 0,
    trustProxy: [],
    log: (l) => lines.push(l),
    dial: fake.dial,
    closeGraceMs: 10,
    portCheckTimeoutMs: 60_000,
  })
  const inFlight = get(server, '/port/443')
  await fake.dialled
  await server.close()
  await t.rejects(inFlight, { code: 'ECONNRESET' })
  t.ok(fake.sockets[0]!.destroyed, 'the check is stopped too')
  await until(() => lines.length > 0)
  t.match(lines, [/ GET \/port\/443 - \d+ms$/], "'-': no answer went out")
})

t.test('a caller that hangs up during a check', async (t) => {
  const fake = fakeDial()
  const lines: string[] = []
  const server = await echo(t, { dial: fake.dial, log: (l) => lines.push(l) })
  const req = http.request({ host: '127.0.0.1', port: server.port, path: '/port/25', agent: false })
  req.on('error', () => {})
  req.end()
  await fake.dialled
  req.destroy()
  await until(() => lines.length > 0)
  fake.sockets[0]!.emit('connect') // the answer has nowhere to go, and nothing breaks
  t.match(lines, [/ GET \/port\/25 - \d+ms$/])
  t.equal((await get(server, '/ip')).status, 200, 'still serving')
})

t.test('rejects with the system error when the port is taken', async (t) => {
  const server = await echo(t)
  await t.rejects(startEchoServer({ bind: '127.0.0.1', port: server.port, trustProxy: [], log: null }), { code: 'EADDRINUSE' })
})
