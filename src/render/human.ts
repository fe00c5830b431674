// Renders a report for a person at a terminal: verdict line, what was observed, cause, fixes.

import { Chalk, type ChalkInstance } from 'chalk'
import { CAUSES, exitCodeFor } from '../diagnose/causes.js'
import type { PeerKind, Report } from '../report/report.js'
import { printable } from '../util/sanitize.js'
import { renderPath } from './path.js'

/** How to render. `level` is chalk's colour level: 0 for none. */
export interface HumanOptions {
  colorLevel: 0 | 1 | 2 | 3
  /** Only the verdict line (`--quiet`). */
  quiet?: boolean
  /** Box-drawing arrows and marks in the path picture (else ASCII); default true. */
  unicode?: boolean
  /** Terminal width for the path picture; default 80. */
  width?: number
}

const PEER_WORDS: Record<PeerKind, string> = {
  'public-ip': 'the public IP',
  gateway: 'the gateway',
  client: 'this host',
  other: 'neither this host, the gateway nor the public IP',
}

const POINTS_TO_WORDS = {
  'public-ip': 'the public IP (inside clients hairpin)',
  lan: 'a LAN address (split-horizon DNS)',
  elsewhere: 'another address',
  none: 'unresolved',
} as const

function natpmpWords(n: NonNullable<NonNullable<Report['gateway']>['natpmp']>): string {
  if (n.resultCode === null) return n.error ?? 'no answer'
  if (n.resultCode === 0) return `external address ${n.externalIp}`
  return `result code ${n.resultCode}${n.resultCode === 3 ? ' (network failure: no usable WAN address)' : ''}`
}

function row(c: ChalkInstance, label: string, value: string): string {
  return `  ${c.dim(label.padEnd(13))} ${value}`
}

/** The human report as one string, ending in a newline. */
export function renderHuman(report: Report, opts: HumanOptions): string {
  const c = new Chalk({ level: opts.colorLevel })
  const { verdict, publicIp, client, tcp } = report
  // The mark follows the exit code: does the user's traffic get through?
  const code = exitCodeFor(verdict)
  const mark = code === 0 ? c.green('✔') : code === 1 ? c.red('✘') : c.yellow('?')
  const paint = code === 0 ? c.green.bold : code === 1 ? c.red.bold : c.yellow.bold
  const lines = [`${mark} ${paint(CAUSES[verdict.cause].headline)}`]
  if (opts.quiet) return `${lines[0]}\n`

  lines.push('', `  ${verdict.summary}`)
  const path = renderPath(report, { unicode: opts.unicode ?? true, width: opts.width ?? 80, colorLevel: opts.colorLevel })
  if (path.length > 0) lines.push('', c.bold('Path'), ...path)
  lines.push('', c.bold('Observed'))
  if (publicIp.via === 'flag') {
    lines.push(row(c, 'Public IP', `${publicIp.address} (given with --public-ip)`))
  } else {
    const agree = publicIp.sources.filter((s) => s.address !== null && s.address === publicIp.address).length
    lines.push(row(c, 'Public IP', `${publicIp.address ?? 'unknown'} (${agree} of ${publicIp.sources.length} echo services agree)`))
    for (const s of publicIp.sources) {
      const said = s.address ?? c.yellow(printable(s.error ?? 'no answer'))
      lines.push(`    ${c.dim('·')} ${printable(s.url)}  ${said}${s.ms === null ? '' : c.dim(`  ${s.ms} ms`)}`)
    }
  }
  const on = client.interface === null ? '' : ` on ${client.interface}`
  const lan = client.lanPrefix === null ? '' : `, LAN ${client.lanPrefix}`
  lines.push(row(c, 'This host', `${client.address ?? 'unknown'}${on}${lan}`))
  lines.push(row(c, 'Gateway', client.gateway ?? 'unknown (not in the routing table)'))
  if (report.mode === 'peer') lines.push(row(c, 'Listener', 'hairpin-check serve on the server (--peer)'))
  if (tcp !== null) {
    const detail = tcp.error === null ? '' : ` (${tcp.error})`
    lines.push(row(c, 'TCP', `${tcp.outcome}${detail} after ${tcp.ms} ms, to ${publicIp.address}:${report.port}`))
    if (tcp.peerKind !== null) lines.push(row(c, 'Listener saw', `${tcp.observedPeer} (${PEER_WORDS[tcp.peerKind]})`))
    if (tcp.answer !== null) lines.push(row(c, 'Answered by', tcp.answer === '' ? 'a service that closed without a word' : `"${tcp.answer}"`))
  }
  const udp = report.udp
  if (udp !== null) {
    const from = udp.replyFrom === null ? '' : `, answer from ${udp.replyFrom}`
    lines.push(row(c, 'UDP', `${udp.outcome} after ${udp.ms} ms and ${udp.attempts} tr${udp.attempts === 1 ? 'y' : 'ies'}${from}`))
    if (udp.peerKind !== null) lines.push(row(c, 'Listener saw', `${udp.observedPeer} (${PEER_WORDS[udp.peerKind]})`))
  }
  const strangers = (tcp?.strangers ?? 0) + (udp?.strangers ?? 0)
  if (tcp !== null || udp !== null) lines.push(row(c, 'Strangers', `${strangers} other connection${strangers === 1 ? '' : 's'} left unanswered`))
  const dns = report.dns
  if (dns !== null) {
    const to = dns.addresses.length === 0 ? `nothing (${dns.error})` : dns.addresses.join(', ')
    lines.push(row(c, 'Name', `${dns.name} → ${to}: ${POINTS_TO_WORDS[dns.pointsTo]}`))
    if (dns.direct !== null) lines.push(row(c, 'Direct', `${dns.direct.address}:${report.port} ${dns.direct.outcome} after ${dns.direct.ms} ms`))
  }
  const v6 = report.ipv6
  if (v6 !== null) {
    const seen = v6.publicAddress === null ? '' : `, echo services see ${v6.publicAddress}`
    const path = v6.outcome === null ? 'not tested' : `[${v6.target}]:${report.port} ${v6.outcome}${v6.ms === null ? '' : ` after ${v6.ms} ms`}`
    lines.push(row(c, 'IPv6', `${v6.address ?? 'no global address here'}${seen}; ${path}`))
  }
  const gw = report.gateway
  if (gw !== null) {
    if (gw.natpmp !== null) lines.push(row(c, 'NAT-PMP', natpmpWords(gw.natpmp)))
    if (gw.pcp !== null) lines.push(row(c, 'PCP', gw.pcp.present === null ? (gw.pcp.error ?? 'no answer') : gw.pcp.present ? `version ${gw.pcp.version}` : `not supported (answers version ${gw.pcp.version})`))
    const u = gw.upnp
    if (u !== null) {
      if (u.found !== true) {
        lines.push(row(c, 'UPnP', u.error === null ? 'no gateway device answered' : `no gateway device (${u.error})`))
      } else {
        const who = [u.manufacturer, u.model].filter(Boolean).join(' ') || u.friendlyName || 'unnamed'
        const wan = u.externalIp === null ? '' : `, external ${u.externalIp}`
        lines.push(row(c, 'UPnP', `${who}${u.connectionStatus === null ? '' : `, ${u.connectionStatus}`}${wan}`))
        const m = u.mapping
        lines.push(row(c, 'UPnP mapping', m === null ? `none for port ${report.port}` : `port ${report.port} → ${m.internalClient}:${m.internalPort}${m.description ? ` "${m.description}"` : ''}`))
      }
    }
  }
  const ext = report.external
  if (ext !== null) {
    const seen = ext.seenByListener === null ? '' : ext.seenByListener ? '; our listener saw it' : '; our listener saw nothing'
    lines.push(row(c, 'From outside', `${ext.reachable === null ? `unknown (${ext.error})` : ext.reachable ? 'reachable' : 'not reachable'} via ${ext.via}${seen}`))
  }
  const target = report.target
  if (target !== null) {
    lines.push(row(c, 'Via public IP', target.viaPublicIp?.description ?? 'not tried'))
    lines.push(row(c, `Server ${target.address}`, target.direct?.description ?? 'not tried'))
  }

  if (verdict.warnings.length > 0) {
    lines.push('', c.bold('Warnings'))
    for (const w of verdict.warnings) lines.push(`  ${c.yellow('!')} ${w}`)
  }

  if (verdict.fixes.length > 0) {
    lines.push('', c.bold(code === 0 ? 'Improvements, most useful first' : 'Fixes, most likely first'))
    verdict.fixes.forEach((fix, i) => {
      lines.push(`  ${c.bold(`${i + 1}. ${fix.title}`)}`, `     ${c.dim(fix.why)}`)
      for (const cmd of fix.commands) for (const line of cmd.split('\n')) lines.push(`       ${c.cyan(line)}`)
    })
  }
  lines.push('', c.dim(`cause: ${verdict.cause} · ${report.tool.name} ${report.tool.version} · ${report.durationMs} ms`))
  return `${lines.join('\n')}\n`
}
