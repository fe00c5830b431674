// Lab UPnP IGD client: SSDP M-SEARCH on the LAN, the device description, and SOAP queries to the WAN connection service, as JSON.
import { createSocket } from 'node:dgram'
import { isIPv4 } from 'node:net'

// Usage (inside a lab host):
//   node ssdp-query.mjs LOCAL_IP [TIMEOUT_MS] [MAPPING_PORT]
// Sends one M-SEARCH (resent a few times) out of the interface holding LOCAL_IP, takes the first
// answer's LOCATION, fetches the description, then asks the WANIPConnection (or WANPPPConnection)
// service GetExternalIPAddress, GetStatusInfo and GetSpecificPortMappingEntry(MAPPING_PORT, TCP).
// Prints one JSON line: { ssdp: { from, headers } | null, description, soap: { Action: { status, fields, fault } } }.
const args = process.argv.slice(2)
if (args.length === 0) {
  // Run bare (e.g. `tap test/lab/` runs every file in the folder): say how to use it and do nothing.
  process.stderr.write('usage: node ssdp-query.mjs LOCAL_IP [TIMEOUT_MS] [MAPPING_PORT]\n')
  process.exit(0)
}
const [localIp, timeoutArg, portArg] = args
if (!localIp || !isIPv4(localIp)) throw new Error('LOCAL_IP must be this host IPv4 address on the LAN')

/** The SSDP multicast group and port (UPnP Device Architecture 1.1, section 1). */
const SSDP_GROUP = '239.255.255.250'
const SSDP_PORT = 1900
// What a port-mapping client searches for: any Internet Gateway Device version (miniupnpd answers v1 and v2).
const SEARCH_TARGET = 'urn:schemas-upnp-org:device:InternetGatewayDevice:1'
// MX (seconds a device may wait before answering, to spread replies): 1, the smallest allowed.
const MX_SECONDS = 1
// SSDP is UDP and the spec asks to send M-SEARCH more than once; the lab answers in milliseconds.
const RESEND_MS = 300
/** Default overall wait for an SSDP answer; the device answers within MX. */
const DEFAULT_TIMEOUT_MS = 3000
// Cap on each HTTP exchange with the device: the lab answers in milliseconds.
const HTTP_TIMEOUT_MS = 3000
// The forwarded port the lab sets up (LAB.port): asked about with GetSpecificPortMappingEntry.
const DEFAULT_MAPPING_PORT = 8443
const timeoutMs = Number(timeoutArg ?? DEFAULT_TIMEOUT_MS)
const mappingPort = Number(portArg ?? DEFAULT_MAPPING_PORT)

/** The services whose actions we call, in order of preference (IGD v1/v2). */
const WAN_SERVICES = [
  'urn:schemas-upnp-org:service:WANIPConnection:2',
  'urn:schemas-upnp-org:service:WANIPConnection:1',
  'urn:schemas-upnp-org:service:WANPPPConnection:1',
]

/** Sends M-SEARCH until the first answer or the timeout; resolves with the answer's source and headers, or null. */
function msearch() {
  return new Promise((resolveP) => {
    const sock = createSocket({ type: 'udp4', reuseAddr: true })
    const msg = Buffer.from(
      [
        'M-SEARCH * HTTP/1.1',
        `HOST: ${SSDP_GROUP}:${SSDP_PORT}`,
        'MAN: "ssdp:discover"',
        `MX: ${MX_SECONDS}`,
        `ST: ${SEARCH_TARGET}`,
        '',
        '',
      ].join('\r\n'),
    )
    let resend
    const finish = (v) => {
      clearInterval(resend)
      clearTimeout(deadline)
      sock.close()
      resolveP(v)
    }
    const deadline = setTimeout(() => finish(null), timeoutMs)
    sock.on('message', (buf, rinfo) => {
      const [status, ...lines] = buf.toString('latin1').split('\r\n')
      const headers = {}
      for (const l of lines) {
        const i = l.indexOf(':')
        if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim()
      }
      if (/^HTTP\/1\.1 200/.test(status ?? '') && headers.location) finish({ from: `${rinfo.address}:${rinfo.port}`, status, headers })
    })
    sock.on('error', () => finish(null))
    sock.bind(0, localIp, () => {
      // Pin the outgoing interface: the lab host's LAN interface, whatever its routes say.
      sock.setMulticastInterface(localIp)
      sock.setMulticastTTL(2)
      const send = () => sock.send(msg, SSDP_PORT, SSDP_GROUP)
      send()
      resend = setInterval(send, RESEND_MS)
    })
  })
}

/** fetch with a timeout; resolves with status and body text. */
async function get(url, init = {}) {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) })
  return { status: res.status, text: await res.text() }
}

/** The text of the first `<tag>` element in `xml` (no namespaces, no nesting), or null. */
const tag = (xml, name) => {
  const m = new RegExp(`<(?:[\\w-]+:)?${name}>([^<]*)</(?:[\\w-]+:)?${name}>`).exec(xml)
  return m ? m[1] : null
}

/** The service entries of a device description: type, control URL. */
function services(xml) {
  return [...xml.matchAll(/<service>([\s\S]*?)<\/service>/g)].map((m) => ({
    serviceType: tag(m[1], 'serviceType'),
    controlURL: tag(m[1], 'controlURL'),
  }))
}

/** Calls one SOAP action; resolves with the HTTP status, the response's fields, and the UPnP fault (code, description) if any. */
async function soap(controlUrl, serviceType, action, argsXml = '') {
  const body =
    '<?xml version="1.0"?>\r\n' +
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">' +
    `<s:Body><u:${action} xmlns:u="${serviceType}">${argsXml}</u:${action}></s:Body></s:Envelope>\r\n`
  const r = await get(controlUrl, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset="utf-8"', soapaction: `"${serviceType}#${action}"` },
    body,
  })
  const fields = {}
  const resp = new RegExp(`<(?:[\\w-]+:)?${action}Response[^>]*>([\\s\\S]*?)</(?:[\\w-]+:)?${action}Response>`).exec(r.text)
  if (resp) for (const m of resp[1].matchAll(/<(\w+)>([^<]*)<\/\1>/g)) fields[m[1]] = m[2]
  const fault = /<errorCode>/.test(r.text) ? { errorCode: Number(tag(r.text, 'errorCode')), errorDescription: tag(r.text, 'errorDescription') } : null
  return { status: r.status, fields, fault }
}

const out = { ssdp: null, description: null, soap: {} }
out.ssdp = await msearch()
if (out.ssdp) {
  const location = out.ssdp.headers.location
  const desc = await get(location)
  const xml = desc.text
  const svcs = services(xml)
  out.description = {
    status: desc.status,
    friendlyName: tag(xml, 'friendlyName'),
    manufacturer: tag(xml, 'manufacturer'),
    modelName: tag(xml, 'modelName'),
    modelNumber: tag(xml, 'modelNumber'),
    serialNumber: tag(xml, 'serialNumber'),
    UDN: tag(xml, 'UDN'),
    deviceType: tag(xml, 'deviceType'),
    services: svcs.map((s) => s.serviceType),
  }
  const wan = WAN_SERVICES.map((type) => svcs.find((s) => s.serviceType === type)).find(Boolean)
  if (wan) {
    const controlUrl = new URL(wan.controlURL, location).href
    out.controlUrl = controlUrl
    out.soap.GetExternalIPAddress = await soap(controlUrl, wan.serviceType, 'GetExternalIPAddress')
    out.soap.GetStatusInfo = await soap(controlUrl, wan.serviceType, 'GetStatusInfo')
    out.soap.GetSpecificPortMappingEntry = await soap(
      controlUrl,
      wan.serviceType,
      'GetSpecificPortMappingEntry',
      `<NewRemoteHost></NewRemoteHost><NewExternalPort>${mappingPort}</NewExternalPort><NewProtocol>TCP</NewProtocol>`,
    )
  }
}
process.stdout.write(JSON.stringify(out) + '\n')
