// Tests for service identification against real local servers (HTTPS, HTTP, banners, silent, refused) on 127.0.0.1.
import t, { type Test } from 'tap'
import { execFileSync } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createNetServer, Socket, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect as tlsConnect, createSecureContext, createServer as createTlsServer, type ConnectionOptions, type TLSSocket } from 'node:tls'
import {
  bannerKind,
  DEFAULT_WAITS,
  describeService,
  identifyService,
  parseHttp,
  sameService,
  OUT_OF_TIME,
  type IdentifyOptions,
} from '../../src/net/service.js'
import type { ServiceIdentity } from '../../src/report/report.js'

const now = (): number => performance.now()

// Short step waits keep banner-less and silent cases quick; the servers answer in milliseconds.
const FAST = { bannerMs: 100, tlsMs: 2000, httpMs: 2000 }

const opts = (port: number, extra: Partial<IdentifyOptions> = {}): IdentifyOptions => ({ host: '127.0.0.1', port, timeoutMs: 5000, now, waits: FAST, ...extra })

// Certificates made at test time (EC keys: fast). Several subjects to tell servers apart.
const dir = mkdtempSync(join(tmpdir(), 'hairpin-service-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
interface Pair {
  key: string
  cert: string
}
function makeCert(file: string, subject: string): Pair {
  const keyFile = join(dir, `${file}.key`)
  const certFile = join(dir, `${file}.pem`)
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', subject, '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' })
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') }
}
const serverLab = makeCert('server', '/CN=server.lab')
const otherLab = makeCert('other', '/CN=other.lab')
const twoNames = makeCert('two', '/CN=a.lab/CN=b.lab')
const fp = (p: Pair): string => new X509Certificate(p.cert).fingerprint256

/** Listens on 127.0.0.1:0, and at teardown destroys every connection and closes the server. */
async function listen(t: Test, srv: Server): Promise<number> {
  const open = new Set<Socket>()
  srv.on('connection', (s: Socket) => {
    open.add(s)
    s.on('close', () => open.delete(s))
  })
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
  t.teardown(async () => {
    for (const s of open) s.destroy()
    await new Promise<void>((r) => srv.close(() => r()))
  })
  return (srv.address() as { port: number }).port
}

/** A plain TCP server that does `onConn` with each connection, recording what it receives. */
async function tcp(t: Test, onConn: (s: Socket) => void, received: string[] = []): Promise<number> {
  const srv = createNetServer((s) => {
    s.on('error', () => {})
    s.setEncoding('latin1')
    s.on('data', (d: string) => received.push(d))
    onConn(s)
  })
  return listen(t, srv)
}

/** An HTTP handler answering with `status` and `Server: server` (none when null), recording Host headers. */
const answer =
  (status: number, server: string | null, hosts: string[] = []) =>
  (req: IncomingMessage, res: ServerResponse): void => {
    hosts.push(req.headers.host ?? '')
    if (server !== null) res.setHeader('Server', server)
    res.writeHead(status).end()
  }

/** An HTTPS server with `pair`, answering HEAD like the lab helper. */
async function https(t: Test, pair: Pair, hosts: string[] = []): Promise<number> {
  return listen(t, createHttpsServer({ key: pair.key, cert: pair.cert, ALPNProtocols: ['http/1.1'] }, answer(200, 'lab-server', hosts)))
}

/** A failing injected socket: emits `event` (with `arg`) on the next turn. */
const emitting = (event: string, arg?: unknown) => (): Socket => {
  const s = new Socket()
  setImmediate(() => s.emit(event, arg))
  return s
}

/** An injected "TLS socket" that completes its handshake with the given certificate fields and ALPN. */
const fakeTls = (cert: object, alpn: string | false) => (): TLSSocket => {
  const s = Object.assign(new Socket(), { getPeerCertificate: () => cert, alpnProtocol: alpn }) as unknown as TLSSocket
  setImmediate(() => s.emit('secureConnect'))
  return s
}

const base: ServiceIdentity = { outcome: 'ok', kind: 'silent', banner: null, tls: null, http: null, error: null, ms: 1 }
const tlsId = (fingerprint256: string, extra: Partial<ServiceIdentity['tls'] & object> = {}): ServiceIdentity => ({
  ...base,
  kind: 'tls',
  tls: { fingerprint256, subject: 'server.lab', issuer: 'server.lab', validTo: null, alpn: null, organization: null, sans: [], trusted: false, validForName: null, ...extra },
})

t.test('HTTPS: certificate and HTTP answer', async (t) => {
  const hosts: string[] = []
  const port = await https(t, serverLab, hosts)
  const id = await identifyService(opts(port))
  const x509 = new X509Certificate(serverLab.cert)
  t.equal(id.outcome, 'ok')
  t.equal(id.kind, 'tls')
  t.same(id.tls, { fingerprint256: x509.fingerprint256, subject: 'server.lab', issuer: 'server.lab', validTo: x509.validTo, alpn: 'http/1.1', organization: null, sans: [], trusted: false, validForName: null })
  t.same(id.http, { status: 200, server: 'lab-server', title: null })
  t.equal(id.banner, null)
  t.equal(id.error, null)
  t.ok(id.ms >= 0)
  t.same(hosts, ['127.0.0.1'], 'GET inside TLS, Host is the address without a name')
  t.equal(describeService(id), `TLS certificate CN=server.lab (SHA-256 ${x509.fingerprint256.split(':').slice(0, 8).join(':')}:…), HTTP 200, Server: lab-server`)
})

t.test('same server twice is the same; a different certificate is not', async (t) => {
  const a = await https(t, serverLab)
  const b = await https(t, otherLab)
  const first = await identifyService(opts(a))
  const again = await identifyService(opts(a))
  const other = await identifyService(opts(b))
  t.equal(other.tls?.fingerprint256, fp(otherLab))
  t.equal(sameService(first, again), true)
  t.equal(sameService(first, other), false, 'same HTTP answer, different certificate')
})

t.test('SNI: the name picks the certificate and the Host header; an IP is never sent as SNI', async (t) => {
  const seen: Array<string | false | null> = []
  const ctxA = createSecureContext({ key: serverLab.key, cert: serverLab.cert })
  const srv = createTlsServer({ key: otherLab.key, cert: otherLab.cert, SNICallback: (name, cb) => cb(null, name === 'a.lab' ? ctxA : undefined) }, (s) => {
    seen.push(s.servername)
    s.on('error', () => {})
    s.once('data', (d: Buffer) => s.end(`HTTP/1.1 200 OK\r\nServer: sni-${/^host: (.*)\r$/im.exec(d.toString())?.[1]}\r\n\r\n`))
  })
  const port = await listen(t, srv)
  const warnings: Error[] = []
  const onWarning = (w: Error): number => warnings.push(w)
  process.on('warning', onWarning)
  t.teardown(() => process.off('warning', onWarning))

  const named = await identifyService(opts(port, { servername: 'a.lab' }))
  t.equal(named.tls?.fingerprint256, fp(serverLab))
  t.equal(named.http?.server, 'sni-a.lab')
  const bare = await identifyService(opts(port, { servername: null }))
  t.equal(bare.tls?.fingerprint256, fp(otherLab), 'no name: the default certificate')
  t.equal(bare.http?.server, 'sni-127.0.0.1')
  const ip = await identifyService(opts(port, { servername: '127.0.0.1' }))
  t.equal(ip.tls?.fingerprint256, fp(otherLab))
  t.equal(ip.http?.server, 'sni-127.0.0.1', 'an IP still goes in Host')
  const hostile = await identifyService(opts(port, { servername: 'a.lab\r\nX-Evil: 1' }))
  t.equal(hostile.http?.server, 'sni-a.labX-Evil:1', 'no header injection through the name')
  t.same(seen, ['a.lab', false, false, false], 'SNI only for a clean DNS name')
  t.same(sameService(named, bare), false)
  await new Promise((r) => setImmediate(r))
  t.same(warnings, [], 'Node never warned about an IP servername')
})

t.test('a certificate this host trusts, valid for the name sent, and the page title', async (t) => {
  const titled = (req: IncomingMessage, res: ServerResponse): void => void res.writeHead(200, { server: 'lab-server' }).end('<html><title>Lab app</title></html>')
  const port = await listen(t, createHttpsServer({ key: serverLab.key, cert: serverLab.cert }, titled))
  // The lab's CA is the certificate itself: trusted as if it were in the system store (NODE_EXTRA_CA_CERTS).
  const withCa = (o: ConnectionOptions): TLSSocket => tlsConnect({ ...o, ca: [serverLab.cert] })
  const named = await identifyService(opts(port, { servername: 'server.lab', tlsConnect: withCa }))
  t.equal(named.tls?.trusted, true)
  t.equal(named.tls?.validForName, true)
  t.equal(named.http?.title, 'Lab app')
  t.match(describeService(named), /title "Lab app"/)
  const other = await identifyService(opts(port, { servername: 'other.lab', tlsConnect: withCa }))
  t.equal(other.tls?.validForName, false, 'trusted, but not for that name')
  const untrusted = await identifyService(opts(port, { servername: 'server.lab' }))
  t.equal(untrusted.tls?.trusted, false)
  t.equal(untrusted.tls?.validForName, false, 'not trusted: not valid for any name')
  const sans = await identifyService(opts(port, { tlsConnect: fakeTls({ fingerprint256: 'AA', subjectaltname: 'DNS:a.lab, IP Address:192.168.77.1, email:x@y, DNS:' }, false) }))
  t.same(sans.tls?.sans, ['a.lab', '192.168.77.1'], 'DNS names and addresses only')
})

t.test('certificate names: several CNs, issuer, none', async (t) => {
  const two = await identifyService(opts(await https(t, twoNames)))
  t.equal(two.tls?.subject, 'a.lab, b.lab')
  t.equal(two.tls?.issuer, 'a.lab, b.lab')
  // Cases real servers rarely give: injected certificates.
  const silent = await tcp(t, () => {})
  const signed = await identifyService(opts(silent, { tlsConnect: fakeTls({ fingerprint256: 'AA:BB', subject: { O: 'x' }, issuer: { CN: 'Router CA' }, valid_to: 'Jan 1 00:00:00 2030 GMT' }, false) }))
  t.same(signed.tls, { fingerprint256: 'AA:BB', subject: null, issuer: 'Router CA', validTo: 'Jan 1 00:00:00 2030 GMT', alpn: null, organization: 'x', sans: [], trusted: false, validForName: null })
  t.equal(describeService(signed), 'TLS certificate without a CN, issued by CN=Router CA (SHA-256 AA:BB)')
  const none = await identifyService(opts(silent, { tlsConnect: fakeTls({}, false) }))
  t.same(none.tls, { fingerprint256: '', subject: null, issuer: null, validTo: null, alpn: null, organization: null, sans: [], trusted: false, validForName: null })
  t.equal(none.kind, 'tls')
  t.equal(describeService(none), 'TLS without a certificate')
})

t.test('TLS that does not answer HTTP, or answers something else', async (t) => {
  const mute = await listen(t, createTlsServer({ key: serverLab.key, cert: serverLab.cert }, (s) => s.on('error', () => {})))
  const quiet = await identifyService(opts(mute, { waits: { ...FAST, httpMs: 100 } }))
  t.equal(quiet.kind, 'tls')
  t.equal(quiet.http, null)
  t.equal(quiet.banner, null)
  t.match(describeService(quiet), /^TLS certificate CN=server\.lab \(SHA-256 [0-9A-F:]+…\)$/)

  const smtps = await listen(t, createTlsServer({ key: serverLab.key, cert: serverLab.cert }, (s) => {
    s.on('error', () => {})
    s.write('220 smtps.lab ESMTP\r\n')
  }))
  const mail = await identifyService(opts(smtps))
  t.equal(mail.kind, 'tls')
  t.equal(mail.banner, '220 smtps.lab ESMTP')
  t.equal(mail.http, null)
  t.match(describeService(mail), /\), then "220 smtps\.lab ESMTP"$/)
})

t.test('SSH banner: read before anything is sent', async (t) => {
  const received: string[] = []
  const port = await tcp(t, (s) => s.write('SSH-2.0-OpenSSH_9.2\r\n'), received)
  const id = await identifyService(opts(port, { waits: DEFAULT_WAITS }))
  t.equal(id.kind, 'ssh')
  t.equal(id.banner, 'SSH-2.0-OpenSSH_9.2')
  t.equal(id.tls, null)
  t.equal(describeService(id), 'SSH banner "SSH-2.0-OpenSSH_9.2"')
  await new Promise((r) => setTimeout(r, 50))
  t.same(received, [], 'the tool never spoke to it')
})

t.test('SMTP and FTP greetings', async (t) => {
  const smtp = await identifyService(opts(await tcp(t, (s) => s.write('220 mail.lab ESMTP Postfix\r\n'))))
  t.equal(smtp.kind, 'smtp')
  t.equal(describeService(smtp), 'SMTP banner "220 mail.lab ESMTP Postfix"')
  const ftp = await identifyService(opts(await tcp(t, (s) => s.end('220 (vsFTPd 3.0.3)\r\n'))))
  t.equal(ftp.kind, 'ftp')
  t.equal(describeService(ftp), 'FTP banner "220 (vsFTPd 3.0.3)"')
  t.equal(sameService(smtp, ftp), false)
})

t.test('other banners: no newline, endless, hostile, then reset', async (t) => {
  const partial = await identifyService(opts(await tcp(t, (s) => s.write('+OK hello'))))
  t.equal(partial.kind, 'banner')
  t.equal(partial.banner, '+OK hello', 'what came by the end of the wait')
  t.equal(describeService(partial), 'unrecognised service, first line "+OK hello"')

  const endless = await identifyService(opts(await tcp(t, (s) => s.write('A'.repeat(5000)))))
  t.equal(endless.kind, 'banner')
  t.equal(endless.banner, `${'A'.repeat(119)}…`, 'capped')

  const hostile = await identifyService(opts(await tcp(t, (s) => s.end('\u001b[2J\u001b]0;pwned\u0007\u001b[31mSSH-2.0-evil\u001b[0m\u0000\u202e\r\n'))))
  t.equal(hostile.kind, 'ssh')
  t.equal(hostile.banner, 'SSH-2.0-evil', 'escapes and controls gone')
  t.notMatch(describeService(hostile), /[\u0000-\u001f\u007f-\u009f\u202e]/)

  const reset = await identifyService(opts(await tcp(t, (s) => {
    s.write('MAGIC\r\n')
    setTimeout(() => s.resetAndDestroy(), 10)
  })))
  t.equal(reset.kind, 'banner')
  t.equal(reset.banner, 'MAGIC')
})

t.test('plain HTTP with a Server header', async (t) => {
  const hosts: string[] = []
  const port = await listen(t, createHttpServer(answer(400, 'router-webui', hosts)))
  const id = await identifyService(opts(port, { servername: 'example.org' }))
  t.equal(id.outcome, 'ok')
  t.equal(id.kind, 'http')
  t.same(id.http, { status: 400, server: 'router-webui', title: null })
  t.equal(id.tls, null)
  t.equal(id.banner, null)
  t.same(hosts, ['example.org'])
  t.equal(describeService(id), 'HTTP 400, Server: router-webui')

  const bare = await identifyService(opts(await listen(t, createHttpServer(answer(404, null)))))
  t.same(bare.http, { status: 404, server: null, title: null })
  t.equal(describeService(bare), 'HTTP 404, no Server header')
  t.equal(sameService(id, bare), false)

  const huge = await identifyService(opts(await tcp(t, (s) => s.once('data', () => s.write(`HTTP/1.1 200 OK\r\nX-Pad: ${'a'.repeat(20_000)}`)))))
  t.same(huge.http, { status: 200, server: null, title: null }, 'the header block is capped, the status still read')
})

t.test('answers to HEAD that are not HTTP', async (t) => {
  const err = await identifyService(opts(await tcp(t, (s) => s.once('data', () => s.end('-ERR unknown command\r\n')))))
  t.equal(err.kind, 'banner')
  t.equal(err.banner, '-ERR unknown command')
  // A greeting slower than the banner wait arrives on the HEAD connection: still classified.
  const late = await identifyService(opts(await tcp(t, (s) => setTimeout(() => s.write('SSH-2.0-slow\r\n'), 300)), { waits: { ...FAST, bannerMs: 30 } }))
  t.equal(late.kind, 'ssh')
  t.equal(late.banner, 'SSH-2.0-slow')
})

t.test('silent: accepts and says nothing through every step', async (t) => {
  const port = await tcp(t, () => {})
  const id = await identifyService(opts(port, { waits: { bannerMs: 30, tlsMs: 100, httpMs: 100 } }))
  t.equal(id.outcome, 'ok')
  t.equal(id.kind, 'silent')
  t.equal(id.error, 'no banner; TLS: timeout; HTTP: timeout')
  t.equal(describeService(id), 'a service that accepted the connection but sent no banner, TLS or HTTP answer')
  t.equal(sameService(id, { ...id }), true, 'two silent services: the kind is all there is')
  const cut = { ...id, error: `no banner; TLS: timeout; HTTP: ${OUT_OF_TIME}` }
  t.equal(sameService(cut, id), null, 'silent only because the time ran out: unknown')
  t.equal(sameService(id, cut), null)
})

t.test('silent: closes or resets every connection', async (t) => {
  const closes = await identifyService(opts(await tcp(t, (s) => s.end())))
  t.equal(closes.kind, 'silent')
  t.match(closes.error, /^no banner; TLS: \S+; HTTP: closed$/)
  const resets = await identifyService(opts(await tcp(t, (s) => setTimeout(() => s.resetAndDestroy(), 10))))
  t.equal(resets.kind, 'silent')
  t.match(resets.error, /HTTP: ECONNRESET$/)
})

t.test('the overall timeout bounds every step', async (t) => {
  const port = await tcp(t, () => {})
  const none = await identifyService(opts(port, { timeoutMs: 200, waits: DEFAULT_WAITS }))
  t.equal(none.kind, 'silent')
  t.equal(none.error, 'no banner; TLS: skipped, out of time; HTTP: skipped, out of time')
  const tlsOnly = await identifyService(opts(port, { timeoutMs: 300, waits: { bannerMs: 30, tlsMs: 10_000, httpMs: 10_000 } }))
  t.equal(tlsOnly.error, 'no banner; TLS: timeout; HTTP: skipped, out of time')
})

t.test('refused, and comparisons with an unidentified side', async (t) => {
  const srv = createNetServer()
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
  const port = (srv.address() as { port: number }).port
  await new Promise((r) => srv.close(r))
  const id = await identifyService(opts(port))
  t.same({ ...id, ms: 0 }, { outcome: 'refused', kind: null, banner: null, tls: null, http: null, error: 'ECONNREFUSED', ms: 0 })
  t.equal(describeService(id), 'nothing accepted the connection (refused)')
  const up = await identifyService(opts(await https(t, serverLab)))
  t.equal(sameService(id, up), null)
  t.equal(sameService(up, id), null)
})

t.test('connection failures, injected', async (t) => {
  const hang = await identifyService(opts(1, { timeoutMs: 50, connect: () => new Socket() }))
  t.equal(hang.outcome, 'timeout')
  t.equal(hang.error, null)
  t.equal(describeService(hang), 'nothing accepted the connection (timeout)')
  const unreach = await identifyService(opts(1, { connect: emitting('error', Object.assign(new Error('x'), { code: 'EHOSTUNREACH' })) }))
  t.equal(unreach.outcome, 'unreachable')
  t.equal(describeService(unreach), 'nothing accepted the connection (unreachable, EHOSTUNREACH)')
  const reset = await identifyService(opts(1, { connect: emitting('error', Object.assign(new Error('x'), { code: 'ECONNRESET' })) }))
  t.equal(reset.outcome, 'reset')
  const bare = await identifyService(opts(1, { connect: emitting('error', new Error('no\ncode \u001b[1mhere')) }))
  t.equal(bare.outcome, 'error')
  t.equal(bare.error, 'no code here', 'a message, made printable')
  t.equal(describeService(bare), 'nothing accepted the connection (error, no code here)')
  t.equal(describeService({ ...bare, error: null }), 'nothing accepted the connection (error)')
  const badPort = await identifyService(opts(70_000))
  t.equal(badPort.outcome, 'error', 'a synchronous throw is an outcome, not a rejection')
  t.equal(badPort.error, 'ERR_SOCKET_BAD_PORT')
})

t.test('TLS step failures, injected', async (t) => {
  const port = await tcp(t, () => {})
  const waits = { bannerMs: 30, tlsMs: 1000, httpMs: 50 }
  const closed = await identifyService(opts(port, { waits, tlsConnect: emitting('end') as unknown as IdentifyOptions['tlsConnect'] }))
  t.equal(closed.error, 'no banner; TLS: closed; HTTP: timeout')
  const odd = await identifyService(opts(port, { waits, tlsConnect: emitting('error', new Error('odd failure')) as unknown as IdentifyOptions['tlsConnect'] }))
  t.equal(odd.error, 'no banner; TLS: odd failure; HTTP: timeout')
  const throws = await identifyService(opts(port, { waits, tlsConnect: () => { throw Object.assign(new Error('bad options'), { code: 'ERR_INVALID_ARG_VALUE' }) } }))
  t.equal(throws.error, 'no banner; TLS: ERR_INVALID_ARG_VALUE; HTTP: timeout')
})

t.test('parseHttp', async (t) => {
  t.same(parseHttp('HTTP/1.1 200 OK\r\nServer: lighttpd\r\n\r\n'), { status: 200, server: 'lighttpd', title: null })
  t.same(parseHttp('HTTP/2 204\r\nserver:\r\n\r\n'), { status: 204, server: null, title: null }, 'empty Server is none')
  t.same(parseHttp('HTTP/1.0 301'), { status: 301, server: null, title: null })
  t.same(parseHttp('HTTP/1.1 200 OK\r\n\r\nServer: in-the-body'), { status: 200, server: null, title: null }, 'only the header block counts')
  t.same(parseHttp('HTTP/1.1 200 OK\r\n\r\n<html><head><TITLE id=x>\n  OpenWrt -\tLuCI </title>'), { status: 200, server: null, title: 'OpenWrt - LuCI' }, 'the title, its spacing folded')
  t.same(parseHttp('HTTP/1.1 200 OK\r\n<title>not in the body</title>'), { status: 200, server: null, title: null }, 'no title before the body')
  t.same(parseHttp('HTTP/1.1 200 OK\r\n\r\n<title> \u0007 </title>'), { status: 200, server: null, title: null }, 'a title of nothing printable is none')
  t.equal(parseHttp('HTTP/1.1 2000 OK'), null)
  t.equal(parseHttp('SSH-2.0-x'), null)
})

t.test('bannerKind', async (t) => {
  t.equal(bannerKind('SSH-1.99-Cisco-1.25'), 'ssh')
  t.equal(bannerKind('220'), 'smtp')
  t.equal(bannerKind('220 mx.lab ESMTP Exim 4.96'), 'smtp')
  t.equal(bannerKind('220 ftp.lab ESMTP'), 'smtp', 'says SMTP: mail, whatever the host is called')
  t.equal(bannerKind('220-FileZilla Server 1.7.0'), 'ftp')
  t.equal(bannerKind('220 Microsoft FTP Service'), 'ftp')
  t.equal(bannerKind('2200 nope'), 'banner')
  t.equal(bannerKind('* OK IMAP4rev1'), 'banner')
})

t.test('sameService: the strongest evidence both sides have', async (t) => {
  const ssh = (banner: string): ServiceIdentity => ({ ...base, kind: 'ssh', banner })
  const http = (status: number, server: string | null): ServiceIdentity => ({ ...base, kind: 'http', http: { status, server, title: null } })
  t.equal(sameService({ ...base, kind: null, outcome: 'timeout' }, base), null)
  t.equal(sameService(base, { ...base, kind: null, outcome: 'refused' }), null)
  t.equal(sameService(ssh('SSH-2.0-a'), http(200, null)), false, 'different kinds')
  t.equal(sameService(tlsId('AA:BB'), tlsId('aa:bb', { subject: 'other' })), true, 'fingerprint decides, case aside')
  t.equal(sameService(tlsId('AA:BB'), tlsId('AA:BC')), false)
  t.equal(sameService(tlsId('AA:BB'), { ...tlsId(''), tls: null }), true, 'one certificate missing: the kind is what is left')
  t.equal(sameService(ssh('SSH-2.0-a'), ssh('SSH-2.0-a')), true)
  t.equal(sameService(ssh('SSH-2.0-a'), ssh('SSH-2.0-b')), false)
  t.equal(sameService({ ...tlsId('AA'), tls: null }, { ...tlsId('AA'), tls: null, banner: '220 x' }), false, 'a banner on one side only')
  t.equal(sameService(http(200, 'a'), http(200, 'a')), true)
  t.equal(sameService(http(200, 'a'), http(200, 'b')), false)
  t.equal(sameService(http(200, 'a'), http(404, 'a')), false)
  t.equal(sameService(http(200, 'a'), { ...http(200, 'a'), http: null }), false, 'an answer on one side only')
})

t.test('describeService: every kind', async (t) => {
  t.equal(describeService({ ...base, kind: 'banner', banner: 'x' }), 'unrecognised service, first line "x"')
  t.equal(describeService({ ...base, kind: 'ssh', banner: 'SSH-2.0-dropbear' }), 'SSH banner "SSH-2.0-dropbear"')
  t.equal(describeService(tlsId('AA:BB', { issuer: null })), 'TLS certificate CN=server.lab (SHA-256 AA:BB)')
  t.equal(describeService({ ...base, kind: null, outcome: 'unreachable', error: null }), 'nothing accepted the connection (unreachable)')
  t.equal(describeService({ ...base, kind: null, outcome: 'refused', error: 'ECONNREFUSED' }), 'nothing accepted the connection (refused)')
})
