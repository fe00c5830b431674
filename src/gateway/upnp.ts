// UPnP IGD client: finds the gateway's Internet Gateway Device and asks it (read-only) for its status, external address and one port mapping.

import { isIPv4 } from 'node:net'
import { normalizeAddress } from '../util/ip.js'
import { printable } from '../util/sanitize.js'
import { NOT_WAITED_FOR } from './exchange.js'
import { lanHttp } from './lanhttp.js'
import { SSDP_MULTICAST, SSDP_WINDOW_MS, ssdpSearch } from './ssdp.js'
import { childText, parseXml, type XmlElement } from './xml.js'
import type { UpnpMapping, UpnpResult } from '../report/report.js'

/** Largest device description read: miniupnpd's is about 4 KiB, big vendors' 20–30 KiB. */
export const UPNP_DESCRIPTION_MAX_BYTES = 64 * 1024

/** Largest SOAP answer read: the answers asked for here are well under 1 KiB. */
export const UPNP_SOAP_MAX_BYTES = 16 * 1024

/** Connection services tried for GetStatusInfo, at most: a device lists one or two (IP and PPP). */
export const UPNP_MAX_SERVICES = 4

/** Longest text field kept from the device (names, status, fault descriptions): one line of a report. */
export const UPNP_MAX_FIELD_CHARS = 80

/** Longest URL kept in the report. */
export const UPNP_MAX_URL_CHARS = 200

/** Longest error line kept in the report (several steps may each add a reason). */
export const UPNP_MAX_ERROR_CHARS = 300

/** The SOAP fault for "no such port mapping" (IGD WANIPConnection:1 §2.4.15): an answer, not an error. */
export const UPNP_NO_SUCH_ENTRY = 714

/** The connection services understood, in order of preference (the v2 service first: its device speaks both). */
export const WAN_CONNECTION_TYPES: readonly string[] = Object.freeze([
  'urn:schemas-upnp-org:service:WANIPConnection:2',
  'urn:schemas-upnp-org:service:WANIPConnection:1',
  'urn:schemas-upnp-org:service:WANPPPConnection:1',
])

/** A UPnP result that learned nothing yet (or never will). */
export const UPNP_NOTHING: Readonly<Omit<UpnpResult, 'error' | 'ms'>> = Object.freeze({
  found: null,
  location: null,
  manufacturer: null,
  model: null,
  friendlyName: null,
  serviceType: null,
  connectionStatus: null,
  externalIp: null,
  mapping: null,
})

/** What the query needs. */
export interface UpnpOptions {
  /** The default gateway; null when unknown: then any IGD at a private (RFC 1918) address is accepted. */
  gateway: string | null
  /** The external port whose mapping is looked up. */
  port: number
  /** Further ports whose mappings are looked up too (see `otherMapping`). */
  otherPorts?: readonly number[]
  protocol: 'TCP' | 'UDP'
  /** The whole query: search, description and every SOAP call. */
  timeoutMs: number
  now(): number
  /** Where M-SEARCH goes; default `SSDP_MULTICAST` (239.255.255.250:1900). Tests use a unicast fake on 127.0.0.1. */
  ssdpTarget?: { address: string; port: number }
  /** Aborted when the answer is no longer wanted: the query ends at once, with what it has. */
  signal?: AbortSignal
}

/** A connection service with its control URL (absolute, on the device's own host). */
export interface IgdService {
  serviceType: string
  controlUrl: string
}

/** What the description told. */
export interface IgdDescription {
  manufacturer: string | null
  model: string | null
  friendlyName: string | null
  /** Usable connection services, in order of preference, at most `UPNP_MAX_SERVICES`. */
  services: IgdService[]
  /** Why `services` is empty; null otherwise. */
  problem: string | null
}

/** A SOAP call's outcome: the response's arguments, a UPnP fault, or a failure (one line). */
export type SoapOutcome = { values: Map<string, string> } | { fault: { code: number | null; description: string | null } } | { error: string }

/** Network text made printable; null when nothing is left. */
function field(text: string | null | undefined, max = UPNP_MAX_FIELD_CHARS): string | null {
  const clean = printable(text ?? '', max)
  return clean === '' ? null : clean
}

/** A decimal unsigned integer up to `max`, or null. */
function uint(text: string | null | undefined, max: number): number | null {
  const t = (text ?? '').trim()
  return /^\d{1,10}$/.test(t) && Number(t) <= max ? Number(t) : null
}

/**
 * Resolves `ref` against `base`; the result must be http:, on `host` (the device's address, as
 * it answered SSDP), without credentials. Null otherwise: a device never sends us elsewhere.
 */
export function sameHostUrl(ref: string, base: string, host: string): string | null {
  try {
    const url = new URL(ref, base)
    return url.protocol === 'http:' && url.hostname === host && url.username === '' && url.password === '' ? url.href : null
  } catch {
    return null
  }
}

/** Every element named `name` whose parent is named `parent`, in document order. */
function findAll(el: XmlElement, parent: string, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (el.name === parent && c.name === name) out.push(c)
    findAll(c, parent, name, out)
  }
  return out
}

/**
 * Reads a device description (UDA 1.1 §2.3): the root device's manufacturer, modelName and
 * friendlyName, and every WANIPConnection:1/2 or WANPPPConnection:1 service anywhere in the device
 * tree with its controlURL resolved against URLBase (UDA 1.0) or `location`, kept only when it
 * stays on `host`.
 */
export function readDescription(xml: string, location: string, host: string): IgdDescription | { error: string } {
  const parsed = parseXml(xml)
  if ('error' in parsed) return parsed
  const root = parsed.root
  const device = root.name === 'root' ? root.children.find((c) => c.name === 'device') : undefined
  if (device === undefined) return { error: 'not a UPnP device description' }
  const base = childText(root, 'URLBase') || location
  const services: IgdService[] = []
  let problem: string | null = null
  for (const svc of findAll(root, 'serviceList', 'service')) {
    const serviceType = childText(svc, 'serviceType') ?? ''
    if (!WAN_CONNECTION_TYPES.includes(serviceType)) continue
    const ref = childText(svc, 'controlURL')
    // An empty reference would resolve to the description itself: missing, like no element at all.
    const controlUrl = ref ? sameHostUrl(ref, base, host) : null
    if (controlUrl === null) problem ??= `the controlURL of ${serviceType} is missing or points to another host`
    else services.push({ serviceType, controlUrl })
  }
  services.sort((a, b) => WAN_CONNECTION_TYPES.indexOf(a.serviceType) - WAN_CONNECTION_TYPES.indexOf(b.serviceType)) // stable
  return {
    manufacturer: field(childText(device, 'manufacturer')),
    model: field(childText(device, 'modelName')),
    friendlyName: field(childText(device, 'friendlyName')),
    services: services.slice(0, UPNP_MAX_SERVICES),
    problem: services.length > 0 ? null : (problem ?? 'no WANIPConnection or WANPPPConnection service in the description'),
  }
}

/** Escapes text for an XML element's content. */
function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** A SOAP 1.1 request envelope for `action` of `serviceType` (UDA 1.1 §3.2.1), arguments in order. */
export function soapEnvelope(serviceType: string, action: string, args: ReadonlyArray<readonly [string, string]>): string {
  const body = args.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('')
  return (
    '<?xml version="1.0"?>\r\n' +
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">' +
    `<s:Body><u:${action} xmlns:u="${serviceType}">${body}</u:${action}></s:Body></s:Envelope>\r\n`
  )
}

/**
 * Reads a SOAP answer (UDA 1.1 §3.2.2, §3.2.4): with status 200 the arguments of
 * `<action>Response` (raw text: the caller makes each printable); otherwise the fault's
 * `UPnPError/errorCode` and `errorDescription`.
 */
export function readSoapAnswer(status: number, xml: string, action: string): SoapOutcome {
  const parsed = parseXml(xml)
  const body = 'root' in parsed && parsed.root.name === 'Envelope' ? parsed.root.children.find((c) => c.name === 'Body') : undefined
  if (status === 200) {
    if ('error' in parsed) return { error: `unreadable answer: ${parsed.error}` }
    const response = body?.children.find((c) => c.name === `${action}Response`)
    if (response === undefined) return { error: `no ${action}Response in the answer` }
    return { values: new Map(response.children.map((c) => [c.name, c.text])) }
  }
  const upnpError = body?.children.find((c) => c.name === 'Fault')?.children.find((c) => c.name === 'detail')?.children.find((c) => c.name === 'UPnPError')
  if (upnpError === undefined) return { error: `HTTP ${status}` }
  return { fault: { code: uint(childText(upnpError, 'errorCode'), 65535), description: field(childText(upnpError, 'errorDescription')) } }
}

/** Reads GetSpecificPortMappingEntry's answer (IGD WANIPConnection:1 §2.4.15). */
export function readMapping(values: Map<string, string>): UpnpMapping {
  const enabled = (values.get('NewEnabled') ?? '').trim()
  return {
    internalClient: field(values.get('NewInternalClient')),
    internalPort: uint(values.get('NewInternalPort'), 65535),
    enabled: enabled === '1' || enabled === 'true' ? true : enabled === '0' || enabled === 'false' ? false : null,
    description: field(values.get('NewPortMappingDescription')),
    leaseDuration: uint(values.get('NewLeaseDuration'), 0xffffffff),
  }
}

/** One line for a failed call. */
function describe(action: string, o: Exclude<SoapOutcome, { values: unknown }>): string {
  if ('fault' in o) return `${action}: UPnP error ${o.fault.code ?? '?'}${o.fault.description === null ? '' : ` ${o.fault.description}`}`
  return `${action}: ${o.error}`
}

/** POSTs one SOAP action to the service's control URL and reads the answer. Never rejects. */
async function soapCall(svc: IgdService, action: string, args: ReadonlyArray<readonly [string, string]>, signal: AbortSignal): Promise<SoapOutcome> {
  try {
    const res = await lanHttp({
      method: 'POST',
      url: svc.controlUrl,
      headers: { 'content-type': 'text/xml; charset="utf-8"', soapaction: `"${svc.serviceType}#${action}"` },
      body: soapEnvelope(svc.serviceType, action, args),
      maxBytes: UPNP_SOAP_MAX_BYTES,
      signal,
    })
    return readSoapAnswer(res.status, res.body, action)
  } catch (err) {
    return { error: printable((err as Error).message) }
  }
}

/** How much a GetStatusInfo outcome recommends its service: connected, answered, failed. */
function rank(o: SoapOutcome): number {
  if (!('values' in o)) return 0
  return o.values.get('NewConnectionStatus')?.trim() === 'Connected' ? 2 : 1
}

/** The steps after the search; fills `r` as it learns, pushes each failure to `errors`. */
async function askDevice(opts: UpnpOptions, source: string, location: string, r: UpnpResult, errors: string[], signal: AbortSignal): Promise<void> {
  let description: string
  try {
    const res = await lanHttp({ method: 'GET', url: location, maxBytes: UPNP_DESCRIPTION_MAX_BYTES, signal })
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`)
    description = res.body
  } catch (err) {
    errors.push(`description: ${printable((err as Error).message)}`)
    return
  }
  const d = readDescription(description, location, source)
  if ('error' in d) {
    errors.push(`description: ${d.error}`)
    return
  }
  r.manufacturer = d.manufacturer
  r.model = d.model
  r.friendlyName = d.friendlyName
  if (d.problem !== null) {
    errors.push(d.problem)
    return
  }

  // The first service that says Connected, else the first that answered, else the first.
  let best: { svc: IgdService; status: SoapOutcome; rank: number } | null = null
  for (const svc of d.services) {
    const status = await soapCall(svc, 'GetStatusInfo', [], signal)
    if (best === null || rank(status) > best.rank) best = { svc, status, rank: rank(status) }
    if (best.rank === 2 || signal.aborted) break
  }
  const { svc, status } = best!
  r.serviceType = svc.serviceType
  if ('values' in status) r.connectionStatus = field(status.values.get('NewConnectionStatus'))
  else errors.push(describe('GetStatusInfo', status))
  if (signal.aborted) return

  const ip = await soapCall(svc, 'GetExternalIPAddress', [], signal)
  if ('values' in ip) {
    const text = (ip.values.get('NewExternalIPAddress') ?? '').trim()
    if (isIPv4(text)) r.externalIp = text === '0.0.0.0' ? null : text
    else if (text !== '') errors.push(`GetExternalIPAddress: not an IPv4 address (${printable(text)})`)
  } else errors.push(describe('GetExternalIPAddress', ip))
  if (signal.aborted) return

  r.mapping = await mappingOf(svc, opts.port, opts.protocol, errors, signal)
  // Further ports (several tested at once) ask the same device; their entries go beside the result.
  const others = new Map<number, UpnpMapping | null>()
  for (const port of opts.otherPorts ?? []) {
    if (signal.aborted) break
    others.set(port, await mappingOf(svc, port, opts.protocol, [], signal))
  }
  OTHER_MAPPINGS.set(r, others)
}

/** GetSpecificPortMappingEntry for one port: the entry, or null for none (fault 714) or a failure (pushed to `errors`). */
async function mappingOf(svc: IgdService, port: number, protocol: 'TCP' | 'UDP', errors: string[], signal: AbortSignal): Promise<UpnpMapping | null> {
  const args = [['NewRemoteHost', ''], ['NewExternalPort', String(port)], ['NewProtocol', protocol]] as const
  const m = await soapCall(svc, 'GetSpecificPortMappingEntry', args, signal)
  if ('values' in m) return readMapping(m.values)
  if (!('fault' in m && m.fault.code === UPNP_NO_SUCH_ENTRY)) errors.push(describe('GetSpecificPortMappingEntry', m))
  return null
}

/** The mappings of `otherPorts`, beside each result (kept out of the result itself: the report has one port's). */
const OTHER_MAPPINGS = new WeakMap<UpnpResult, ReadonlyMap<number, UpnpMapping | null>>()

/** The mapping `upnpQuery` found for one of its `otherPorts`: the entry, null for none, undefined when it was not asked. */
export function otherMapping(r: UpnpResult, port: number): UpnpMapping | null | undefined {
  return OTHER_MAPPINGS.get(r)?.get(port)
}

/**
 * Finds the gateway's IGD over SSDP and asks it, read-only, for its description, connection
 * status, external address and the mapping of `port`/`protocol`. Never creates or deletes a
 * mapping. One deadline (`timeoutMs`) bounds everything; every socket is closed on every path.
 * Never rejects.
 */
export async function upnpQuery(opts: UpnpOptions): Promise<UpnpResult> {
  const started = opts.now()
  const r: UpnpResult = { ...UPNP_NOTHING, error: null, ms: 0 }
  const errors: string[] = []
  const gateway = opts.gateway === null ? null : normalizeAddress(opts.gateway)
  if (gateway !== null && !isIPv4(gateway)) errors.push('gateway is not an IPv4 address')
  else if (!Number.isInteger(opts.port) || opts.port < 1 || opts.port > 65535) errors.push('port out of range')
  else if (opts.timeoutMs <= 0) errors.push('timeout')
  else {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), opts.timeoutMs)
    // What fails once the caller stopped waiting failed for that reason, not the device's: see below.
    let cutAt: number | null = null
    const stop = (): void => {
      cutAt ??= errors.length
      controller.abort()
    }
    opts.signal?.addEventListener('abort', stop, { once: true })
    if (opts.signal?.aborted === true) stop()
    const signal = controller.signal
    try {
      const target = { ...SSDP_MULTICAST, ...opts.ssdpTarget }
      const search = await ssdpSearch({ gateway, target, windowMs: SSDP_WINDOW_MS, signal, unicastPort: target.port })
      if (search.error !== null) errors.push(`SSDP: ${search.error}`)
      else if (search.answer !== null) {
        r.found = true
        r.location = field(search.answer.location, UPNP_MAX_URL_CHARS)
        await askDevice(opts, search.answer.source, search.answer.location, r, errors, signal)
      } else if (signal.aborted) errors.push('timeout')
      else {
        r.found = false
        if (search.refused !== null) errors.push(search.refused)
      }
    } finally {
      clearTimeout(timer)
      opts.signal?.removeEventListener('abort', stop)
      controller.abort() // nothing may outlive the query
    }
    // The steps the cut interrupted say "timeout" for a deadline that was the caller's: say so instead.
    if (cutAt !== null) errors.splice(cutAt, errors.length, NOT_WAITED_FOR)
  }
  r.error = errors.length === 0 ? null : printable(errors.join('; '), UPNP_MAX_ERROR_CHARS)
  r.ms = Math.round(opts.now() - started)
  return r
}
