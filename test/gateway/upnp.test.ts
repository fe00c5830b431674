// Tests for the UPnP IGD client, against a fake SSDP responder (unicast on 127.0.0.1) and a fake miniupnpd-like HTTP server.
import t, { type Test } from 'tap'
import { createSocket } from 'node:dgram'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import {
  otherMapping,
  readDescription,
  readMapping,
  readSoapAnswer,
  sameHostUrl,
  soapEnvelope,
  UPNP_DESCRIPTION_MAX_BYTES,
  UPNP_MAX_ERROR_CHARS,
  UPNP_MAX_FIELD_CHARS,
  UPNP_MAX_SERVICES,
  UPNP_MAX_URL_CHARS,
  UPNP_NO_SUCH_ENTRY,
  UPNP_SOAP_MAX_BYTES,
  upnpQuery,
  WAN_CONNECTION_TYPES,
  type UpnpOptions,
} from '../../src/gateway/upnp.js'

const now = (): number => performance.now()
const IP1 = 'urn:schemas-upnp-org:service:WANIPConnection:1'
const IP2 = 'urn:schemas-upnp-org:service:WANIPConnection:2'
const PPP1 = 'urn:schemas-upnp-org:service:WANPPPConnection:1'

/** A service entry of a description. */
const service = (type: string, controlUrl: string): string =>
  `<service><serviceType>${type}</serviceType><serviceId>urn:upnp-org:serviceId:X1</serviceId><SCPDURL>/x.xml</SCPDURL><controlURL>${controlUrl}</controlURL><eventSubURL>/evt/x</eventSubURL></service>`

/**
 * A device description shaped like miniupnpd 2.3's rootDesc.xml: the IGD, a WANDevice inside it,
 * a WANConnectionDevice inside that holding the connection services (`services`).
 */
function rootDesc(o: { manufacturer?: string; services?: string; urlBase?: string; friendlyName?: string } = {}): string {
  return [
    '<?xml version="1.0"?>',
    '<root xmlns="urn:schemas-upnp-org:device-1-0" configId="1337">',
    '<specVersion><major>1</major><minor>1</minor></specVersion>',
    o.urlBase === undefined ? '' : `<URLBase>${o.urlBase}</URLBase>`,
    '<device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>',
    `<friendlyName>${o.friendlyName ?? 'Debian router'}</friendlyName>`,
    `<manufacturer>${o.manufacturer ?? 'Debian'}</manufacturer><manufacturerURL>http://www.debian.org/</manufacturerURL>`,
    '<modelDescription>MiniUPnP daemon</modelDescription><modelName>MiniUPnPd</modelName><modelNumber>2.3.1</modelNumber>',
    '<modelURL>http://miniupnp.free.fr/</modelURL><serialNumber>00000000</serialNumber><UDN>uuid:00000000-0000-0000-0000-000000000000</UDN>',
    `<serviceList>${service('urn:schemas-upnp-org:service:Layer3Forwarding:1', '/ctl/L3F')}</serviceList>`,
    '<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType>',
    '<friendlyName>WANDevice</friendlyName><manufacturer>MiniUPnP</manufacturer><modelName>WAN Device</modelName>',
    `<serviceList>${service('urn:schemas-upnp-org:service:WANCommonInterfaceConfig:1', '/ctl/CmnIfCfg')}</serviceList>`,
    '<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType>',
    '<friendlyName>WANConnectionDevice</friendlyName><manufacturer>MiniUPnP</manufacturer><modelName>MiniUPnPd</modelName>',
    `<serviceList>${o.services ?? service(IP1, '/ctl/IPConn')}</serviceList>`,
    '</device></deviceList></device></deviceList>',
    '<presentationURL>http://192.168.1.1/</presentationURL></device></root>',
    '',
  ].join('\r\n')
}

/** A SOAP envelope around `inner`. */
const envelope = (inner: string): string =>
  `<?xml version="1.0"?>\r\n<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body>${inner}</s:Body></s:Envelope>\r\n`

interface Reply {
  status: number
  body: string
}

/** A SOAP action's answer. */
const ok = (action: string, args: Record<string, string>): Reply => ({
  status: 200,
  body: envelope(`<u:${action}Response xmlns:u="${IP1}">${Object.entries(args).map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</u:${action}Response>`),
})

/** A UPnP SOAP fault, as miniupnpd sends it. */
const fault = (code: string, description: string): Reply => ({
  status: 500,
  body: envelope(
    `<s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail><UPnPError xmlns="urn:schemas-upnp-org:control-1-0"><errorCode>${code}</errorCode><errorDescription>${description}</errorDescription></UPnPError></detail></s:Fault>`,
  ),
})

/** What the fake gateway answers to each SOAP action by default: connected, an address, a mapping for 8443/TCP. */
function defaultSoap(action: string, body: string): Reply | 'hang' {
  if (action === 'GetStatusInfo') return ok(action, { NewConnectionStatus: 'Connected', NewLastConnectionError: 'ERROR_NONE', NewUptime: '42' })
  if (action === 'GetExternalIPAddress') return ok(action, { NewExternalIPAddress: '198.51.100.7' })
  if (action === 'GetSpecificPortMappingEntry' && body.includes('<NewExternalPort>8443</NewExternalPort>') && body.includes('<NewProtocol>TCP</NewProtocol>')) {
    return ok(action, { NewInternalPort: '8443', NewInternalClient: '192.168.1.10', NewEnabled: '1', NewPortMappingDescription: 'web', NewLeaseDuration: '0' })
  }
  return fault('714', 'NoSuchEntryInArray')
}

interface SoapRequest {
  url: string
  action: string
  soapaction: string | undefined
  contentType: string | undefined
  body: string
}

interface FakeIgdOptions {
  /** The description (status 200), or a full reply; default `rootDesc()`. */
  description?: (base: string) => string | Reply
  /** The LOCATION the SSDP answer names; default `${base}/rootDesc.xml`. */
  location?: (base: string) => string
  /** The answer to one SOAP action; 'hang' never answers. Default `defaultSoap`. */
  soap?: (action: string, body: string, url: string) => Reply | 'hang'
}

interface FakeIgd {
  /** Where to send M-SEARCH. */
  target: { address: string; port: number }
  /** http://127.0.0.1:PORT */
  base: string
  /** Description GETs seen. */
  gets: string[]
  /** SOAP POSTs seen. */
  soap: SoapRequest[]
}

/** A fake gateway on 127.0.0.1: a unicast SSDP responder and a miniupnpd-like HTTP server. */
async function fakeIgd(t: Test, o: FakeIgdOptions = {}): Promise<FakeIgd> {
  const gets: string[] = []
  const soap: SoapRequest[] = []
  const send = (res: ServerResponse, r: Reply): void => {
    res.writeHead(r.status, { 'content-type': 'text/xml; charset="utf-8"', server: 'Debian/12 UPnP/1.1 MiniUPnPd/2.3.1' }).end(r.body)
  }
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (body += c))
    req.on('end', () => {
      if (req.method === 'GET') {
        gets.push(req.url!)
        const d = (o.description ?? (() => rootDesc()))(base)
        return send(res, typeof d === 'string' ? { status: 200, body: d } : d)
      }
      const soapaction = req.headers.soapaction as string | undefined
      const action = /#(\w+)"?$/.exec(soapaction ?? '')?.[1] ?? ''
      soap.push({ url: req.url!, action, soapaction, contentType: req.headers['content-type'], body })
      const r = (o.soap ?? defaultSoap)(action, body, req.url!)
      if (r !== 'hang') send(res, r)
    })
  })
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r))
  const address = http.address()
  const base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`
  const ssdp = createSocket('udp4')
  ssdp.on('message', (msg, rinfo) => {
    const st = /^ST: (.*)\r$/m.exec(msg.toString('latin1'))?.[1] ?? ''
    const location = (o.location ?? ((b) => `${b}/rootDesc.xml`))(base)
    ssdp.send(`HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=120\r\nST: ${st}\r\nUSN: uuid:0::${st}\r\nEXT:\r\nSERVER: Debian/12 UPnP/1.1 MiniUPnPd/2.3.1\r\nLOCATION: ${location}\r\n\r\n`, rinfo.port, rinfo.address)
  })
  await new Promise<void>((r) => ssdp.bind(0, '127.0.0.1', r))
  t.teardown(async () => {
    http.closeAllConnections()
    await new Promise<void>((r) => http.close(() => r()))
    await new Promise<void>((r) => ssdp.close(() => r()))
  })
  return { target: { address: '127.0.0.1', port: ssdp.address().port }, base, gets, soap }
}

/** Runs a query against `igd` with the test's defaults: gateway 127.0.0.1, 8443/TCP. */
function query(igd: FakeIgd, over: Partial<UpnpOptions> = {}): ReturnType<typeof upnpQuery> {
  return upnpQuery({ gateway: '127.0.0.1', port: 8443, protocol: 'TCP', timeoutMs: 3000, now, ssdpTarget: igd.target, ...over })
}

/** Timers alive now: a query must leave none behind. */
const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

t.test('constants', async (t) => {
  t.equal(UPNP_DESCRIPTION_MAX_BYTES, 65536)
  t.equal(UPNP_SOAP_MAX_BYTES, 16384)
  t.equal(UPNP_MAX_SERVICES, 4)
  t.equal(UPNP_MAX_FIELD_CHARS, 80)
  t.equal(UPNP_MAX_URL_CHARS, 200)
  t.equal(UPNP_MAX_ERROR_CHARS, 300)
  t.equal(UPNP_NO_SUCH_ENTRY, 714)
  t.same(WAN_CONNECTION_TYPES, [IP2, IP1, PPP1])
})

t.test('a miniupnpd-like IGD: who it is, its status, its address, the mapping; read-only SOAP', async (t) => {
  const igd = await fakeIgd(t)
  const before = timers()
  const r = await query(igd)
  t.same(r, {
    found: true,
    location: `${igd.base}/rootDesc.xml`,
    manufacturer: 'Debian',
    model: 'MiniUPnPd',
    friendlyName: 'Debian router',
    serviceType: IP1,
    connectionStatus: 'Connected',
    externalIp: '198.51.100.7',
    mapping: { internalClient: '192.168.1.10', internalPort: 8443, enabled: true, description: 'web', leaseDuration: 0 },
    error: null,
    ms: r.ms,
  })
  t.ok(r.ms >= 0)
  t.same(igd.gets, ['/rootDesc.xml'])
  t.same(
    igd.soap.map((s) => s.action),
    ['GetStatusInfo', 'GetExternalIPAddress', 'GetSpecificPortMappingEntry'],
    'only the three read-only actions: nothing created or deleted',
  )
  t.ok(igd.soap.every((s) => s.url === '/ctl/IPConn' && s.contentType === 'text/xml; charset="utf-8"'))
  t.equal(igd.soap[0]?.soapaction, `"${IP1}#GetStatusInfo"`)
  t.match(igd.soap[2]?.body, `<u:GetSpecificPortMappingEntry xmlns:u="${IP1}"><NewRemoteHost></NewRemoteHost><NewExternalPort>8443</NewExternalPort><NewProtocol>TCP</NewProtocol></u:GetSpecificPortMappingEntry>`)
  t.equal(timers(), before, 'no timer left behind')
})

t.test('no such mapping (fault 714): mapping null, not an error', async (t) => {
  const igd = await fakeIgd(t)
  const r = await query(igd, { port: 9999, protocol: 'UDP' })
  t.equal(r.mapping, null)
  t.equal(r.error, null)
  t.match(igd.soap[2]?.body, '<NewExternalPort>9999</NewExternalPort><NewProtocol>UDP</NewProtocol>')
})

t.test('further ports: their mappings asked of the same device, kept beside the result', async (t) => {
  const igd = await fakeIgd(t)
  const r = await query(igd, { otherPorts: [9999, 8443] })
  t.equal(r.mapping?.internalClient, '192.168.1.10', 'the main port in the result')
  t.equal(otherMapping(r, 9999), null, 'none for 9999 (fault 714)')
  t.equal(otherMapping(r, 8443)?.internalPort, 8443)
  t.equal(otherMapping(r, 1), undefined, 'not asked')
  t.same(igd.soap.map((x) => /<NewExternalPort>(\d+)</.exec(x.body)?.[1]).filter(Boolean), ['8443', '9999', '8443'])
  const plain = await query(igd)
  t.equal(otherMapping(plain, 9999), undefined)
  // The deadline during a further port's call: the ones after it are not asked.
  const slow = await fakeIgd(t, { soap: (action, body) => (body.includes('<NewExternalPort>9999<') ? 'hang' : defaultSoap(action, body)) })
  const cut = await query(slow, { otherPorts: [9999, 9998], timeoutMs: 400 })
  t.equal(cut.mapping?.internalPort, 8443, 'the main port was asked first')
  t.equal(otherMapping(cut, 9998), undefined, 'not asked after the deadline')
  t.notOk(slow.soap.some((x) => x.body.includes('<NewExternalPort>9998<')))
})

t.test('miniupnpd with a reserved WAN address: Disconnected, no external address (empty or 0.0.0.0)', async (t) => {
  for (const answered of ['', '0.0.0.0']) {
    const igd = await fakeIgd(t, {
      soap: (action, body) =>
        action === 'GetStatusInfo'
          ? ok(action, { NewConnectionStatus: 'Disconnected' })
          : action === 'GetExternalIPAddress'
            ? ok(action, { NewExternalIPAddress: answered })
            : defaultSoap(action, body),
    })
    const r = await query(igd)
    t.match(r, { found: true, manufacturer: 'Debian', connectionStatus: 'Disconnected', externalIp: null, error: null }, JSON.stringify(answered))
  }
})

t.test('a LOCATION on another host is never fetched (SSRF)', async (t) => {
  // localhost is this very server: fetching it would work, so only the check stops it.
  const igd = await fakeIgd(t, { location: (base) => base.replace('127.0.0.1', 'localhost') + '/rootDesc.xml' })
  const r = await query(igd, { timeoutMs: 600 })
  t.equal(r.found, null, 'the deadline cut the search short: not known')
  t.match(r.error, /^timeout$/)
  const r2 = await query(igd, { timeoutMs: 3000 })
  t.equal(r2.found, false)
  t.match(r2.error, /an IGD at 127\.0\.0\.1 gave a description URL on another host or not http: \(http:\/\/localhost:\d+\/rootDesc\.xml\)/)
  t.same(igd.gets, [], 'nothing fetched')
  t.same(igd.soap, [])
})

t.test('a description with a DOCTYPE or ENTITY is refused', async (t) => {
  const igd = await fakeIgd(t, { description: () => rootDesc().replace('<root ', '<!DOCTYPE root [<!ENTITY boom "boom">]>\r\n<root ') })
  const r = await query(igd)
  t.match(r, { found: true, manufacturer: null, serviceType: null, error: 'description: DOCTYPE and ENTITY declarations are refused' })
  t.same(igd.soap, [])
})

t.test('a huge description is refused at the cap', async (t) => {
  const huge = rootDesc().replace('<presentationURL>', `<!-- ${'x'.repeat(UPNP_DESCRIPTION_MAX_BYTES)} --><presentationURL>`)
  const igd = await fakeIgd(t, { description: () => huge })
  const r = await query(igd)
  t.match(r, { found: true, manufacturer: null, error: `description: response larger than ${UPNP_DESCRIPTION_MAX_BYTES} bytes` })
})

t.test('ANSI escapes and control characters in the description are neutralised; entities decoded once', async (t) => {
  const igd = await fakeIgd(t, {
    description: () => rootDesc({ manufacturer: '\u001b[2J\u001b[31mEvil\u0007 &amp;lt;Corp&gt;\u202e', friendlyName: `${'n'.repeat(200)}` }),
  })
  const r = await query(igd)
  t.equal(r.manufacturer, 'Evil &lt;Corp>')
  t.equal(r.friendlyName?.length, 80, 'capped')
  t.ok(r.friendlyName?.endsWith('…'))
})

t.test('WANPPPConnection:1', async (t) => {
  const igd = await fakeIgd(t, { description: () => rootDesc({ services: service(PPP1, '/ctl/PPPConn') }) })
  const r = await query(igd)
  t.match(r, { serviceType: PPP1, connectionStatus: 'Connected', externalIp: '198.51.100.7', error: null })
  t.ok(igd.soap.every((s) => s.url === '/ctl/PPPConn' && s.soapaction?.startsWith(`"${PPP1}#`)))
})

t.test('several connection services: WANIPConnection:2 first; the first Connected one wins', async (t) => {
  const both = await fakeIgd(t, { description: () => rootDesc({ services: service(IP1, '/ctl/IP1') + service(IP2, '/ctl/IP2') }) })
  t.equal((await query(both)).serviceType, IP2, 'v2 preferred, whatever the order')
  t.same(both.soap.map((s) => s.url), ['/ctl/IP2', '/ctl/IP2', '/ctl/IP2'])

  // The IP service is down, the PPP one up (a DSL router listing both).
  const dsl = await fakeIgd(t, {
    description: () => rootDesc({ services: service(IP1, '/ctl/IP') + service(PPP1, '/ctl/PPP') }),
    soap: (action, body, url) => (action === 'GetStatusInfo' && url === '/ctl/IP' ? ok(action, { NewConnectionStatus: 'Disconnected' }) : defaultSoap(action, body)),
  })
  const r = await query(dsl)
  t.match(r, { serviceType: PPP1, connectionStatus: 'Connected' })
  t.same(dsl.soap.map((s) => `${s.url} ${s.action}`), ['/ctl/IP GetStatusInfo', '/ctl/PPP GetStatusInfo', '/ctl/PPP GetExternalIPAddress', '/ctl/PPP GetSpecificPortMappingEntry'])

  // Neither connected: the first that answered; one that failed ranks below it.
  const down = await fakeIgd(t, {
    description: () => rootDesc({ services: service(IP1, '/ctl/IP') + service(PPP1, '/ctl/PPP') }),
    soap: (action, body, url) =>
      action !== 'GetStatusInfo' ? defaultSoap(action, body) : url === '/ctl/IP' ? fault('501', 'Action Failed') : ok(action, { NewConnectionStatus: 'Connecting' }),
  })
  t.match(await query(down), { serviceType: PPP1, connectionStatus: 'Connecting', error: null })
})

t.test('at most UPNP_MAX_SERVICES services are tried', async (t) => {
  const many = Array.from({ length: 6 }, (_, i) => service(IP1, `/ctl/${i}`)).join('')
  const igd = await fakeIgd(t, {
    description: () => rootDesc({ services: many }),
    soap: (action, body) => (action === 'GetStatusInfo' ? ok(action, { NewConnectionStatus: 'Disconnected' }) : defaultSoap(action, body)),
  })
  await query(igd)
  t.equal(igd.soap.filter((s) => s.action === 'GetStatusInfo').length, UPNP_MAX_SERVICES)
})

t.test('control URLs: URLBase on the same host is used; anything elsewhere is refused', async (t) => {
  const viaBase = await fakeIgd(t, { description: (base) => rootDesc({ urlBase: `${base}/base/`, services: service(IP1, 'ctl') }) })
  t.equal((await query(viaBase)).error, null)
  t.equal(viaBase.soap[0]?.url, '/base/ctl')

  for (const [name, description] of [
    ['URLBase elsewhere', () => rootDesc({ urlBase: 'http://192.0.2.1:5000/', services: service(IP1, '/ctl/IPConn') })],
    ['absolute controlURL elsewhere', (base: string) => rootDesc({ services: service(IP1, base.replace('127.0.0.1', 'localhost') + '/ctl') })],
    ['https controlURL', () => rootDesc({ services: service(IP1, 'https://127.0.0.1/ctl') })],
    ['no controlURL', () => rootDesc({ services: `<service><serviceType>${IP1}</serviceType></service>` })],
    ['an empty controlURL', () => rootDesc({ services: `<service><serviceType>${IP1}</serviceType><controlURL></controlURL></service>` })],
  ] as const) {
    const igd = await fakeIgd(t, { description })
    const r = await query(igd)
    t.match(r, { found: true, manufacturer: 'Debian', serviceType: null, error: `the controlURL of ${IP1} is missing or points to another host` }, name)
    t.same(igd.soap, [], `${name}: nothing posted`)
  }
})

t.test('descriptions without a usable service, or not a device description at all', async (t) => {
  const none = await fakeIgd(t, {
    description: () => rootDesc({ services: service('urn:schemas-upnp-org:service:WANIPv6FirewallControl:1', '/ctl/6FC') + '<service><controlURL>/ctl/x</controlURL></service>' }),
  })
  t.match(await query(none), { found: true, manufacturer: 'Debian', serviceType: null, error: 'no WANIPConnection or WANPPPConnection service in the description' })

  const notRoot = await fakeIgd(t, { description: () => '<html><body>Router login</body></html>' })
  t.match(await query(notRoot), { found: true, manufacturer: null, error: 'description: not a UPnP device description' })

  const noDevice = await fakeIgd(t, { description: () => '<root><specVersion/></root>' })
  t.match(await query(noDevice), { error: 'description: not a UPnP device description' })

  const notFound = await fakeIgd(t, { description: () => ({ status: 404, body: 'no' }) })
  t.match(await query(notFound), { found: true, error: 'description: HTTP 404' })

  const nobody = await fakeIgd(t, { location: () => 'http://127.0.0.1:1/rootDesc.xml' })
  t.match(await query(nobody), { found: true, location: 'http://127.0.0.1:1/rootDesc.xml', error: 'description: ECONNREFUSED' })
})

t.test('SOAP failures are reported step by step; the other steps still run', async (t) => {
  const igd = await fakeIgd(t, {
    soap: (action) =>
      action === 'GetStatusInfo'
        ? fault('401', 'Invalid Action')
        : action === 'GetExternalIPAddress'
          ? ok(action, { NewExternalIPAddress: '\u001b[31mnot-an-ip' })
          : fault('606', 'Action not authorized'),
  })
  const r = await query(igd)
  t.match(r, { found: true, serviceType: IP1, connectionStatus: null, externalIp: null, mapping: null })
  t.equal(r.error, 'GetStatusInfo: UPnP error 401 Invalid Action; GetExternalIPAddress: not an IPv4 address (not-an-ip); GetSpecificPortMappingEntry: UPnP error 606 Action not authorized')

  const odd = await fakeIgd(t, {
    soap: (action) =>
      action === 'GetStatusInfo'
        ? { status: 500, body: 'Internal Server Error' }
        : action === 'GetExternalIPAddress'
          ? { status: 200, body: '<broken' }
          : { status: 200, body: envelope('<u:SomethingElse/>') },
  })
  t.equal((await query(odd)).error, 'GetStatusInfo: HTTP 500; GetExternalIPAddress: unreadable answer: malformed tag; GetSpecificPortMappingEntry: no GetSpecificPortMappingEntryResponse in the answer')

  const sparse = await fakeIgd(t, {
    soap: (action) =>
      action === 'GetStatusInfo'
        ? ok(action, {})
        : action === 'GetExternalIPAddress'
          ? ok(action, {})
          : { status: 500, body: envelope('<s:Fault><detail><UPnPError><errorCode>x</errorCode></UPnPError></detail></s:Fault>') },
  })
  const s = await query(sparse)
  t.match(s, { connectionStatus: null, externalIp: null, mapping: null, error: 'GetSpecificPortMappingEntry: UPnP error ?' })
})

t.test('the one deadline: cut during the search, or during a SOAP call', async (t) => {
  const silent = createSocket('udp4')
  await new Promise<void>((r) => silent.bind(0, '127.0.0.1', r))
  t.teardown(() => new Promise<void>((r) => silent.close(() => r())))
  const target = { address: '127.0.0.1', port: silent.address().port }
  const before = timers()
  t.match(await upnpQuery({ gateway: '127.0.0.1', port: 8443, protocol: 'TCP', timeoutMs: 200, now, ssdpTarget: target }), { found: null, error: 'timeout' })
  t.equal(timers(), before, 'no timer left behind')

  for (const stuck of ['GetStatusInfo', 'GetExternalIPAddress', 'GetSpecificPortMappingEntry']) {
    const igd = await fakeIgd(t, { soap: (action, body) => (action === stuck ? 'hang' : defaultSoap(action, body)) })
    const r = await query(igd, { timeoutMs: 1000 }) // ample for the steps before the stuck one, on a loaded machine too
    t.match(r, { found: true, manufacturer: 'Debian', serviceType: IP1, error: `${stuck}: timeout` }, stuck)
    t.equal(igd.soap.at(-1)?.action, stuck, `${stuck}: nothing asked after it`)
  }
})


t.test('a caller that stops waiting: cut during the search or a SOAP call, said so', async (t) => {
  const silent = createSocket('udp4')
  await new Promise<void>((r) => silent.bind(0, '127.0.0.1', r))
  t.teardown(() => new Promise<void>((r) => silent.close(() => r())))
  const target = { address: '127.0.0.1', port: silent.address().port }
  const before = timers()
  const r = await upnpQuery({ gateway: '127.0.0.1', port: 8443, protocol: 'TCP', timeoutMs: 5000, now, ssdpTarget: target, signal: AbortSignal.timeout(30) })
  t.match(r, { found: null, error: 'not waited for' })
  t.equal(timers(), before, 'no timer left behind')
  const igd = await fakeIgd(t, { soap: (action, body) => (action === 'GetExternalIPAddress' ? 'hang' : defaultSoap(action, body)) })
  // The call the cut interrupted failed for the caller's reason, not the device's.
  t.match(await query(igd, { timeoutMs: 5000, signal: AbortSignal.timeout(300) }), { found: true, manufacturer: 'Debian', error: 'not waited for' })
  const cut = new AbortController()
  cut.abort()
  t.match(await query(igd, { signal: cut.signal }), { found: null, error: 'not waited for' }, 'stopped before it began')
})

t.test('nobody answers within the window: found false, no error', async (t) => {
  const silent = createSocket('udp4')
  await new Promise<void>((r) => silent.bind(0, '127.0.0.1', r))
  t.teardown(() => new Promise<void>((r) => silent.close(() => r())))
  const r = await upnpQuery({ gateway: '127.0.0.1', port: 8443, protocol: 'TCP', timeoutMs: 3000, now, ssdpTarget: { address: '127.0.0.1', port: silent.address().port } })
  t.match(r, { found: false, location: null, error: null })
})

t.test('no gateway known: only IGDs at private addresses are accepted (loopback is not)', async (t) => {
  const igd = await fakeIgd(t)
  const r = await query(igd, { gateway: null })
  t.match(r, { found: false, error: 'an IGD answered from 127.0.0.1, not a private address' })
  t.same(igd.gets, [])
})

t.test('input checks, an IPv4-mapped gateway, an SSDP socket error', async (t) => {
  const igd = await fakeIgd(t)
  t.match(await query(igd, { gateway: '::ffff:127.0.0.1' }), { found: true, error: null }, 'normalised')
  t.match(await query(igd, { gateway: 'fe80::1' }), { found: null, error: 'gateway is not an IPv4 address' })
  t.match(await query(igd, { port: 0 }), { found: null, error: 'port out of range' })
  t.match(await query(igd, { port: 65536 }), { error: 'port out of range' })
  t.match(await query(igd, { port: 1.5 }), { error: 'port out of range' })
  t.match(await query(igd, { timeoutMs: 0 }), { found: null, error: 'timeout' })
  t.match(await query(igd, { ssdpTarget: { address: '127.0.0.1', port: 0 } }), { found: null, error: 'SSDP: ERR_SOCKET_BAD_PORT' })
  // The default target (multicast) is never used in tests: with no time left nothing is sent.
  t.match(await upnpQuery({ gateway: '127.0.0.1', port: 8443, protocol: 'TCP', timeoutMs: 0, now }), { error: 'timeout' })
})

t.test('readDescription, directly', async (t) => {
  const d = readDescription(rootDesc({ services: service(PPP1, '/p') + service(IP1, '/i') }), 'http://192.168.1.1:5000/rootDesc.xml', '192.168.1.1')
  t.same(d, {
    manufacturer: 'Debian',
    model: 'MiniUPnPd',
    friendlyName: 'Debian router',
    services: [
      { serviceType: IP1, controlUrl: 'http://192.168.1.1:5000/i' },
      { serviceType: PPP1, controlUrl: 'http://192.168.1.1:5000/p' },
    ],
    problem: null,
  })
  const blank = readDescription('<root><device><manufacturer> </manufacturer></device></root>', 'http://192.168.1.1/', '192.168.1.1')
  t.match(blank, { manufacturer: null, model: null, friendlyName: null, services: [] })
  t.same(readDescription('<root>', 'http://192.168.1.1/', '192.168.1.1'), { error: 'document ends inside an element' })
})

t.test('sameHostUrl', async (t) => {
  t.equal(sameHostUrl('/ctl', 'http://192.168.1.1:5000/desc.xml', '192.168.1.1'), 'http://192.168.1.1:5000/ctl')
  t.equal(sameHostUrl('http://192.168.1.1:49000/ctl', 'http://192.168.1.1:5000/', '192.168.1.1'), 'http://192.168.1.1:49000/ctl', 'another port is fine')
  t.equal(sameHostUrl('//192.168.1.2/ctl', 'http://192.168.1.1/', '192.168.1.1'), null)
  t.equal(sameHostUrl('http://user@192.168.1.1/ctl', 'http://192.168.1.1/', '192.168.1.1'), null)
  t.equal(sameHostUrl('http://192.168.1.1:x/', 'http://192.168.1.1/', '192.168.1.1'), null, 'unparseable')
})

t.test('readSoapAnswer and readMapping, directly', async (t) => {
  t.same(readSoapAnswer(500, fault('714', 'NoSuchEntryInArray').body, 'X'), { fault: { code: 714, description: 'NoSuchEntryInArray' } })
  t.same(readSoapAnswer(500, '<broken', 'X'), { error: 'HTTP 500' })
  t.same(readSoapAnswer(500, envelope('<s:Fault><detail/></s:Fault>'), 'X'), { error: 'HTTP 500' })
  t.same(readSoapAnswer(200, '<Other><Body/></Other>', 'X'), { error: 'no XResponse in the answer' })
  const values = (args: Record<string, string>): Map<string, string> => new Map(Object.entries(args))
  t.same(readMapping(values({ NewEnabled: 'true', NewInternalPort: '70000', NewLeaseDuration: '4294967295' })), {
    internalClient: null,
    internalPort: null,
    enabled: true,
    description: null,
    leaseDuration: 4294967295,
  })
  t.equal(readMapping(values({ NewEnabled: 'false' })).enabled, false)
  t.equal(readMapping(values({ NewEnabled: '0' })).enabled, false)
  t.equal(readMapping(values({ NewEnabled: 'maybe', NewLeaseDuration: '-1' })).enabled, null)
  t.equal(readMapping(values({ NewLeaseDuration: '4294967296' })).leaseDuration, null)
})

t.test('soapEnvelope escapes argument values', async (t) => {
  t.match(soapEnvelope(IP1, 'A', [['NewX', '<&>']]), `<u:A xmlns:u="${IP1}"><NewX>&lt;&amp;&gt;</NewX></u:A>`)
})
