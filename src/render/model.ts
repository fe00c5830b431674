// What every format shows of a report: the verdict line, the observed rows, warnings and fixes, all text made printable.

import { CAUSES, exitCodeFor, type CauseInfo } from '../diagnose/causes.js'
import type { DnsReport, EchoSource, PeerKind, Report, ServiceReport, TcpReport, Tri, UdpReport } from '../report/report.js'
import { printable } from '../util/sanitize.js'

/** How the verdict mark reads: inside clients get through, they do not, no verdict. */
export type MarkKind = 'ok' | 'fail' | 'none'

/** The mark every format puts before the headline. */
export const MARKS: Record<MarkKind, string> = { ok: '✔', fail: '✘', none: '?' }

/** The one line that says it all: the mark, the cause's headline, and the exit code behind the mark. */
export interface VerdictLine {
  mark: MarkKind
  headline: string
  exitCode: 0 | 1 | 2
}

/** What one echo service said, for formats that list the services on lines of their own. */
export interface EchoLine {
  url: string
  /** The address it answered, or why it failed. */
  said: string
  failed: boolean
  ms: number | null
}

/** One observation. */
export interface Row {
  /** `TCP`, `This host`; for a sub-row its own part only (`listener saw`). */
  label: string
  /** The row a sub-row details (`TCP` for `listener saw`), or null. */
  parent: string | null
  value: string
  /** Detail for a ticket (Markdown), left out of the compact terminal view. */
  ticketOnly: boolean
  /** Set on an echo service's row. */
  echo?: EchoLine
}

/** One fix, every line of its commands a line of its own. */
export interface FixView {
  title: string
  why: string
  lines: string[]
  /** The documentation it follows, or null. */
  source: string | null
}

/** The report as every format shows it; only the layout is left to the format. */
export interface Model {
  verdict: VerdictLine
  summary: string
  rows: Row[]
  warnings: string[]
  fixes: FixView[]
}

/**
 * Longest sentence kept: the diagnosis writes a few hundred characters at most; the cap only
 * stops a hostile or broken report from flooding the output.
 */
const SENTENCE_MAX_CHARS = 2000

/** Who the listener's peer was, in words (the report's `peerKind` is a code). */
const PEER_WORDS: Record<PeerKind, string> = {
  'public-ip': 'the public IP',
  gateway: 'the gateway',
  client: 'this host',
  other: 'neither this host, the gateway nor the public IP',
}

/** Where the name points, and what that means for inside clients. */
const POINTS_TO_WORDS: Record<DnsReport['pointsTo'], string> = {
  'public-ip': 'the public IP: inside clients hairpin',
  lan: 'a LAN address: split-horizon DNS',
  elsewhere: 'another address',
  none: 'nothing',
}

/** A network-derived snippet (an address, an answer, an error): printable and capped. */
const snip = (text: string | null, otherwise = 'unknown'): string => (text === null ? otherwise : printable(text))

/** Longer text (URLs, descriptions, messages, sentences): printable, capped only against floods. */
const long = (text: string): string => printable(text, SENTENCE_MAX_CHARS)

const yesNo = (v: Tri, yes: string, no: string, unknown: string): string => (v === null ? unknown : v ? yes : no)
const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many)

/** A top-level row. */
const row = (label: string, value: string, ticketOnly = false): Row => ({ label, parent: null, value, ticketOnly })
/** A row detailing `parent`. */
const sub = (parent: string, label: string, value: string, ticketOnly = false): Row => ({ label, parent, value, ticketOnly })

/**
 * A line of a command or of the path picture: no control or escape characters, but its own
 * spacing kept (commands are aligned), and no trailing spaces.
 */
export function cleanLine(line: string): string {
  return line
    .split(/( +)/)
    .map((part) => (part.startsWith(' ') ? part : printable(part, SENTENCE_MAX_CHARS)))
    .join('')
    .trimEnd()
}

/**
 * The verdict line. A cause this version does not know (only a report from elsewhere can carry
 * one) reads as no verdict rather than failing the whole rendering.
 */
export function verdictLine(verdict: Report['verdict']): VerdictLine {
  const info = (CAUSES as Partial<Record<string, CauseInfo>>)[verdict.cause]
  if (info === undefined) return { mark: 'none', headline: 'No verdict: a cause this version does not know', exitCode: 2 }
  const exitCode = exitCodeFor(verdict)
  // The mark follows the exit code: does the user's traffic get through?
  return { mark: exitCode === 0 ? 'ok' : exitCode === 1 ? 'fail' : 'none', headline: info.headline, exitCode }
}

/** The public IP, each echo service asked, and whether this host holds it. */
function publicIpRows(report: Report): Row[] {
  const { publicIp } = report
  if (publicIp.via === 'flag') return [row('Public IP', `${snip(publicIp.address)} (given with --public-ip)`), ...onThisHost(report)]
  const agree = publicIp.sources.filter((s) => s.address !== null && s.address === publicIp.address).length
  const unconfirmed = publicIp.address !== null && publicIp.confirmedBy === null ? ', unconfirmed' : publicIp.confirmedBy === 'gateway' ? ', the gateway says so too' : ''
  const cands = publicIp.candidates.filter((c) => c.outcome !== null)
  // Every service said the address that was used: one line says so, the services are for a ticket.
  const unanimous = publicIp.address !== null && publicIp.sources.every((x) => x.address === publicIp.address && x.rejected === null)
  return [
    row('Public IP', `${snip(publicIp.address)} (${agree} of ${publicIp.sources.length} echo services agree${unconfirmed})`),
    ...publicIp.sources.map((src) => echoRow(src, unanimous)),
    ...(cands.length > 1 ? [sub('Public IP', 'candidates', cands.map((c) => `${snip(c.address)}: ${c.votes} ${plural(c.votes, 'vote', 'votes')}, ${c.outcome}`).join('; '))] : []),
    ...onThisHost(report),
  ]
}

/** One echo service: its row (`ticketOnly` when nothing about it needs the terminal's line), and its parts for formats that give it a line of its own. */
function echoRow(s: EchoSource, ticketOnly: boolean): Row {
  const said = s.address === null ? snip(s.error, 'no answer') : s.rejected === null ? snip(s.address) : `${snip(s.address)}, not used: ${snip(s.rejected)}`
  const echo: EchoLine = { url: long(s.url), said, failed: s.address === null || s.rejected !== null, ms: s.ms }
  const shown = s.address === null ? `failed: ${echo.said}` : echo.said
  return { ...row('Echo service', `${echo.url} → ${shown}${s.ms === null ? '' : `, ${s.ms} ms`}`, ticketOnly), echo }
}

/** Whether this host holds the public IP, when that was checked. */
function onThisHost(report: Report): Row[] {
  const on = report.publicIp.onThisHost
  return on === null ? [] : [row('Public IP on this host', on ? 'yes: no NAT at all' : 'no', true)]
}

/** This host, its gateway, and who listened. */
function hostRows(report: Report): Row[] {
  const { client } = report
  const on = client.interface === null ? '' : ` on ${snip(client.interface)}${client.tunnel === true ? ' (a tunnel: a VPN)' : ''}`
  const lan = client.lanPrefix === null ? '' : `, LAN ${snip(client.lanPrefix)}`
  const peer = report.mode === 'peer'
  const listener = peer ? 'hairpin-check serve on the server (--peer)' : report.listener === null ? 'none' : `this host, bound to ${snip(report.listener.bind)}`
  return [
    row('This host', `${snip(client.address)}${on}${lan}`),
    row('Gateway', snip(client.gateway, 'unknown (not in the routing table)')),
    // Another host listening changes how to read everything below: worth the terminal's line.
    row('Listener', listener, !peer),
  ]
}

/** What the listener saw of a probe, where it arrived, and what answered instead. */
function proofRows(name: string, r: TcpReport | UdpReport): Row[] {
  const rows: Row[] = []
  if (r.peerKind !== null) rows.push(sub(name, 'listener saw', `${snip(r.observedPeer)} (${PEER_WORDS[r.peerKind]})`))
  if (r.serverAddress !== null) rows.push(sub(name, 'arrived at', snip(r.serverAddress)))
  if (r.answer !== null) {
    // Only TCP can tell a service that said nothing from one that never answered.
    const mute = name === 'TCP' && r.answer === ''
    rows.push(sub(name, 'answered by', mute ? 'a service that closed without a word' : `"${snip(r.answer)}"`))
  }
  return rows
}

/** The TCP and UDP probes, and the strangers that reached the listener meanwhile. */
function probeRows(report: Report, portText: string): Row[] {
  const { tcp, udp } = report
  const rows: Row[] = []
  if (tcp !== null) {
    const why = tcp.error === null ? '' : ` (${snip(tcp.error)})`
    const tries = tcp.attempts > 1 ? ` (${tcp.attempts} connections)` : ''
    rows.push(row('TCP', `${tcp.outcome}${why} after ${tcp.ms} ms${tries}, to ${snip(report.publicIp.address)}:${portText}`), ...proofRows('TCP', tcp))
  }
  if (udp !== null) {
    const why = udp.error === null ? '' : ` (${snip(udp.error)})`
    const from = udp.replyFrom === null ? '' : `, answer from ${snip(udp.replyFrom)}`
    rows.push(row('UDP', `${udp.outcome}${why} after ${udp.ms} ms and ${udp.attempts} ${plural(udp.attempts, 'try', 'tries')}${from}`), ...proofRows('UDP', udp))
  }
  if (tcp !== null || udp !== null) {
    const strangers = (tcp?.strangers ?? 0) + (udp?.strangers ?? 0)
    rows.push(row('Strangers', `${strangers} other ${plural(strangers, 'connection', 'connections')} left unanswered`))
  }
  return rows
}

/** The DNS name and the IPv6 path. */
function nameRows(report: Report, portText: string): Row[] {
  const rows: Row[] = []
  const dns = report.dns
  if (dns !== null) {
    const to = dns.addresses.length === 0 ? `nothing (${snip(dns.error, 'no error given')})` : dns.addresses.map((a) => snip(a)).join(', ')
    rows.push(row('DNS name', `${snip(dns.name)} → ${to}; points to ${POINTS_TO_WORDS[dns.pointsTo]}`))
    const d = dns.direct
    if (d !== null) rows.push(sub('DNS', 'direct', `${snip(d.address)}:${portText} ${d.outcome} after ${d.ms} ms`))
  }
  const v6 = report.ipv6
  if (v6 !== null) {
    const seen = v6.publicAddress === null ? '' : `, echo services see ${snip(v6.publicAddress)}`
    const why = v6.error === null ? '' : ` (${snip(v6.error)})`
    const path = v6.outcome === null ? 'not tested' : `[${snip(v6.target)}]:${portText} ${v6.outcome}${why}${v6.ms === null ? '' : ` after ${v6.ms} ms`}`
    rows.push(row('IPv6', `${snip(v6.address, 'no global address here')}${seen}; ${path}`))
  }
  return rows
}

/** A gateway client's error, with why a cut one was cut (the run stops waiting once the hairpin is proven). */
const gatewayError = (error: string | null): string => (error === 'not waited for' ? 'not waited for: the hairpin was already proven' : snip(error, 'no answer'))

/** What the gateway said about itself over NAT-PMP, PCP and UPnP. */
function gatewayRows(report: Report, portText: string): Row[] {
  const gw = report.gateway
  if (gw === null) return []
  const rows: Row[] = []
  const n = gw.natpmp
  if (n !== null) {
    const said =
      n.resultCode === null
        ? gatewayError(n.error)
        : n.resultCode === 0
          ? `external address ${snip(n.externalIp)}`
          : `result code ${n.resultCode}${n.resultCode === 3 ? ' (network failure: no usable WAN address)' : ''}`
    rows.push(row('NAT-PMP', said))
  }
  const p = gw.pcp
  if (p !== null) {
    rows.push(row('PCP', p.present === null ? gatewayError(p.error) : p.present ? `version ${p.version}` : `not supported (answers version ${p.version})`))
  }
  const u = gw.upnp
  if (u === null) return rows
  if (u.found !== true) {
    const why = u.error === 'not waited for' ? gatewayError(u.error) : u.error === null ? 'no gateway device answered' : `no gateway device (${snip(u.error)})`
    return [...rows, row('UPnP', why)]
  }
  // Names are made printable first: one of nothing but control characters names nothing.
  const named = (...names: Array<string | null>): string => names.map((w) => (w === null ? '' : printable(w))).filter((w) => w !== '').join(' ')
  const who = named(u.manufacturer, u.model) || named(u.friendlyName) || 'unnamed'
  const status = u.connectionStatus === null ? '' : `, ${snip(u.connectionStatus)}`
  const wan = u.externalIp === null ? '' : `, external ${snip(u.externalIp)}`
  const m = u.mapping
  const desc = m?.description ? ` "${snip(m.description)}"` : ''
  rows.push(
    row('UPnP', `${who}${status}${wan}`),
    row('UPnP mapping', m === null ? `none for port ${portText}` : `port ${portText} → ${snip(m.internalClient)}:${m.internalPort ?? '?'}${desc}`),
  )
  return rows
}

/** What the further checks found: what answered instead of our listener, this host's firewall, the router's make. */
function settledRows(report: Report, portText: string): Row[] {
  const rows: Row[] = []
  const a = report.answeredBy
  if (a !== null) {
    rows.push(row('Answered', long(a.viaPublicIp.description)))
    if (a.gateway !== null) rows.push(sub('Answered', 'at gateway', `${snip(report.client.gateway)}:${portText}: ${long(a.gateway.description)}`))
    if (a.forwardTarget !== null) {
      rows.push(sub('Answered', 'at target', `${snip(a.forwardTarget.address)}:${portText} (where UPnP says the forward points): ${long(a.forwardTarget.service.description)}`))
    }
    if (a.router !== null) rows.push(sub('Answered', 'looks like', `${snip(a.router.name)} (${snip(a.router.via)}: ${snip(a.router.evidence)})`))
  }
  const fw = report.hostFirewall
  if (fw !== null) {
    const verdict = yesNo(fw.blocks, 'blocks the port', 'lets the port in', 'could not tell')
    rows.push(row('Firewall here', fw.findings.length === 0 ? 'none found' : verdict))
    for (const f of fw.findings) rows.push(sub('Firewall', snip(f.tool), `${f.state}: ${long(f.detail)}`, true))
  }
  const v = report.gateway?.vendor ?? null
  if (v !== null) rows.push(row('Router', `${snip(v.name)} (${snip(v.via)}: ${snip(v.evidence)})`))
  for (const page of report.gateway?.webui?.pages ?? []) {
    const what = page.status === null ? gatewayError(page.error) : [`HTTP ${page.status}`, page.title && `title "${snip(page.title)}"`, page.server && `Server: ${snip(page.server)}`].filter(Boolean).join(', ')
    rows.push(sub('Web UI', long(page.url), what, true))
  }
  // The default (`works`) alone says nothing the verdict line does not.
  const exps = report.expectations ?? []
  const asked = exps.length === 1 && exps[0]!.expect === 'works' ? [] : exps
  for (const e of asked) rows.push(sub('Expect', snip(e.expect), `${yesNo(e.holds, 'holds', 'does not hold', 'cannot tell')}: ${long(e.why)}`))
  return rows
}

/** What answered at one end of a `--target` comparison. */
const serviceWords = (s: ServiceReport | null): string => (s === null ? 'not tried' : long(s.description))

/** The outside check, the `--target` comparison, and why the run stopped short. */
function endRows(report: Report): Row[] {
  const rows: Row[] = []
  const ext = report.external
  if (ext !== null) {
    const from = ext.observedPeer === null ? '' : ` from ${snip(ext.observedPeer)}${ext.peerKind === null ? '' : ` (${PEER_WORDS[ext.peerKind]})`}`
    const seen = yesNo(ext.seenByListener, `; our listener saw it${from}`, '; our listener saw nothing', '')
    const reach = yesNo(ext.reachable, 'reachable', 'not reachable', `unknown (${snip(ext.error, 'no answer')})`)
    rows.push(row('From outside', `${reach} via ${long(ext.via)}${seen}`))
  }
  const target = report.target
  if (target !== null) {
    rows.push(
      sub('Target', 'via public IP', serviceWords(target.viaPublicIp)),
      sub('Target', `server ${snip(target.address)}`, serviceWords(target.direct)),
      sub('Target', 'same service', yesNo(target.same, 'yes', 'no', 'unknown'), true),
    )
  }
  const fault = report.fault
  if (fault !== null) rows.push(row('Fault', `${fault.kind}${fault.code === null ? '' : ` (${snip(fault.code)})`}: ${long(fault.message)}`, true))
  return rows
}

/** Every observation the report holds, in the order every format shows them. */
export function observedRows(report: Report): Row[] {
  const portText = report.port === null ? 'none (bad argument)' : String(report.port)
  return [
    row('Port', `${portText}, mode ${report.mode}`, true),
    ...publicIpRows(report),
    ...hostRows(report),
    ...probeRows(report, portText),
    ...nameRows(report, portText),
    ...gatewayRows(report, portText),
    ...settledRows(report, portText),
    ...endRows(report),
  ]
}

/**
 * The report as every format shows it: the verdict line, the summary, the observed rows,
 * warnings and fixes. Everything that may hold text from the network (addresses, answers,
 * banners, errors, UPnP strings, DNS names, descriptions, and the sentences quoting them) is made
 * printable here, so no format can print it raw.
 */
export function buildModel(report: Report): Model {
  const { verdict } = report
  return {
    verdict: verdictLine(verdict),
    summary: long(verdict.summary),
    rows: observedRows(report),
    warnings: verdict.warnings.map(long),
    fixes: verdict.fixes.map((f) => ({
      title: long(f.title),
      why: long(f.why),
      lines: f.commands.flatMap((c) => c.split('\n')).map(cleanLine),
      source: f.source === null ? null : long(f.source),
    })),
  }
}
