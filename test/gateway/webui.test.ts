// Tests for reading the gateway's web UI against real local HTTP and HTTPS servers on 127.0.0.1.
import t, { type Test } from 'tap'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createNetServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer as createTlsServer } from 'node:tls'
import { MAX_TEXT_CHARS } from '../../src/net/service.js'
import { hasInvisibles } from '../../src/util/sanitize.js'
import {
  decodeEntities,
  parseAnswer,
  readWebUi,
  redirectHint,
  WEBUI_HINT_CHARS,
  WEBUI_MAX_BYTES,
  WEBUI_MAX_URL_CHARS,
  WEBUI_TIMEOUT_MS,
  type WebUiOptions,
} from '../../src/gateway/webui.js'

const now = (): number => performance.now()
const GW = '127.0.0.1'

// Certificates made at test time (EC keys: fast), with OpenWrt's default subject (openwrt/openwrt PR #15366).
const dir = mkdtempSync(join(tmpdir(), 'hairpin-webui-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
interface Pair {
  key: string
  cert: string
}
function makeCert(file: string, subject: string, san?: string): Pair {
  const keyFile = join(dir, `${file}.key`)
  const certFile = join(dir, `${file}.pem`)
  const ext = san === undefined ? [] : ['-addext', `subjectAltName=${san}`]
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', subject, ...ext, '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' })
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') }
}
const openwrt = makeCert('openwrt', '/C=ZZ/ST=Somewhere/L=Unknown/O=OpenWrt08f8a59c/CN=OpenWrt', 'DNS:OpenWrt.lan,IP:127.0.0.1')
const several = makeCert('several', '/O=One/O=Two/CN=a.lab/CN=b.lab')
const asus = makeCert('asus', '/CN=router.asus.com')

/** What a lab server saw: each request's head, and how many connections. */
interface Lab {
  port: number
  requests: string[]
  connections: number
}

/** Answers one request on `s`; `req` is the request head (request line and headers). */
type Handler = (s: Socket, req: string) => void

/** The path of a request head. */
const pathOf = (req: string): string => req.split(' ')[1] as string

/** Listens on 127.0.0.1:0; at teardown destroys every connection and closes. */
async function listen(t: Test, srv: Server, lab: Lab): Promise<Lab> {
  const open = new Set<Socket>()
  srv.on('connection', (s: Socket) => {
    lab.connections++
    open.add(s)
    s.on('close', () => open.delete(s))
  })
  await new Promise<void>((r) => srv.listen(0, GW, r))
  t.teardown(async () => {
    for (const s of open) s.destroy()
    await new Promise<void>((r) => srv.close(() => r()))
  })
  lab.port = (srv.address() as { port: number }).port
  return lab
}

/** A server (TLS with `pair`) that reads each request head and hands it to `handler`. */
async function serve(t: Test, handler: Handler, pair?: Pair): Promise<Lab> {
  const lab: Lab = { port: 0, requests: [], connections: 0 }
  const onConn = (s: Socket): void => {
    s.on('error', () => {})
    let buf = ''
    s.setEncoding('latin1')
    s.on('data', (d: string) => {
      const had = buf.includes('\r\n\r\n')
      buf += d
      const end = buf.indexOf('\r\n\r\n')
      if (had || end < 0) return
      lab.requests.push(buf.slice(0, end))
      handler(s, buf.slice(0, end))
    })
  }
  return listen(t, pair === undefined ? createNetServer(onConn) : createTlsServer({ key: pair.key, cert: pair.cert }, onConn), lab)
}

/** A plain TCP server that does `onConn` as soon as a connection arrives, before any request. */
async function raw(t: Test, onConn: (s: Socket) => void): Promise<Lab> {
  const lab: Lab = { port: 0, requests: [], connections: 0 }
  return listen(
    t,
    createNetServer((s) => {
      s.on('error', () => {})
      onConn(s)
    }),
    lab,
  )
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createNetServer()
  await new Promise<void>((r) => srv.listen(0, GW, r))
  const { port } = srv.address() as { port: number }
  await new Promise<void>((r) => srv.close(() => r()))
  return port
}

/** An HTTP answer. */
const http = (status: string, headers: string[] = [], body = ''): string => [`HTTP/1.1 ${status}`, ...headers, '', body].join('\r\n')
/** A handler that sends `text` and closes. */
const send =
  (text: string): Handler =>
  (s) =>
    s.end(text)

const opts = (httpPort: number, httpsPort: number, extra: Partial<WebUiOptions> = {}): WebUiOptions => ({ gateway: GW, timeoutMs: WEBUI_TIMEOUT_MS, now, httpPort, httpsPort, ...extra })

t.test('both pages, in parallel, without credentials: status, Server, title, realm, certificate names', async (t) => {
  const waiting: Array<() => void> = []
  // Each server answers only once both requests have arrived: a sequential read would time out.
  const both = (answer: () => void): void => {
    waiting.push(answer)
    if (waiting.length === 2) for (const f of waiting) f()
  }
  const plain = await serve(t, (s) => both(() => s.end(http('200 OK', ['Server: lab-httpd', 'Content-Type: text/html'], '<html><head><title>Login | OPNsense</title></head></html>'))))
  const tls = await serve(t, (s) => both(() => s.end(http('401 Unauthorized', ['WWW-Authenticate: Basic realm="NETGEAR R7000"', 'Content-Length: 0']))), openwrt)
  const r = await readWebUi(opts(plain.port, tls.port))
  t.equal(r.pages.length, 2)
  t.match(r.pages[0], { url: `http://${GW}:${plain.port}/`, status: 200, server: 'lab-httpd', title: 'Login | OPNsense', location: null, realm: null, cert: null, error: null })
  t.match(r.pages[1], { url: `https://${GW}:${tls.port}/`, status: 401, server: null, title: null, location: null, realm: 'NETGEAR R7000', error: null })
  t.same(r.pages[1]?.cert, { subject: 'OpenWrt', organization: 'OpenWrt08f8a59c', issuer: 'OpenWrt', sans: ['OpenWrt.lan', '127.0.0.1'] })
  for (const p of r.pages) t.ok(p.ms >= 0 && p.ms < WEBUI_TIMEOUT_MS, 'answered in time')
  for (const [lab, port] of [[plain, plain.port], [tls, tls.port]] as const) {
    t.equal(lab.requests.length, 1)
    t.match(lab.requests[0], new RegExp(`^GET / HTTP/1\\.0\\r\\nHost: 127\\.0\\.0\\.1:${port}\\r\\n`))
    t.notMatch(lab.requests[0], /authorization|cookie/i, 'no credentials')
  }
})

t.test('several names in a certificate are joined; a certificate without SANs has none', async (t) => {
  const tls = await serve(t, send(http('200 OK', [], '<title>x</title>')), several)
  const r = await readWebUi(opts(await closedPort(), tls.port))
  t.match(r.pages[0], { status: null, error: 'ECONNREFUSED', cert: null })
  t.same(r.pages[1]?.cert, { subject: 'a.lab, b.lab', organization: 'One, Two', issuer: 'a.lab, b.lab', sans: [] })
  const bare = await serve(t, send(http('200 OK')), asus)
  const r2 = await readWebUi(opts(await closedPort(), bare.port))
  t.same(r2.pages[1]?.cert, { subject: 'router.asus.com', organization: null, issuer: 'router.asus.com', sans: [] }, 'no O')
})

t.test('redirects on the gateway are followed, at most two hops, header, meta refresh and script alike', async (t) => {
  const pages: Record<string, string> = {
    '/': http('302 Found', ['Location: /a', 'Content-Length: 0']),
    '/a': http('200 OK', [], '<meta http-equiv="refresh" content="0; URL=/b" />'),
    '/b': http('200 OK', [], '<script>top.location="/c";</script>'),
    '/c': http('200 OK', [], '<title>never asked</title>'),
  }
  const plain = await serve(t, (s, req) => s.end(pages[pathOf(req)] ?? http('404 Not Found')))
  const closed = await closedPort()
  const r = await readWebUi(opts(plain.port, closed))
  t.same(plain.requests.map(pathOf), ['/', '/a', '/b'], 'the third hop is not taken')
  t.same(
    r.pages.map((p) => [p.url, p.status, p.location]),
    [
      [`http://${GW}:${plain.port}/`, 302, '/a'],
      [`http://${GW}:${plain.port}/a`, 200, '/b'],
      [`http://${GW}:${plain.port}/b`, 200, '/c'],
      [`https://${GW}:${closed}/`, null, null],
    ],
  )
})

t.test('http → https on the same address is followed; the HTTPS root is asked once', async (t) => {
  const tls = await serve(t, (s, req) => s.end(http('200 OK', [], pathOf(req) === '/login' ? '<title>pfSense - Login</title>' : '<title>root</title>')), openwrt)
  const plain = await serve(t, send(http('301 Moved Permanently', [`Location: https://${GW}:${tls.port}/login`])))
  const r = await readWebUi(opts(plain.port, tls.port))
  t.same(
    r.pages.map((p) => [p.url, p.title]),
    [
      [`http://${GW}:${plain.port}/`, null],
      [`https://${GW}:${tls.port}/login`, 'pfSense - Login'],
      [`https://${GW}:${tls.port}/`, 'root'],
    ],
  )
  t.same(tls.requests.map(pathOf).sort(), ['/', '/login'])

  const again = await serve(t, send(http('301 Moved Permanently', [`Location: https://${GW}:${tls.port}/`])))
  const before = tls.requests.length
  const r2 = await readWebUi(opts(again.port, tls.port))
  t.equal(r2.pages.length, 2, 'the redirect to the root already asked is not followed')
  t.equal(tls.requests.length - before, 1)
})

t.test("a redirect to the gateway's default port is followed", async (t) => {
  // Port 80 of 127.0.0.1: whatever answers there (usually nothing: refused), the redirect was taken.
  const plain = await serve(t, send(http('302 Found', [`Location: http://${GW}/elsewhere`])))
  const r = await readWebUi(opts(plain.port, await closedPort(), { timeoutMs: 300 }))
  t.equal(r.pages[1]?.url, `http://${GW}/elsewhere`)
})

t.test('redirects anywhere else are never followed', async (t) => {
  const targets = ['http://192.0.2.1/', '//192.0.2.1/x', 'http://localhost:PORT/x', 'http://user:pw@127.0.0.1:PORT/x', 'ftp://127.0.0.1/x', 'javascript:alert(1)', 'http://%zz/', 'http://127.0.0.1:PORT/#top']
  for (const target of targets) {
    const plain = await serve(t, (s) => s.end(http('302 Found', [`Location: ${target.replace('PORT', String(plain.port))}`])))
    const r = await readWebUi(opts(plain.port, await closedPort()))
    t.equal(plain.requests.length, 1, `${target}: one request only`)
    t.equal(plain.connections, 1)
    t.equal(r.pages.length, 2)
    t.equal(r.pages[0]?.location, target.replace('PORT', String(plain.port)))
  }
})

t.test("OpenWrt's index page: the meta refresh is read and followed to LuCI", async (t) => {
  // openwrt/luci modules/luci-base/root/www/index.html (abridged).
  const index =
    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">\n' +
    '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n<meta http-equiv="Cache-Control" content="no-cache" />\n' +
    '<meta http-equiv="refresh" content="0; URL=/cgi-bin/luci" />\n</head>\n<body style="background-color: white">\n' +
    '<a style="color: black; font-family: arial, helvetica, sans-serif;" href="/cgi-bin/luci">LuCI - Lua Configuration Interface</a>\n</body>\n</html>\n'
  const plain = await serve(t, (s, req) => s.end(pathOf(req) === '/' ? http('200 OK', ['Content-Type: text/html'], index) : http('403 Forbidden', [], '<title>OpenWrt</title>')))
  const r = await readWebUi(opts(plain.port, await closedPort()))
  t.match(r.pages.slice(0, 2), [
    { status: 200, location: '/cgi-bin/luci', title: null },
    { url: `http://${GW}:${plain.port}/cgi-bin/luci`, status: 403, title: 'OpenWrt' },
  ])
})

t.test('redirect hints in the start of the body', async (t) => {
  const cases: Array<[string, string | null]> = [
    ['<meta http-equiv="refresh" content="0; URL=/cgi-bin/luci" />', '/cgi-bin/luci'],
    ["<META HTTP-EQUIV=Refresh CONTENT='0;url=/webpages/login.html'>", '/webpages/login.html'],
    ['<meta content=0;url=/x http-equiv=refresh>', '/x'],
    [`<meta http-equiv="refresh" content="0; url='/quoted'">`, '/quoted'],
    ['<meta http-equiv="refresh" content="30">', null],
    ['<meta http-equiv="refresh"><meta charset="utf-8">', null],
    ['<script>top.location="/login";</script>', '/login'],
    ["<script>window.location.href = '/Main_Login.asp';</script>", '/Main_Login.asp'],
    ['<script>document.location.replace("/remote/login")</script>', '/remote/login'],
    ['<script>if (location.href == "x") go(); location.href = base + "/x"; location = ""</script>', null],
    ['<script>top.location="/first"</script><meta http-equiv="refresh" content="0; URL=/second">', '/first'],
    ['<meta http-equiv="refresh" content="0; URL=/first"><script>top.location="/second"</script>', '/first'],
    [`${' '.repeat(WEBUI_HINT_CHARS)}<script>top.location="/late"</script>`, null],
    ['<title>no redirect</title>', null],
  ]
  for (const [body, want] of cases) t.equal(redirectHint(body), want, body.trim().slice(0, 60))
})

t.test('what identifies a page, parsed from an answer', async (t) => {
  t.equal(parseAnswer(''), null)
  t.equal(parseAnswer('SSH-2.0-OpenSSH_9.2\r\n'), null)
  t.same(parseAnswer('HTTP/1.0 200\r\nServer: x'), { status: 200, server: 'x', title: null, realm: null, target: null }, 'headers not complete yet')
  t.same(
    parseAnswer(
      http(
        '401 Unauthorized',
        ['Location:', 'not a header line', 'WWW-Authenticate: Negotiate', 'WWW-Authenticate: Digest realm=RT-N66U, nonce="1"', 'Server: httpd'],
        '<script>top.location="/from-body"</script>',
      ),
    ),
    { status: 401, server: 'httpd', title: null, realm: 'RT-N66U', target: '/from-body' },
    'an empty Location counts as none; the first realm named',
  )
  t.same(parseAnswer(http('302 Found', ['LOCATION: /header', 'www-authenticate: Basic realm=""'], '<title>T</title><script>top.location="/body"</script>')), {
    status: 302,
    server: null,
    title: 'T',
    realm: null,
    target: '/header',
  })
})

t.test('entities in titles are decoded before they are made printable', async (t) => {
  t.equal(decodeEntities('&amp;&lt;&gt;&quot;&apos;&nbsp;&#65;&#x42;&#1114112;&#xD800;&bogus;&AMP;'), '&<>"\'\u00a0AB\ufffd\ufffd&bogus;&')
  const plain = await serve(t, send(http('200 OK', [], '<title>Synology&nbsp;Router&nbsp;-&nbsp;synology</title>')))
  const r = await readWebUi(opts(plain.port, await closedPort()))
  t.equal(r.pages[0]?.title, 'Synology Router - synology')
})

t.test('the size cap ends a long answer without waiting for the server', async (t) => {
  const plain = await serve(t, (s) => s.write(http('200 OK', [], 'a'.repeat(3 * WEBUI_MAX_BYTES)))) // never closes
  const tls = await serve(t, (s) => s.write(http('200 OK', [], `<title>${'T'.repeat(3 * WEBUI_MAX_BYTES)}`)), openwrt)
  const started = now()
  const r = await readWebUi(opts(plain.port, tls.port))
  t.ok(now() - started < WEBUI_TIMEOUT_MS - 500, 'well before the deadline')
  t.match(r.pages[0], { status: 200, title: null, error: null })
  t.match(r.pages[1], { status: 200, error: null })
  t.equal(Array.from(r.pages[1]!.title!).length, MAX_TEXT_CHARS, 'a title cut by the cap, capped')
  t.ok(r.pages[1]!.title!.endsWith('…'))
})

t.test('reading stops once the title and the redirect are in, or the announced body', async (t) => {
  const plain = await serve(t, (s, req) => {
    // Neither closes: routers that ignore Connection: close.
    if (pathOf(req) === '/') s.write(http('200 OK', [], '<title>FRITZ!Box</title><script>top.location="/next"</script>' + 'x'.repeat(100)))
    else s.write(http('302 Found', ['Location: /login', 'Content-Length: 0']))
  })
  const header = await serve(t, (s) => s.write(http('302 Found', [`Location: http://192.0.2.1/`], '<title>Moved</title>')))
  const started = now()
  const [r, h] = await Promise.all([readWebUi(opts(plain.port, await closedPort())), readWebUi(opts(header.port, await closedPort()))])
  t.ok(now() - started < WEBUI_TIMEOUT_MS - 500, 'well before the deadline')
  t.match(r.pages.slice(0, 3), [
    { title: 'FRITZ!Box', location: '/next' },
    { status: 302, location: '/login' },
    { url: `http://${GW}:${plain.port}/login`, status: 302 },
  ])
  t.match(h.pages[0], { status: 302, title: 'Moved', location: 'http://192.0.2.1/' })
})

t.test('an answer in pieces is put together', async (t) => {
  const plain = await serve(t, (s) => {
    s.write('HTT')
    setTimeout(() => s.write('P/1.1 200 OK\r\nServer: slow'), 30)
    setTimeout(() => s.write('\r\n\r\n<title>one'), 60)
    setTimeout(() => s.end(' two</title>'), 90)
  })
  const r = await readWebUi(opts(plain.port, await closedPort()))
  t.match(r.pages[0], { status: 200, server: 'slow', title: 'one two', error: null })
})

t.test('what is not HTTP, or says nothing, or goes silent', async (t) => {
  const ssh = await raw(t, (s) => s.write('SSH-2.0-OpenSSH_9.2\r\n')) // never closes
  const silent = await raw(t, () => {})
  const closing = await serve(t, (s) => s.end())
  const started = now()
  const [a, b] = await Promise.all([readWebUi(opts(ssh.port, silent.port, { timeoutMs: 300 })), readWebUi(opts(closing.port, await closedPort(), { timeoutMs: 300 }))])
  t.match(a.pages, [{ status: null, error: 'not an HTTP answer' }, { status: null, cert: null, error: 'timeout' }])
  t.ok(a.pages[0]!.ms < 250, 'not HTTP: no wait')
  t.ok(a.pages[1]!.ms >= 250 && now() - started < 1000, 'the deadline ends the wait')
  t.match(b.pages, [{ status: null, error: 'closed without an answer' }, { error: 'ECONNREFUSED' }])
})


t.test('a caller that stops waiting: every request ends at once, "not waited for"', async (t) => {
  const silent = await raw(t, () => {})
  const started = now()
  const r = await readWebUi(opts(silent.port, await closedPort(), { timeoutMs: 5000, signal: AbortSignal.timeout(50) }))
  t.match(r.pages[0], { status: null, error: 'not waited for' })
  t.ok(now() - started < 1000, 'not the deadline')
  const before = await readWebUi(opts(silent.port, silent.port, { timeoutMs: 5000, signal: AbortSignal.abort() }))
  t.match(before.pages, [{ error: 'not waited for' }, { error: 'not waited for' }], 'already stopped: nothing read')
})

t.test('an answer cut short by the deadline or a reset is still read', async (t) => {
  const stalls = await serve(t, (s) => s.write(http('200 OK', ['Server: stalls'], '<title>Half a ti'))) // never finishes
  const resets = await serve(t, (s) => {
    s.write(http('200 OK', ['Server: resets'], '<title>Reset</title>'))
    setTimeout(() => s.resetAndDestroy(), 50)
  })
  const [a, b] = await Promise.all([readWebUi(opts(stalls.port, await closedPort(), { timeoutMs: 300 })), readWebUi(opts(resets.port, await closedPort()))])
  t.match(a.pages[0], { status: 200, server: 'stalls', title: 'Half a ti', error: null })
  t.ok(a.pages[0]!.ms >= 250)
  t.match(b.pages[0], { status: 200, server: 'resets', title: 'Reset', error: null })
})

t.test('a plain server on the HTTPS port: the handshake fails, nothing is identified', async (t) => {
  const plain = await raw(t, (s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'))
  const r = await readWebUi(opts(await closedPort(), plain.port))
  t.match(r.pages[1], { status: null, cert: null, error: /\S/ })
  t.not(r.pages[1]?.error, 'timeout')
})

t.test('hostile text is made printable and capped', async (t) => {
  const evil = '\x1b[2J\x1b]0;owned\x07\u202e\u200b\x00'
  const plain = await serve(t, (s, req) => {
    if (pathOf(req) !== '/') return s.end(http('200 OK', [`Server: ${evil}second`], `<title>${evil}</title>`))
    s.end(
      http(
        '401 Unauthorized',
        [`Server: ${evil}${'S'.repeat(5000)}`, `WWW-Authenticate: Basic realm="${evil}NETGEAR${evil}"`, `Location: /${evil}${'p'.repeat(5000)}`],
        `<title>&#27;[31m${evil}${'T'.repeat(5000)}</title>`,
      ),
    )
  })
  const r = await readWebUi(opts(plain.port, await closedPort()))
  const [first, second] = r.pages
  t.equal(first?.realm, 'NETGEAR')
  t.ok(Array.from(first!.server!).length <= MAX_TEXT_CHARS)
  t.ok(Array.from(first!.title!).length <= MAX_TEXT_CHARS)
  t.ok(Array.from(first!.location!).length <= WEBUI_MAX_URL_CHARS)
  t.ok(Array.from(second!.url).length <= WEBUI_MAX_URL_CHARS, 'the followed URL is capped too')
  t.equal(second?.title, null, 'nothing printable left')
  for (const p of r.pages) {
    for (const v of [p.url, p.server, p.title, p.location, p.realm, p.error]) if (v !== null) t.notOk(hasInvisibles(v), JSON.stringify(v).slice(0, 40))
  }
})

t.test('no time: nothing is asked', async (t) => {
  const plain = await serve(t, send(http('200 OK')))
  const r = await readWebUi(opts(plain.port, plain.port, { timeoutMs: 0 }))
  t.same(
    r.pages.map((p) => [p.url, p.error, p.ms]),
    [
      [`http://${GW}:${plain.port}/`, 'timeout', 0],
      [`https://${GW}:${plain.port}/`, 'timeout', 0],
    ],
  )
  t.equal(plain.connections, 0)
  const d = await readWebUi({ gateway: GW, timeoutMs: 0, now })
  t.same(
    d.pages.map((p) => p.url),
    ['http://127.0.0.1/', 'https://127.0.0.1/'],
    'ports 80 and 443 by default',
  )
})

t.test('a redirect that comes when the time is up is not followed', async (t) => {
  let skew = 0
  const plain = await serve(t, (s) => {
    skew = WEBUI_TIMEOUT_MS // the clock jumps: the answer came at the deadline
    s.end(http('302 Found', ['Location: /later']))
  })
  const r = await readWebUi(opts(plain.port, await closedPort(), { now: () => now() + skew }))
  t.equal(plain.requests.length, 1)
  t.equal(r.pages[0]?.location, '/later')
})

t.test('no IPv4 gateway or no valid port: no pages, no rejection', async (t) => {
  t.same(await readWebUi({ gateway: 'fe80::1', timeoutMs: 1000, now }), { pages: [] })
  t.same(await readWebUi({ gateway: 'router.lan', timeoutMs: 1000, now }), { pages: [] })
  t.same(await readWebUi(opts(70000, 443)), { pages: [] })
})
