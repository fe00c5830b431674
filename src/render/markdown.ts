// Renders a report as GitHub-flavoured Markdown, self-contained, to paste into a support ticket.

import { exitCodeFor } from '../diagnose/causes.js'
import { type PeerKind, type Report, type ServiceReport, type Tri } from '../report/report.js'
import { JSON_INVISIBLES, printable } from '../util/sanitize.js'
import { renderHuman } from './human.js'
import { renderJson } from './json.js'

/** What the Markdown report needs besides the report itself. */
export interface MarkdownOptions {
  /**
   * Where the run happened, e.g. `{ os: 'linux 6.1.0 x64', node: 'v20.20.2' }`; passed in rather
   * than read here, so that the output is a pure function of its inputs (and snapshots are stable).
   */
  environment: { os: string; node: string }
  /** The path picture's lines (ASCII), when the caller has them: shown in a code block. */
  path?: string[]
}

/**
 * Longest sentence kept: the diagnosis writes a few hundred characters at most; the cap only
 * stops a hostile or broken report from flooding the ticket.
 */
const SENTENCE_MAX_CHARS = 2000

/** Shortest code fence CommonMark allows. */
const MIN_FENCE = 3

/**
 * Characters that mean something inline in GitHub-flavoured Markdown, escaped with a backslash
 * (CommonMark allows that before any ASCII punctuation): emphasis, code, links, HTML and entities,
 * table cells (`|`), strikethrough (`~`), and GitHub's `@mention` and `#123` references, which
 * would notify strangers or link unrelated issues from a pasted ticket.
 */
const INLINE_SPECIAL = /[\\`*_[\]<>|~&@#]/g

/** Marks that turn the start of a line into a block (heading, list, thematic break, setext underline). */
const BLOCK_START = /^(?:[+=-]|\d+(?=[.)]))/

/** Who the listener's peer was, in words for the table (the report's `peerKind` is a code). */
const PEER_WORDS: Record<PeerKind, string> = {
  'public-ip': 'the public IP',
  gateway: 'the gateway',
  client: 'this host',
  other: 'another address',
}

/** Where the name points, and what that means for inside clients. */
const POINTS_TO_WORDS = {
  'public-ip': 'the public IP: inside clients hairpin',
  lan: 'a LAN address: split-horizon DNS',
  elsewhere: 'another address',
  none: 'nothing',
} as const

/** One line of text from the report, safe inline (a table cell, a heading): printable and escaped. */
function inline(text: string): string {
  return printable(text, SENTENCE_MAX_CHARS).replace(INLINE_SPECIAL, '\\$&')
}

/** One line of text from the report that starts a paragraph or list item: also no block syntax at its start. */
function block(text: string): string {
  const escaped = inline(text)
  const lead = BLOCK_START.exec(escaped)?.[0]
  if (lead === undefined) return escaped
  // A leading `-`, `+` or `=` is escaped itself; after `1` it is the `.` or `)` that makes a list.
  return /\d/.test(lead) ? `${lead}\\${escaped.slice(lead.length)}` : `\\${escaped}`
}

/** A network-derived snippet (an answer, an error): printable and capped; escaping happens once, on the whole cell. */
const snip = (text: string | null | undefined, otherwise = 'unknown'): string => (text === null || text === undefined ? otherwise : printable(text))

/** Longer report text (URLs, descriptions, messages): printable, capped only against floods. */
const long = (text: string): string => printable(text, SENTENCE_MAX_CHARS)

/** A line for a code block: no control or escape characters, but its own spacing kept (commands are aligned). */
function codeLine(line: string): string {
  return line
    .split(/( +)/)
    .map((part) => (part.startsWith(' ') ? part : printable(part, SENTENCE_MAX_CHARS)))
    .join('')
    .trimEnd()
}

/** The length of the longest run of backticks in `text` (0 when there is none). */
const longestBacktickRun = (text: string): number => (text.match(/`+/g) ?? []).reduce((most, run) => Math.max(most, run.length), 0)

/** Lines of commands or of the path picture, made safe for a code block. */
const codeLines = (texts: readonly string[]): string[] => texts.flatMap((t) => t.split('\n')).map(codeLine)

/** A fenced code block whose fence is longer than any backtick run inside, so no content can close it. */
function fence(body: readonly string[], info = ''): string {
  const longest = body.reduce((most, line) => Math.max(most, longestBacktickRun(line)), 0)
  const marks = '`'.repeat(Math.max(MIN_FENCE, longest + 1))
  return [`${marks}${info}`, ...body, marks].join('\n')
}

/** An inline code span for a fixed word (the cause id); padded when it starts or ends with a backtick. */
function codeSpan(text: string): string {
  const clean = printable(text)
  const ticks = '`'.repeat(longestBacktickRun(clean) + 1)
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : ''
  return `${ticks}${pad}${clean}${pad}${ticks}`
}

const yesNo = (v: Tri, yes: string, no: string, unknown: string): string => (v === null ? unknown : v ? yes : no)
const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many)

function serviceWords(s: ServiceReport | null): string {
  return s === null ? 'not tried' : long(s.description)
}

/** The observations as `[label, value]` rows, only for what the run has. */
function observationRows(report: Report): Array<[string, string]> {
  const rows: Array<[string, string]> = []
  const { publicIp, client, tcp, udp, port } = report
  const portText = port === null ? 'none (bad argument)' : String(port)
  rows.push(['Port', `${portText}, mode ${report.mode}`])
  if (publicIp.via === 'flag') {
    rows.push(['Public IP', `${snip(publicIp.address)} (given with --public-ip)`])
  } else {
    const agree = publicIp.sources.filter((s) => s.address !== null && s.address === publicIp.address).length
    rows.push(['Public IP', `${snip(publicIp.address)} (${agree} of ${publicIp.sources.length} echo services agree)`])
    for (const s of publicIp.sources) {
      const said = s.address === null ? `failed: ${snip(s.error, 'no answer')}` : snip(s.address)
      rows.push(['Echo service', `${long(s.url)} → ${said}${s.ms === null ? '' : `, ${s.ms} ms`}`])
    }
  }
  if (publicIp.onThisHost !== null) rows.push(['Public IP on this host', yesNo(publicIp.onThisHost, 'yes: no NAT at all', 'no', '')])
  const on = client.interface === null ? '' : ` on ${snip(client.interface)}`
  const lan = client.lanPrefix === null ? '' : `, LAN ${snip(client.lanPrefix)}`
  rows.push(['This host', `${snip(client.address)}${on}${lan}`])
  rows.push(['Gateway', snip(client.gateway, 'unknown (not in the routing table)')])
  const listener =
    report.mode === 'peer'
      ? 'hairpin-check serve on the server (--peer)'
      : report.listener === null
        ? 'none'
        : `this host, bound to ${snip(report.listener.bind)}`
  rows.push(['Listener', listener])
  if (tcp !== null) {
    const why = tcp.error === null ? '' : ` (${snip(tcp.error)})`
    rows.push(['TCP', `${tcp.outcome}${why} after ${tcp.ms} ms, to ${snip(publicIp.address)}:${portText}`])
    if (tcp.peerKind !== null) rows.push(['TCP: listener saw', `${snip(tcp.observedPeer)} (${PEER_WORDS[tcp.peerKind]})`])
    if (tcp.serverAddress !== null) rows.push(['TCP: arrived at', snip(tcp.serverAddress)])
    if (tcp.answer !== null) rows.push(['TCP: answered by', tcp.answer === '' ? 'a service that closed without a word' : `"${snip(tcp.answer)}"`])
  }
  if (udp !== null) {
    const why = udp.error === null ? '' : ` (${snip(udp.error)})`
    const from = udp.replyFrom === null ? '' : `, answer from ${snip(udp.replyFrom)}`
    rows.push(['UDP', `${udp.outcome}${why} after ${udp.ms} ms and ${udp.attempts} ${plural(udp.attempts, 'try', 'tries')}${from}`])
    if (udp.peerKind !== null) rows.push(['UDP: listener saw', `${snip(udp.observedPeer)} (${PEER_WORDS[udp.peerKind]})`])
    if (udp.answer !== null) rows.push(['UDP: answered by', `"${snip(udp.answer)}"`])
  }
  if (tcp !== null || udp !== null) {
    const strangers = (tcp?.strangers ?? 0) + (udp?.strangers ?? 0)
    rows.push(['Strangers', `${strangers} other ${plural(strangers, 'connection', 'connections')} left unanswered`])
  }
  const dns = report.dns
  if (dns !== null) {
    const to = dns.addresses.length === 0 ? `nothing (${snip(dns.error, 'no error given')})` : dns.addresses.map((a) => snip(a)).join(', ')
    rows.push(['DNS name', `${snip(dns.name)} → ${to}; points to ${POINTS_TO_WORDS[dns.pointsTo]}`])
    const d = dns.direct
    if (d !== null) rows.push(['DNS: direct', `${snip(d.address)}:${portText} ${d.outcome} after ${d.ms} ms`])
  }
  const v6 = report.ipv6
  if (v6 !== null) {
    const seen = v6.publicAddress === null ? '' : `, echo services see ${snip(v6.publicAddress)}`
    const why = v6.error === null ? '' : ` (${snip(v6.error)})`
    const path = v6.outcome === null ? 'not tested' : `[${snip(v6.target)}]:${portText} ${v6.outcome}${why}${v6.ms === null ? '' : ` after ${v6.ms} ms`}`
    rows.push(['IPv6', `${snip(v6.address, 'no global address here')}${seen}; ${path}`])
  }
  rows.push(...gatewayRows(report, portText))
  const ext = report.external
  if (ext !== null) {
    const seen = yesNo(ext.seenByListener, '; our listener saw it', '; our listener saw nothing', '')
    const reach = yesNo(ext.reachable, 'reachable', 'not reachable', `unknown (${snip(ext.error, 'no answer')})`)
    rows.push(['From outside', `${reach} via ${long(ext.via)}${seen}`])
  }
  const target = report.target
  if (target !== null) {
    rows.push(['Target: via public IP', serviceWords(target.viaPublicIp)])
    rows.push([`Target: server ${snip(target.address)}`, serviceWords(target.direct)])
    rows.push(['Target: same service', yesNo(target.same, 'yes', 'no', 'unknown')])
  }
  const fault = report.fault
  if (fault !== null) rows.push(['Fault', `${fault.kind}${fault.code === null ? '' : ` (${snip(fault.code)})`}: ${long(fault.message)}`])
  return rows
}

/** What the gateway said about itself over NAT-PMP, PCP and UPnP. */
function gatewayRows(report: Report, portText: string): Array<[string, string]> {
  const gw = report.gateway
  const rows: Array<[string, string]> = []
  if (gw === null) return rows
  const n = gw.natpmp
  if (n !== null) {
    const said =
      n.resultCode === null
        ? snip(n.error, 'no answer')
        : n.resultCode === 0
          ? `external address ${snip(n.externalIp)}`
          : `result code ${n.resultCode}${n.resultCode === 3 ? ' (network failure: no usable WAN address)' : ''}`
    rows.push(['NAT-PMP', said])
  }
  const p = gw.pcp
  if (p !== null) {
    const said = p.present === null ? snip(p.error, 'no answer') : p.present ? `version ${p.version}` : `not supported (answers version ${p.version})`
    rows.push(['PCP', said])
  }
  const u = gw.upnp
  if (u !== null) {
    if (u.found !== true) {
      rows.push(['UPnP', u.error === null ? 'no gateway device answered' : `no gateway device (${snip(u.error)})`])
    } else {
      const who = [u.manufacturer, u.model].filter(Boolean).map((w) => snip(w)).join(' ') || snip(u.friendlyName, 'unnamed')
      const status = u.connectionStatus === null ? '' : `, ${snip(u.connectionStatus)}`
      const wan = u.externalIp === null ? '' : `, external ${snip(u.externalIp)}`
      rows.push(['UPnP', `${who}${status}${wan}`])
      const m = u.mapping
      const desc = m?.description ? ` "${snip(m.description)}"` : ''
      rows.push(['UPnP mapping', m === null ? `none for port ${portText}` : `port ${portText} → ${snip(m.internalClient)}:${m.internalPort ?? '?'}${desc}`])
    }
  }
  return rows
}

/** The raw report as JSON, with characters that hide or reorder text escaped (still the same JSON value). */
function rawJson(report: Report): string {
  const json = renderJson(report).trimEnd()
  return json.replace(JSON_INVISIBLES, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/**
 * The report as one GitHub-flavoured Markdown document, ending in a newline: the verdict as the
 * title, the summary, a table of what was observed, the path picture (when given), the cause,
 * warnings, fixes with their commands in `sh` code blocks, the environment, and the raw JSON
 * report folded away in a `<details>` block. Everything taken from the report is made printable
 * and escaped; code fences are longer than any backtick run inside them.
 */
export function renderMarkdown(report: Report, opts: MarkdownOptions): string {
  const { verdict } = report
  const code = exitCodeFor(verdict)
  // The `--quiet` line is the mark and headline the terminal shows: one wording for both.
  const title = renderHuman(report, { colorLevel: 0, quiet: true }).trimEnd()
  const out: string[] = [`# ${inline(title)}`, '', block(verdict.summary), '', '## Observations', '', '| Check | Result |', '|---|---|']
  for (const [label, value] of observationRows(report)) out.push(`| ${inline(label)} | ${inline(value)} |`)

  if (opts.path !== undefined && opts.path.length > 0) out.push('', '## Path', '', fence(codeLines(opts.path)))

  const about = verdict.protocol === null ? '' : ` (about ${verdict.protocol.toUpperCase()})`
  const hairpin = yesNo(verdict.hairpin, 'works', 'does not work', 'not decided')
  out.push('', '## Diagnosis', '', `Cause: ${codeSpan(verdict.cause)}${about}. Hairpin NAT on the public IP: ${hairpin}. Exit code ${code}.`)

  if (verdict.warnings.length > 0) {
    out.push('', '## Warnings', '')
    for (const w of verdict.warnings) out.push(`- ${block(w)}`)
  }

  if (verdict.fixes.length > 0) {
    out.push('', code === 0 ? '## Improvements, most useful first' : '## Fixes, most likely first')
    verdict.fixes.forEach((fix, i) => {
      out.push('', `### ${i + 1}. ${inline(fix.title)}`, '', block(fix.why))
      // Some "commands" are settings to change in a UI: still one block per fix, to copy at once.
      if (fix.commands.length > 0) out.push('', fence(codeLines(fix.commands), 'sh'))
    })
  }

  const redacted = (report as { redacted?: unknown }).redacted === true
  out.push(
    '',
    '## Environment',
    '',
    `- OS: ${inline(opts.environment.os)}`,
    `- Node: ${inline(opts.environment.node)}`,
    `- Tool: ${inline(`${report.tool.name} ${report.tool.version}`)}, report schema ${inline(String(report.schemaVersion))}`,
    `- Run: started ${inline(report.startedAt)}, took ${inline(String(report.durationMs))} ms`,
  )
  if (redacted) out.push('- Redacted: public addresses, names and certificate fingerprints are masked')
  // GitHub renders Markdown inside <details> only with a blank line after the summary.
  out.push('', '<details><summary>Raw report (JSON)</summary>', '', fence(rawJson(report).split('\n'), 'json'), '', '</details>')
  return `${out.join('\n')}\n`
}
