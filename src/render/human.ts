// Renders a report for a person at a terminal: verdict line, what was observed, cause, fixes.

import { Chalk, type ChalkInstance } from 'chalk'
import type { Cause, PeerKind, Report } from '../report.js'
import { printable } from '../sanitize.js'

/** How to render. `level` is chalk's colour level: 0 for none. */
export interface HumanOptions {
  colorLevel: 0 | 1 | 2 | 3
  /** Only the verdict line (`--quiet`). */
  quiet?: boolean
}

/** Short words after the verdict mark, per cause. */
const HEADLINE: Record<Cause, string> = {
  'hairpin-ok-public-source': 'Hairpin NAT works: the server sees the public IP',
  'hairpin-ok-gateway-source': "Hairpin NAT works: the server sees the gateway's address",
  'hairpin-ok-client-source': "Hairpin NAT works: the server sees the client's own address",
  'hairpin-ok-other-source': 'Hairpin NAT works: the server sees another address',
  'no-reflection': 'Hairpin NAT does not work: connection refused, the forward is not reflected',
  'router-answered': 'Hairpin NAT does not work: another service answered on the public IP',
  'no-snat-or-filtered': 'Hairpin NAT does not work: no answer (reflected without source NAT, or filtered)',
  unreachable: 'Hairpin NAT does not work: the public IP is unreachable from inside',
  'not-behind-nat': 'No NAT: this host holds the public IP itself',
  'no-public-ip': 'No verdict: the public IP could not be learned',
  'listen-failed': 'No verdict: could not listen on the port',
  'bad-input': 'No verdict: bad arguments',
  'probe-error': 'No verdict: the probe failed',
}

const PEER_WORDS: Record<PeerKind, string> = {
  'public-ip': 'the public IP',
  gateway: 'the gateway',
  client: 'this host',
  other: 'neither this host, the gateway nor the public IP',
}

function row(c: ChalkInstance, label: string, value: string): string {
  return `  ${c.dim(label.padEnd(14))}${value}`
}

/** The human report as one string, ending in a newline. */
export function renderHuman(report: Report, opts: HumanOptions): string {
  const c = new Chalk({ level: opts.colorLevel })
  const { verdict, publicIp, client, tcp } = report
  const mark = verdict.hairpin === true || verdict.cause === 'not-behind-nat' ? c.green('✔') : verdict.hairpin === false ? c.red('✘') : c.yellow('?')
  const paint = verdict.hairpin === false ? c.red.bold : verdict.hairpin === true ? c.green.bold : c.yellow.bold
  const lines = [`${mark} ${paint(HEADLINE[verdict.cause])}`]
  if (opts.quiet) return `${lines[0]}\n`

  lines.push('', `  ${verdict.summary}`, '', c.bold('Observed'))
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
  if (tcp !== null) {
    const detail = tcp.error === null ? '' : ` (${tcp.error})`
    lines.push(row(c, 'Connection', `${tcp.outcome}${detail} after ${tcp.ms} ms, to ${publicIp.address}:${report.port}`))
    if (tcp.peerKind !== null) lines.push(row(c, 'Listener saw', `${tcp.observedPeer} (${PEER_WORDS[tcp.peerKind]})`))
    if (tcp.answer !== null) lines.push(row(c, 'Answered by', tcp.answer === '' ? 'a service that closed without a word' : `"${tcp.answer}"`))
    lines.push(row(c, 'Strangers', `${tcp.strangers} other connection${tcp.strangers === 1 ? '' : 's'} closed unanswered`))
  }

  if (verdict.warnings.length > 0) {
    lines.push('', c.bold('Warnings'))
    for (const w of verdict.warnings) lines.push(`  ${c.yellow('!')} ${w}`)
  }

  if (verdict.fixes.length > 0) {
    lines.push('', c.bold(verdict.hairpin === true ? 'Improvements, most useful first' : 'Fixes, most likely first'))
    verdict.fixes.forEach((fix, i) => {
      lines.push(`  ${c.bold(`${i + 1}. ${fix.title}`)}`, `     ${c.dim(fix.why)}`)
      for (const cmd of fix.commands) for (const line of cmd.split('\n')) lines.push(`       ${c.cyan(line)}`)
    })
  }
  lines.push('', c.dim(`cause: ${verdict.cause} · ${report.tool.name} ${report.tool.version} · ${report.durationMs} ms`))
  return `${lines.join('\n')}\n`
}
