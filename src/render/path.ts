// Draws the path the hairpin probe took (client → gateway → listener, and the reply) as text, one line per hop.

import { Chalk, type ChalkInstance } from 'chalk'
import stringWidth from 'string-width'
import { CAUSES, type FrontPicture } from '../diagnose/causes.js'
import { gatewayWan } from '../diagnose/nat.js'
import type { Report, TcpReport, UdpReport } from '../report/report.js'
import { printable } from '../util/sanitize.js'

/** How to draw the path. */
export interface PathOptions {
  /** Box-drawing arrows and ✔/✘ when true; ASCII (`-->`, `[ok]`, `[x]`) when false. */
  unicode: boolean
  /** Terminal columns: no line is longer (widths below {@link MIN_WIDTH} are taken as it). */
  width: number
  /** chalk's colour level: 0 for none. */
  colorLevel: 0 | 1 | 2 | 3
}

/** The narrowest width drawn for: narrower, a picture would be more breaks than text. */
export const MIN_WIDTH = 24

type Mark = 'ok' | 'fail' | null

/** One end of a hop: a role and the address it has on that side. */
interface End {
  name: string
  addr: string
}

/** One packet's way from one box to the next. `missing`: the leg that should have happened and did not. */
interface Hop {
  from: End
  label: string
  to: End
  missing?: boolean
  mark?: Mark
  note?: string
}

/** A titled set of hops, with sentences below saying what went right or wrong. */
interface Block {
  /** Phrases that stay whole when the title must wrap. */
  title: string[]
  hops: Hop[]
  captions: Array<[Mark, string]>
}

/** The facts every block draws from, already made printable. */
interface Net {
  client: string
  gwLan: string
  pub: string
  port: number
  /** The listener's address when the report does not name it: this host, unless another host listens. */
  server: string
  peer: boolean
  /** The verdict's cause: what answered instead of the listener is drawn as the cause says. */
  cause: string
}

const WORDS = {
  tcp: { name: 'TCP', send: 'SYN', reply: 'SYN-ACK', refuse: 'RST' },
  udp: { name: 'UDP', send: 'datagram', reply: 'reply', refuse: 'ICMP' },
} as const

/** Holds a number to its unit across a wrap; printed as a plain space. */
const NBSP = '\u00a0'
const ms = (n: number): string => `${n}${NBSP}ms`

/** Untrusted text (even "validated" fields) made safe and bounded; `unknown` for nothing. */
const show = (text: string | null | undefined, max = 45): string => (text ? printable(text, max) : '') || 'unknown'

/** Splits text into what a terminal draws as one character (a base and its combining marks stay together). */
const graphemes = (text: string): string[] => Array.from(new Intl.Segmenter().segment(text), (s) => s.segment)

/** `TCP to P:port`, and where the listener is when that is not this host. */
const probeTitle = (n: Net, proto: string): string[] => [`${proto} to ${n.pub}:${n.port}${n.peer ? ',' : ''}`, ...(n.peer ? ['listener on another host'] : [])]

/** The listener as the probe's proof names it, else as the run knows it. */
const listenerOf = (n: Net, r: TcpReport | UdpReport): End => ({ name: 'listener', addr: r.serverAddress === null ? n.server : show(r.serverAddress) })

/** The parts every probe picture shares: the words of the protocol, the ends, the way out and the hop never taken. */
function probeParts(n: Net, proto: 'tcp' | 'udp', r: TcpReport | UdpReport) {
  const w = WORDS[proto]
  const client: End = { name: 'client', addr: n.client }
  const gwPub: End = { name: 'gateway', addr: n.pub }
  const gwLan: End = { name: 'gateway', addr: n.gwLan }
  const listener = listenerOf(n, r)
  const out: Hop = { from: client, label: w.send, to: gwPub }
  const never: Hop = { from: gwLan, label: 'no DNAT', to: listener, missing: true, note: 'not reached' }
  const block = (hops: Hop[], mark: Mark, text: string): Block => ({ title: probeTitle(n, w.name), hops, captions: [[mark, text]] })
  return { w, client, gwPub, gwLan, listener, out, never, block }
}

/** Something other than the listener answered (or reset): drawn as the verdict's cause settled it. */
function answeredBlock(n: Net, proto: 'tcp' | 'udp', r: TcpReport | UdpReport): Block {
  const { w, client, gwPub, gwLan, out, never, block } = probeParts(n, proto, r)
  const reset = r.outcome === 'reset'
  const said = r.answer === null ? '.' : r.answer === '' ? ', and closed without a word.' : `: "${show(r.answer, 60)}".`
  if (n.cause === 'hairpin-ok-other-host') {
    const server: End = { name: 'server', addr: 'another host' }
    return block(
      [out, { from: gwLan, label: 'DNAT', to: server, mark: 'ok', note: 'your server' }, { from: gwPub, label: 'answer', to: client, mark: 'ok' }],
      'ok',
      "The forward reached your server on another host and it answered: this host's own listener was never the target.",
    )
  }
  if (n.cause === 'other-service-answered') {
    return block(
      [out, { from: gwPub, label: reset ? w.refuse : 'answer', to: client, note: reset ? 'reset' : 'not ours' }],
      null,
      `Something other than this host's listener answered${said} Your server on another host, or the router's own service: the path cannot tell.`,
    )
  }
  return block(
    [out, never, { from: gwPub, label: reset ? w.refuse : 'answer', to: client, mark: 'fail', note: reset ? 'reset' : 'not ours' }],
    'fail',
    reset
      ? "The router's own service accepted the connection and reset it: the forward is not applied to traffic from inside."
      : `The router's own service answered instead of the listener${said}`,
  )
}

/** Everything a TCP or UDP run shows, by outcome. */
function probeBlock(n: Net, proto: 'tcp' | 'udp', r: TcpReport | UdpReport): Block | null {
  const { w, client, gwPub, gwLan, listener, out, never, block } = probeParts(n, proto, r)
  switch (r.outcome) {
    case 'ok': {
      const seen = show(r.observedPeer)
      // The reply heads for the address the listener saw, and the gateway takes it on that side.
      const back: End = { name: 'gateway', addr: r.peerKind === 'gateway' ? seen : r.peerKind === 'public-ip' ? n.pub : n.gwLan }
      const nat = r.peerKind === 'client' ? 'DNAT only' : 'DNAT+SNAT'
      const via = 'replyFrom' in r && r.replyFrom !== null ? ` and arrives from ${show(r.replyFrom)}` : ''
      return block(
        [out, { from: gwLan, label: nat, to: listener, note: `saw ${seen}` }, { from: listener, label: w.reply, to: back }, { from: gwPub, label: w.reply, to: client, mark: 'ok' }],
        'ok',
        `The reply goes back through the gateway${via}: ${proto === 'tcp' ? 'connected' : 'answered'} in ${ms(r.ms)}.`,
      )
    }
    case 'refused':
      return block(
        [out, never, { from: gwPub, label: w.refuse, to: client, mark: 'fail', note: 'refused' }],
        'fail',
        `The gateway refused${proto === 'udp' ? ' (ICMP port unreachable)' : ''}: it applies the forward only to traffic from the internet, and nothing on the gateway listens on port${NBSP}${n.port}.`,
      )
    case 'reset':
    case 'wrong-service':
      return answeredBlock(n, proto, r)
    case 'timeout':
      // On one host the reflected packet carries the host's own address and dies as a martian;
      // a second host gets it and answers the client directly, which drops the stranger's reply.
      if (!n.peer) {
        return block(
          [out, { from: gwLan, label: 'DNAT only', to: listener, mark: 'fail', note: 'dropped' }],
          'fail',
          `No answer in ${ms(r.ms)}. Most likely the reflected packet arrives with this host's own address as its source and is dropped (a "martian"); or a firewall dropped it.`,
        )
      }
      return block(
        [out, { from: gwLan, label: 'DNAT only', to: listener, note: `from ${n.client}` }, { from: listener, label: w.reply, to: client, mark: 'fail', note: 'dropped' }],
        'fail',
        `No answer in ${ms(r.ms)}. Most likely the reply goes straight from the server to the client, never back through the gateway, and the client drops it; or a firewall dropped the packet.`,
      )
    case 'direct-reply': {
      const from = show(r.replyFrom)
      return block(
        [out, { from: gwLan, label: 'DNAT only', to: listener, note: `saw ${show(r.observedPeer)}` }, { from: listener, label: w.reply, to: client, mark: 'fail', note: 'dropped' }],
        'fail',
        `The reply came from ${from}, not from ${n.pub}: it went straight to the client, never back through the gateway, and clients drop it.`,
      )
    }
    case 'unreachable': {
      const why = r.error === null ? '' : ` (${show(r.error, 40)})`
      return block(
        [out, { from: gwPub, label: 'ICMP', to: client, mark: 'fail', note: 'unreachable' }],
        'fail',
        `The network answered "unreachable"${why}: the router or a firewall rejects traffic from inside to the public IP.`,
      )
    }
    case 'error':
      return null // nothing happened on the wire that a picture could show
  }
}

/** Another NAT holds the public IP: the packet leaves through the gateway's WAN and is not forwarded back. */
function frontBlock(n: Net, report: Report, proto: 'tcp' | 'udp', r: TcpReport | UdpReport, front: FrontPicture): Block {
  const w = WORDS[proto]
  const wan = gatewayWan(report)
  const outer: End = { name: front.outer, addr: n.pub }
  const listener = listenerOf(n, r)
  const wanWords = wan === null ? 'the gateway reports no usable WAN address' : `the gateway's WAN address is ${show(wan)}`
  const text = front.says(n.pub, wanWords)
  return {
    title: probeTitle(n, w.name),
    hops: [
      { from: { name: 'client', addr: n.client }, label: w.send, to: { name: 'gateway', addr: n.gwLan } },
      { from: { name: 'gateway', addr: wan === null ? 'unknown' : show(wan) }, label: w.send, to: outer },
      { from: outer, label: 'no DNAT', to: listener, missing: true, mark: 'fail', note: 'not reached' },
    ],
    captions: [['fail', `${text} ${w.name}: ${r.outcome} after ${ms(r.ms)}.`]],
  }
}

/** This host holds the public IP: one hop, no NAT. */
function directBlock(n: Net, proto: 'tcp' | 'udp', r: TcpReport | UdpReport): Block {
  const w = WORDS[proto]
  const ok = r.outcome === 'ok'
  return {
    title: [`${w.name} to ${n.pub}:${n.port}`],
    hops: [{ from: { name: 'client', addr: n.client }, label: w.send, to: { name: 'listener', addr: n.pub }, mark: ok ? 'ok' : 'fail', note: ok ? 'no NAT' : r.outcome }],
    captions: [
      ok
        ? ['ok', `No NAT in between: this host holds ${n.pub} itself.`]
        : ['fail', `No NAT in between, yet ${w.name} got "${r.outcome}": a firewall on this host may block port${NBSP}${n.port}.`],
    ],
  }
}

/** `--target`: the hairpinned path and the direct one, side by side, and whether they meet the same service. */
function targetBlocks(n: Net, t: NonNullable<Report['target']>): Block[] {
  const client: End = { name: 'client', addr: n.client }
  const gwPub: End = { name: 'gateway', addr: n.pub }
  const server: End = { name: 'server', addr: show(t.address) }
  const out: Hop = { from: client, label: 'connect', to: gwPub }
  const never: Hop = { from: { name: 'gateway', addr: n.gwLan }, label: 'no DNAT', to: server, missing: true, note: 'not reached' }
  const answered = (s: { description: string } | null): Array<[Mark, string]> => (s === null ? [] : [[null, `Answered: ${show(s.description, 120)}`]])
  const via = t.viaPublicIp
  let viaHops: Hop[]
  if (via === null) viaHops = [{ ...out, note: 'not tried' }]
  else if (via.outcome === 'ok') {
    viaHops =
      t.same === true
        ? [out, { from: never.from, label: 'DNAT', to: server, mark: 'ok', note: 'same service' }]
        : [{ ...out, mark: t.same === false ? 'fail' : null, note: 'answered itself' }, never]
  } else if (via.outcome === 'refused' || via.outcome === 'reset' || via.outcome === 'unreachable') {
    const icmp = via.outcome === 'unreachable'
    viaHops = [out, never, { from: gwPub, label: icmp ? 'ICMP' : 'RST', to: client, mark: 'fail', note: via.outcome }]
  } else viaHops = [{ ...out, mark: 'fail', note: via.outcome === 'timeout' ? 'no answer' : via.outcome }]

  const direct = t.direct
  const directHop: Hop =
    direct === null
      ? { from: client, label: 'connect', to: server, note: 'not tried' }
      : { from: client, label: 'connect', to: server, mark: direct.outcome === 'ok' ? 'ok' : 'fail', note: direct.outcome === 'ok' ? 'answered' : direct.outcome }
  const verdict: Array<[Mark, string]> =
    t.same === null ? [] : t.same ? [['ok', 'Both paths reach the same service.']] : [['fail', 'The public IP reaches a different service than the server.']]
  return [
    { title: ['Via the public IP', `${n.pub}:${n.port}`], hops: viaHops, captions: answered(via) },
    { title: ['Direct to the server', `${server.addr}:${n.port}`], hops: [directHop], captions: [...answered(direct), ...verdict] },
  ]
}

/** What to draw for this report, or nothing. */
function blocksOf(report: Report): Block[] {
  const { publicIp, port, verdict, client } = report
  if (publicIp.address === null || port === null || report.fault !== null || CAUSES[verdict.cause].picture === 'none') return []
  const n: Net = {
    client: show(client.address),
    gwLan: show(client.gateway),
    pub: show(publicIp.address),
    port,
    // A failed probe in peer mode names no server; the other protocol's proof may.
    server: show(report.mode === 'peer' ? (report.tcp?.serverAddress ?? report.udp?.serverAddress) : client.address),
    peer: report.mode === 'peer',
    cause: verdict.cause,
  }
  if (report.target !== null) return targetBlocks(n, report.target)
  const blocks: Block[] = []
  for (const [proto, r] of [['tcp', report.tcp], ['udp', report.udp]] as const) {
    if (r === null) continue
    const picture = CAUSES[verdict.cause].picture
    const failed = r.outcome !== 'ok' && r.outcome !== 'error'
    const b =
      picture === 'direct'
        ? directBlock(n, proto, r)
        : typeof picture === 'object' && failed
          ? frontBlock(n, report, proto, r, picture.front)
          : probeBlock(n, proto, r)
    if (b !== null) blocks.push(b)
  }
  return blocks
}

/** A run of text with its style; `keep` runs (arrows) never break at their spaces. */
interface Seg {
  text: string
  style?: (s: string) => string
  keep?: boolean
}

const isBlank = (s: Seg): boolean => /^ +$/.test(s.text)

/** Splits `text` after as many characters as fit in `room` columns (at least one). */
function cut(text: string, room: number): [string, string] {
  const chars = graphemes(text)
  let i = 0
  let used = 0
  while (i < chars.length && (i === 0 || used + stringWidth(chars[i] as string) <= room)) used += stringWidth(chars[i++] as string)
  return [chars.slice(0, i).join(''), chars.slice(i).join('')]
}

/**
 * Fills lines of at most `width` columns from `segs`, breaking between words; continuation lines
 * start at column `hang`. A word longer than a whole line is cut, so nothing ever overflows.
 * Not wrap-ansi: it wraps every line to one width (no hanging indent), trims a first line's indent
 * or keeps every line's, NFC-normalises the text, and moves a long word to a line of its own
 * before cutting it.
 */
function wrap(segs: Seg[], width: number, hang: number): Seg[][] {
  const lines: Seg[][] = []
  let line: Seg[] = []
  let used = 0
  let content = false
  const flush = (): void => {
    while (line.length > 0 && isBlank(line[line.length - 1] as Seg)) line.pop()
    lines.push(line)
    line = [{ text: ' '.repeat(hang) }]
    used = hang
    content = false
  }
  const tokens = segs.flatMap((s) => (s.keep ? [s] : s.text.split(/( +)/).filter((t) => t !== '').map((text) => ({ ...s, text }))))
  for (const tok of tokens) {
    if (isBlank(tok)) {
      // Leading spaces of the first line are its indent; elsewhere a line never starts with a space.
      if (content || lines.length === 0) {
        line.push(tok)
        used += tok.text.length
      }
      continue
    }
    let text = tok.text
    if (content && used + stringWidth(text) > width) flush()
    while (used + stringWidth(text) > width) {
      const [head, rest] = cut(text, width - used)
      line.push({ ...tok, text: head })
      flush()
      text = rest
    }
    line.push({ ...tok, text })
    used += stringWidth(text)
    content = true
  }
  flush()
  return lines
}

const pad = (text: string, n: number): string => text + ' '.repeat(Math.max(0, n - stringWidth(text)))

/**
 * The path the probe took, one line per hop (two when `width` is too narrow for one), with the
 * leg that failed marked and, where it went wrong, the reply's way shown. Lines carry no
 * newline and never exceed `opts.width`; `[]` when there is nothing to draw (no public IP, a
 * run that ended in no verdict).
 */
export function renderPath(report: Report, opts: PathOptions): string[] {
  const blocks = blocksOf(report)
  if (blocks.length === 0) return []
  const width = Number.isFinite(opts.width) ? Math.max(MIN_WIDTH, Math.floor(opts.width)) : 80
  const c: ChalkInstance = new Chalk({ level: opts.colorLevel })
  const g = opts.unicode
    ? { fill: '─', head: '▶', gap: '╌', open: '▷', ok: '✔', fail: '✘' }
    : { fill: '-', head: '>', gap: '.', open: '>', ok: '[ok]', fail: '[x]' }
  const hops = blocks.flatMap((b) => b.hops)
  // One set of columns for the whole picture, so the boxes line up from block to block.
  const nw = Math.max(...hops.flatMap((h) => [stringWidth(h.from.name), stringWidth(h.to.name)]))
  const aw = Math.max(...hops.flatMap((h) => [stringWidth(h.from.addr), stringWidth(h.to.addr)]))
  const lw = Math.max(...hops.map((h) => stringWidth(h.label))) + 4
  const markSeg = (m: Mark): Seg[] => (m === null ? [] : [{ text: m === 'ok' ? g.ok : g.fail, style: m === 'ok' ? c.green : c.red }])

  const hopSegs = (h: Hop, aligned: boolean): { from: Seg[]; to: Seg[] } => {
    const fill = h.missing ? g.gap : g.fill
    const arrow = `${fill}${fill}${h.label}${fill.repeat(lw - 3 - stringWidth(h.label))}${h.missing ? g.open : g.head}`
    const arrowStyle = h.mark === 'fail' ? c.red : c.dim
    // Mark and note move as one piece: a wrapped "saw" never loses its address.
    const mark = h.mark === undefined || h.mark === null ? '' : h.mark === 'ok' ? g.ok : g.fail
    const markStyle = h.mark === 'ok' ? c.green : c.red
    const note = h.note ?? ''
    const noteStyle = h.missing ? c.dim : (s: string): string => s
    const tailText = [mark, note].filter((x) => x !== '').join(' ')
    const tailStyle = (s: string): string => (mark === '' ? '' : markStyle(s.slice(0, mark.length))) + noteStyle(s.slice(mark.length))
    const tail: Seg[] = tailText === '' ? [] : [{ text: ' ' }, { text: tailText, style: tailStyle, keep: true }]
    return {
      from: [{ text: pad(h.from.name, nw), style: c.dim }, { text: ' ' }, { text: pad(h.from.addr, aw) }, { text: ' ' }, { text: arrow, style: arrowStyle, keep: true }],
      to: [
        { text: aligned ? pad(h.to.name, nw) : h.to.name, style: c.dim },
        { text: ' ' },
        { text: aligned && tail.length > 0 ? pad(h.to.addr, aw) : h.to.addr },
        ...tail,
      ],
    }
  }
  const plain = (segs: Seg[]): number => stringWidth(segs.map((s) => s.text).join(''))
  // One line per hop when every hop fits; otherwise every hop takes two, so the picture stays regular.
  const oneLine = hops.every((h) => {
    const s = hopSegs(h, true)
    return plain([{ text: '  ' }, ...s.from, { text: ' ' }, ...s.to]) <= width
  })

  const lines: Seg[][] = []
  blocks.forEach((b, i) => {
    if (i > 0) lines.push([])
    lines.push(...wrap(b.title.flatMap((text, j) => [...(j > 0 ? [{ text: ' ' }] : []), { text, style: c.bold, keep: true }]), width, 2))
    for (const h of b.hops) {
      const s = hopSegs(h, oneLine)
      if (oneLine) lines.push([{ text: '  ' }, ...s.from, { text: ' ' }, ...s.to])
      else lines.push(...wrap([{ text: '  ' }, ...s.from], width, 6), ...wrap([{ text: '      ' }, ...s.to], width, 8))
    }
    for (const [mark, text] of b.captions) {
      const m = markSeg(mark)
      const hang = 2 + (m.length === 0 ? 0 : stringWidth(m[0]!.text) + 1)
      lines.push(...wrap([{ text: '  ' }, ...m, ...(m.length > 0 ? [{ text: ' ' }] : []), { text }], width, hang))
    }
  })
  return lines.map((segs) => segs.map((s) => (s.style ? s.style(s.text) : s.text)).join('').replaceAll(NBSP, ' '))
}

/**
 * Whether the terminal can show box-drawing characters and ✔/✘, by the rules of
 * sindresorhus/is-unicode-supported 2.x (index.js): everywhere but the Linux kernel console
 * (`TERM=linux`); on Windows only in terminals known to cope (Windows Terminal, Terminus,
 * ConEmu/cmder, VS Code, JetBrains, xterm-256color, Alacritty, rxvt-unicode, Warp). Unlike 1.x it
 * does not take `CI` as a yes on Windows. Not the package itself: it reads `process.env` and
 * `process.platform` and takes no arguments, and the CLI passes its own environment in.
 */
export function supportsUnicode(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  if (platform !== 'win32') return env.TERM !== 'linux'
  return (
    Boolean(env.WT_SESSION) ||
    Boolean(env.TERMINUS_SUBLIME) ||
    env.ConEmuTask === '{cmd::Cmder}' ||
    env.TERM_PROGRAM === 'Terminus-Sublime' ||
    env.TERM_PROGRAM === 'vscode' ||
    env.TERMINAL_EMULATOR === 'JetBrains-JediTerm' ||
    ['xterm-256color', 'alacritty', 'rxvt-unicode', 'rxvt-unicode-256color', 'WarpTerminal'].includes(env.TERM ?? '')
  )
}
