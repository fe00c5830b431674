// Tests for SSDP discovery, against a fake unicast responder on 127.0.0.1 (never multicast).
import t, { type Test } from 'tap'
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram'
import {
  IGD_DEVICE_TYPES,
  mSearch,
  parseSsdpAnswer,
  refusal,
  SSDP_MAX_ANSWER_BYTES,
  SSDP_MAX_LOCATION_CHARS,
  SSDP_MULTICAST,
  SSDP_MX,
  SSDP_RESEND_MS,
  SSDP_TTL,
  SSDP_UNICAST_REFUSED,
  SSDP_WINDOW_MS,
  ssdpSearch,
} from '../../src/gateway/ssdp.js'

const IGD1 = 'urn:schemas-upnp-org:device:InternetGatewayDevice:1'

/** A UDP responder on 127.0.0.1 that does `onMessage` with each datagram. */
async function responder(t: Test, onMessage: (msg: string, rinfo: RemoteInfo, self: Socket) => void): Promise<{ address: string; port: number }> {
  const s = createSocket('udp4')
  s.on('message', (msg, rinfo) => onMessage(msg.toString('latin1'), rinfo, s))
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r))
  t.teardown(() => new Promise<void>((r) => s.close(() => r())))
  return { address: '127.0.0.1', port: s.address().port }
}

/** An SSDP search answer as miniupnpd sends it. */
function answer(location: string, st = IGD1, status = 'HTTP/1.1 200 OK'): string {
  return [
    status,
    'CACHE-CONTROL: max-age=120',
    `ST: ${st}`,
    `USN: uuid:00000000-0000-0000-0000-000000000000::${st}`,
    'EXT:',
    'SERVER: Debian/12 UPnP/1.1 MiniUPnPd/2.3.1',
    `LOCATION: ${location}`,
    'OPT: "http://schemas.upnp.org/upnp/1/0/"; ns=01',
    '01-NLS: 1',
    'BOOTID.UPNP.ORG: 1',
    'CONFIGID.UPNP.ORG: 1337',
    '',
    '',
  ].join('\r\n')
}

const signal = (): AbortSignal => new AbortController().signal

t.test('constants', async (t) => {
  t.same(SSDP_MULTICAST, { address: '239.255.255.250', port: 1900 })
  t.same(IGD_DEVICE_TYPES, [IGD1, 'urn:schemas-upnp-org:device:InternetGatewayDevice:2'])
  t.equal(SSDP_MX, 1)
  t.equal(SSDP_WINDOW_MS, 1500)
  t.equal(SSDP_RESEND_MS, 500)
  t.equal(SSDP_TTL, 2)
  t.equal(SSDP_MAX_ANSWER_BYTES, 2048)
  t.equal(SSDP_MAX_LOCATION_CHARS, 512)
})

t.test('the M-SEARCH request', async (t) => {
  t.equal(
    mSearch(IGD1, '239.255.255.250', 1900),
    `M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 1\r\nST: ${IGD1}\r\n\r\n`,
  )
})

t.test('parseSsdpAnswer', async (t) => {
  t.same(parseSsdpAnswer(answer('http://192.168.1.1:5000/rootDesc.xml')), { st: IGD1, location: 'http://192.168.1.1:5000/rootDesc.xml' })
  t.same(parseSsdpAnswer('HTTP/1.0 200 OK\nst:x\nLocation:  http://a/ \nlocation: http://b/\n'), { st: 'x', location: 'http://a/' }, 'LF only, any case, first header wins')
  t.equal(parseSsdpAnswer(answer('http://a/', IGD1, 'HTTP/1.1 404 Not Found')), null)
  t.equal(parseSsdpAnswer('NOTIFY * HTTP/1.1\r\nST: x\r\nLOCATION: http://a/\r\n'), null, 'not an answer')
  t.equal(parseSsdpAnswer('HTTP/1.1 200 OK\r\nST: x\r\n: odd\r\nno colon\r\n'), null, 'no LOCATION')
  t.equal(parseSsdpAnswer('HTTP/1.1 200 OK\r\nLOCATION: http://a/\r\n'), null, 'no ST')
  t.equal(parseSsdpAnswer(''), null)
})

t.test('refusal: the gateway, a private source, a same-host http: LOCATION', async (t) => {
  t.equal(refusal('192.168.1.1', '192.168.1.1', 'http://192.168.1.1:5000/rootDesc.xml'), null)
  t.equal(refusal(null, '10.0.0.1', 'http://10.0.0.1/d.xml'), null, 'no gateway: a private source is accepted')
  t.equal(refusal('192.168.1.1', '192.168.1.5', 'http://192.168.1.5/'), 'an IGD answered from 192.168.1.5, not the gateway')
  t.equal(refusal(null, '127.0.0.1', 'http://127.0.0.1/'), 'an IGD answered from 127.0.0.1, not a private address')
  t.match(refusal('192.168.1.1', '192.168.1.1', `http://192.168.1.1/${'a'.repeat(SSDP_MAX_LOCATION_CHARS)}`), /longer than 512 characters/)
  for (const location of ['http://192.168.1.2/', 'http://router.lan/', 'https://192.168.1.1/', 'http://u:p@192.168.1.1/', 'not a url', 'http://192.168.1.1.evil.example/']) {
    t.match(refusal('192.168.1.1', '192.168.1.1', location), /description URL on another host or not http:/, location)
  }
  t.equal(refusal('192.168.1.1', '192.168.1.1', 'http://192.168.1.1/\u001b[2J'), null, 'escapes are percent-encoded by the URL parser')
  t.match(refusal('192.168.1.1', '192.168.1.1', 'gopher://x/\u001b[31mred'), /\(gopher:\/\/x\/red\)$/, 'made printable: the escape sequence is gone')
})

t.test('a search: both device types asked, the gateway answers, the location is normalised', async (t) => {
  const seen: string[] = []
  const target = await responder(t, (msg, rinfo, s) => {
    seen.push(msg)
    if (seen.length === 2) s.send(answer(`http://127.0.0.1:${target.port}/rootDesc.xml?a=%41`), rinfo.port, rinfo.address)
  })
  const r = await ssdpSearch({ gateway: '127.0.0.1', target, windowMs: 2000, signal: signal() })
  t.same(r, { answer: { source: '127.0.0.1', location: `http://127.0.0.1:${target.port}/rootDesc.xml?a=%41` }, refused: null, error: null })
  t.same(
    seen.map((m) => /^ST: (.*)\r$/m.exec(m)?.[1]),
    IGD_DEVICE_TYPES,
    'one M-SEARCH per type',
  )
  t.match(seen[0], `HOST: 127.0.0.1:${target.port}\r\n`)
})

t.test('a search resends when nothing acceptable answered', async (t) => {
  let n = 0
  const target = await responder(t, (_msg, rinfo, s) => {
    if (++n === 3) s.send(answer('http://127.0.0.1/d.xml', 'urn:schemas-upnp-org:device:InternetGatewayDevice:2'), rinfo.port, rinfo.address)
  })
  const r = await ssdpSearch({ gateway: '127.0.0.1', target, windowMs: 2000, signal: signal() })
  t.equal(r.answer?.location, 'http://127.0.0.1/d.xml')
  t.equal(n >= 3, true, 'the second round was sent')
})

t.test('ignored: oversized, not 200, another search target; refused: LOCATION elsewhere', async (t) => {
  const target = await responder(t, (_msg, rinfo, s) => {
    s.send(answer('http://127.0.0.1/a.xml') + 'x'.repeat(SSDP_MAX_ANSWER_BYTES), rinfo.port, rinfo.address)
    s.send(answer('http://127.0.0.1/b.xml', IGD1, 'HTTP/1.1 500 Oops'), rinfo.port, rinfo.address)
    s.send(answer('http://127.0.0.1/c.xml', 'upnp:rootdevice'), rinfo.port, rinfo.address)
    s.send(answer('http://localhost:1/rootDesc.xml'), rinfo.port, rinfo.address)
    s.send(answer('http://127.0.0.2/rootDesc.xml'), rinfo.port, rinfo.address)
  })
  const r = await ssdpSearch({ gateway: '127.0.0.1', target, windowMs: 300, signal: signal() })
  t.equal(r.answer, null)
  t.equal(r.refused, 'an IGD at 127.0.0.1 gave a description URL on another host or not http: (http://localhost:1/rootDesc.xml)', 'the first refusal')
  t.equal(r.error, null)
})

t.test('no gateway: a loopback source is not private, so refused', async (t) => {
  const target = await responder(t, (_msg, rinfo, s) => s.send(answer('http://127.0.0.1/d.xml'), rinfo.port, rinfo.address))
  const r = await ssdpSearch({ gateway: null, target, windowMs: 200, signal: signal() })
  t.same(r, { answer: null, refused: 'an IGD answered from 127.0.0.1, not a private address', error: null })
})

t.test('silence until the window ends; the signal ends the wait sooner, or before it starts', async (t) => {
  const target = await responder(t, () => {})
  t.same(await ssdpSearch({ gateway: '127.0.0.1', target, windowMs: 100, signal: signal() }), { answer: null, refused: null, error: null })
  const c = new AbortController()
  const p = ssdpSearch({ gateway: '127.0.0.1', target, windowMs: 60_000, signal: c.signal })
  setTimeout(() => c.abort(), 30)
  t.same(await p, { answer: null, refused: null, error: null })
  t.same(await ssdpSearch({ gateway: '127.0.0.1', target, windowMs: 60_000, signal: c.signal }), { answer: null, refused: null, error: null })
})

t.test('a target node refuses (port 0): the error', async (t) => {
  const r = await ssdpSearch({ gateway: '127.0.0.1', target: { address: '127.0.0.1', port: 0 }, windowMs: 1000, signal: signal() })
  t.equal(r.error, 'ERR_SOCKET_BAD_PORT')
  t.equal(r.answer, null)
})

t.test('the unicast search: the gateway answers at once on it, or refuses and ends the wait', async (t) => {
  const silent = await responder(t, () => {})
  const gateway = await responder(t, (msg, rinfo, s) => {
    t.match(msg, `HOST: 127.0.0.1:${gateway.port}\r\n`, 'addressed to the gateway itself')
    s.send(answer(`http://127.0.0.1:${gateway.port}/rootDesc.xml`), rinfo.port, rinfo.address)
  })
  const r = await ssdpSearch({ gateway: '127.0.0.1', target: silent, windowMs: 2000, signal: signal(), unicastPort: gateway.port })
  t.equal(r.answer?.location, `http://127.0.0.1:${gateway.port}/rootDesc.xml`, 'answered on the unicast socket')

  // A port nothing listens on: the ICMP port unreachable ends the wait long before the window.
  const spare = createSocket('udp4')
  await new Promise<void>((r) => spare.bind(0, '127.0.0.1', r))
  const port = spare.address().port
  await new Promise<void>((r) => spare.close(() => r()))
  const started = performance.now()
  const refused = await ssdpSearch({ gateway: '127.0.0.1', target: silent, windowMs: 5000, signal: signal(), unicastPort: port })
  t.same(refused, { answer: null, refused: SSDP_UNICAST_REFUSED, error: null })
  t.ok(performance.now() - started < 2000, 'ended by the refusal, not the window')
  t.same(await ssdpSearch({ gateway: null, target: silent, windowMs: 50, signal: signal(), unicastPort: port }), { answer: null, refused: null, error: null }, 'no gateway: no unicast search')
})

t.test('the unicast search cannot connect (no route, a broadcast address): the multicast search still waits, nothing throws', async (t) => {
  const silent = await responder(t, () => {})
  // connect() to the broadcast address fails (EACCES without SO_BROADCAST), as a lost route
  // fails with ENETUNREACH: the sends that used to follow on the unconnected socket threw.
  const r = await ssdpSearch({ gateway: '255.255.255.255', target: silent, windowMs: 100, signal: signal(), unicastPort: 1900 })
  t.same(r, { answer: null, refused: null, error: null })
})
