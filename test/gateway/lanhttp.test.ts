// Tests for the bounded LAN HTTP client, against fake HTTP servers on 127.0.0.1.
import t, { type Test } from 'tap'
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createTcpServer, type Socket } from 'node:net'
import { LAN_HTTP_MAX_HEADER_BYTES, lanHttp } from '../../src/gateway/lanhttp.js'

/** An HTTP server on 127.0.0.1; returns its base URL. */
async function httpServer(t: Test, handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<string> {
  const server = createHttpServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (body += c))
    req.on('end', () => handler(req, res, body))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  t.teardown(() => new Promise<void>((r) => server.close(() => r())))
  const a = server.address()
  return `http://127.0.0.1:${typeof a === 'object' && a !== null ? a.port : 0}`
}

/** A raw TCP server on 127.0.0.1 that does `onConnection`; returns its base URL. */
async function tcpServer(t: Test, onConnection: (s: Socket) => void): Promise<string> {
  const sockets = new Set<Socket>()
  const server = createTcpServer((s) => {
    sockets.add(s)
    s.on('error', () => {})
    onConnection(s)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  t.teardown(() => {
    for (const s of sockets) s.destroy()
    return new Promise<void>((r) => server.close(() => r()))
  })
  const a = server.address()
  return `http://127.0.0.1:${typeof a === 'object' && a !== null ? a.port : 0}`
}

const signal = (): AbortSignal => new AbortController().signal
const reason = async (p: Promise<unknown>): Promise<string> => p.then(() => 'resolved', (err: Error) => err.message)

t.test('constants', async (t) => {
  t.equal(LAN_HTTP_MAX_HEADER_BYTES, 8192)
})

t.test('GET: status and body, connection: close, no body sent', async (t) => {
  let seen: IncomingMessage | null = null
  const base = await httpServer(t, (req, res, body) => {
    seen = req
    t.equal(body, '')
    res.writeHead(404, { 'content-type': 'text/plain' }).end('nope ✓')
  })
  const r = await lanHttp({ method: 'GET', url: `${base}/desc.xml?x=1`, maxBytes: 100, signal: signal() })
  t.same(r, { status: 404, body: 'nope ✓' })
  t.equal(seen!.url, '/desc.xml?x=1')
  t.equal(seen!.headers.connection, 'close')
  t.equal(seen!.headers['content-length'], undefined)
})

t.test('POST: headers and body sent, content-length set', async (t) => {
  const base = await httpServer(t, (req, res, body) => {
    t.equal(req.method, 'POST')
    t.equal(req.headers.soapaction, '"x#y"')
    t.equal(req.headers['content-length'], String(Buffer.byteLength(body)))
    res.end(`got ${body}`)
  })
  const r = await lanHttp({ method: 'POST', url: `${base}/ctl`, headers: { soapaction: '"x#y"' }, body: '<é/>', maxBytes: 100, signal: signal() })
  t.same(r, { status: 200, body: 'got <é/>' })
})

t.test('an answer over the cap: refused by its content-length, or while it streams', async (t) => {
  const base = await httpServer(t, (req, res) => {
    if (req.url === '/declared') res.writeHead(200, { 'content-length': '101' }).end('x'.repeat(101))
    else {
      res.writeHead(200) // chunked
      res.write('x'.repeat(60))
      setTimeout(() => res.end('x'.repeat(60)), 10)
    }
  })
  t.equal(await reason(lanHttp({ method: 'GET', url: `${base}/declared`, maxBytes: 100, signal: signal() })), 'response larger than 100 bytes')
  t.equal(await reason(lanHttp({ method: 'GET', url: `${base}/chunked`, maxBytes: 100, signal: signal() })), 'response larger than 100 bytes')
})

t.test('the signal: an abort mid-answer is a timeout, and an aborted signal sends nothing', async (t) => {
  let requests = 0
  const base = await httpServer(t, (_req, res) => {
    requests++
    res.writeHead(200)
    res.write('partial') // never ends
  })
  const c = new AbortController()
  const p = lanHttp({ method: 'GET', url: `${base}/`, maxBytes: 100, signal: c.signal })
  setTimeout(() => c.abort(), 50)
  t.equal(await reason(p), 'timeout')
  const before = requests
  t.equal(await reason(lanHttp({ method: 'GET', url: `${base}/`, maxBytes: 100, signal: c.signal })), 'timeout')
  t.equal(requests, before, 'nothing sent')
  // Before the headers, too.
  const silent = await tcpServer(t, () => {})
  const c2 = new AbortController()
  const p2 = lanHttp({ method: 'GET', url: `${silent}/`, maxBytes: 100, signal: c2.signal })
  setTimeout(() => c2.abort(), 50)
  t.equal(await reason(p2), 'timeout')
})

t.test('connection failures: refused, reset mid-body, a header block too large', async (t) => {
  t.equal(await reason(lanHttp({ method: 'GET', url: 'http://127.0.0.1:1/', maxBytes: 100, signal: signal() })), 'ECONNREFUSED')
  const cut = await tcpServer(t, (s) => {
    s.write('HTTP/1.1 200 OK\r\ncontent-length: 50\r\n\r\nonly this')
    setTimeout(() => s.destroy(), 20)
  })
  t.match(await reason(lanHttp({ method: 'GET', url: `${cut}/`, maxBytes: 100, signal: signal() })), /^(ECONNRESET|aborted|connection closed before the answer was complete)$/)
  const fat = await tcpServer(t, (s) => s.write(`HTTP/1.1 200 OK\r\nx-fat: ${'y'.repeat(LAN_HTTP_MAX_HEADER_BYTES)}\r\n\r\n`))
  t.equal(await reason(lanHttp({ method: 'GET', url: `${fat}/`, maxBytes: 100, signal: signal() })), 'HPE_HEADER_OVERFLOW')
})

t.test('only http: URLs with an IPv4 host, without credentials; port 80 by default', async (t) => {
  const refused = 'not an http: URL with an IPv4 host'
  for (const url of ['not a url', 'https://127.0.0.1/', 'http://localhost/', 'http://[::1]/', 'http://u:p@127.0.0.1/', 'http://u@127.0.0.1/', 'file:///etc/passwd']) {
    t.equal(await reason(lanHttp({ method: 'GET', url, maxBytes: 100, signal: signal() })), refused, url)
  }
  // Port 80 on 127.0.0.2: nothing listens there in a test environment.
  t.match(await reason(lanHttp({ method: 'GET', url: 'http://127.0.0.2/', maxBytes: 100, signal: signal() })), /^E[A-Z]+$/)
})
