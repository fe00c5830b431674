// Hostile or broken echo services and hostile services on the port: the right answer still wins, every failure is named, nothing reaches the terminal raw.
import t, { type Test } from 'tap'
import { execFileSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DAEMONS, LAB, runCli, type CliResult, type Lab } from './lab.js'
import { LAB_JOBS, labSkip, labTest } from './tap-lab.js'

// Each subtest owns its lab and mostly waits on the CLI's budget and on the late answers below:
// several at once, no more, so a CPU-starved run never blurs which echo source answered first.
t.jobs = LAB_JOBS

const HOSTILE_ECHO = DAEMONS.hostileEcho
const HOSTILE_SERVICE = DAEMONS.hostileService

// The CLI's whole-run budget (the echo step gets half of it, at most 4 s).
const RUN_TIMEOUT_MS = 5000
// --target waits for banners and handshakes on two paths: the budget target.test.ts uses.
const TARGET_TIMEOUT_MS = 6000
// Kill a CLI that hangs well past its own budget, so the failure says so (exit code null).
const CLI_KILL_MS = 30_000

// ---------------------------------------------------------------------------------------------
// The hostile echo services: one process in `inet`, one behaviour per port of 198.51.100.10.

const ECHO_HOST = '198.51.100.10'
const PORTS = {
  html: 8081,
  huge: 8082,
  drip: 8083,
  redirect: 8084,
  private: 8085,
  loopback: 8086,
  ipv6: 8087,
  wrong: 8088,
  http500: 8089,
  silent: 8090,
  tls: 8091,
  'ansi-text': 8092,
  'ansi-json': 8093,
  'ansi-redirect': 8094,
  'bidi-redirect': 8095,
} as const
type Behaviour = keyof typeof PORTS
const echoUrl = (b: Behaviour): string => `${b === 'tls' ? 'https' : 'http'}://${ECHO_HOST}:${PORTS[b]}/ip`

/** Sources that fail, and what their recorded error must say. */
const ERRORS = {
  html: /^looks like HTML, not an address: "<!DOCTYPE html>/,
  huge: /^answer larger than 4096 bytes$/,
  drip: /^no answer/, // the body never ends: only the overall deadline stops it
  redirect: new RegExp(`^redirected to http://${ECHO_HOST.replace(/\./g, '\\.')}:${PORTS.redirect}/ip$`),
  ipv6: /^answered an IPv6 address, IPv4 was asked$/,
  http500: /^HTTP 500$/,
  silent: /^no answer/,
  tls: /^TLS: .*self[- ]signed/i,
} as const satisfies Partial<Record<Behaviour, RegExp>>
type Failing = keyof typeof ERRORS
const FAILING = Object.keys(ERRORS) as Failing[]
/** Of those, the ones that end only on a timer: still running when two good sources agree. */
const SLOW: readonly Failing[] = ['drip', 'silent']
const FAST_FAILING = FAILING.filter((b) => !SLOW.includes(b))

/** Sources that answer an address that is not ours. */
const WRONG_ANSWERS = { private: '192.168.1.1', loopback: '127.0.0.1', wrong: '198.51.100.99' } as const
type Answering = keyof typeof WRONG_ANSWERS
const ANSWERING = Object.keys(WRONG_ANSWERS) as Answering[]

/** What echo.ts records for a request cancelled because two sources already agreed (its NOT_NEEDED). */
const NOT_NEEDED = 'not needed: two sources already agreed'

const [GOOD_TEXT, GOOD_JSON] = LAB.echoUrls as [string, string]

// One self-signed certificate per use for the whole file (generated now, removed at the end): the
// echo service's names its own address (so only trust fails); the hostile service's CN is hostile.
let echoCert = ''
let echoKey = ''
let hostileCert = ''
let hostileKey = ''
/** A CN with CSI, OSC, BEL and a bidi override (UTF8String: anything but NUL goes). */
const HOSTILE_CN = '\u001b[31mHOSTILE-CN\u202eRLO\u001b]0;CN-TITLE-PWNED\u0007\u001b[0m'
t.before(() => {
  if (labSkip().skip !== undefined) return
  const dir = mkdtempSync(join(tmpdir(), 'hairpin-check-hostile-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const make = (name: string, subject: string, extra: string[]): [string, string] => {
    const cert = join(dir, `${name}-cert.pem`)
    const key = join(dir, `${name}-key.pem`)
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-utf8', '-subj', subject, ...extra, '-keyout', key, '-out', cert],
      { stdio: 'ignore' },
    )
    return [cert, key]
  }
  ;[echoCert, echoKey] = make('echo', '/CN=hostile-echo.lab', ['-addext', `subjectAltName=IP:${ECHO_HOST}`])
  ;[hostileCert, hostileKey] = make('hostile', `/CN=${HOSTILE_CN}`, [])
})

/** Starts every hostile echo behaviour in `inet`. */
function startHostileEcho(lab: Lab): Promise<unknown> {
  const serve = Object.entries(PORTS).map(([name, port]) => `${name}:${port}`).join(',')
  return lab.spawnBackground('inet', [process.execPath, HOSTILE_ECHO, '--host', ECHO_HOST, '--serve', serve, '--cert', echoCert, '--key', echoKey], {
    waitFor: 'listening',
  })
}

/**
 * Makes some echo services answer late, deterministically, inside the lab: `inet` drops the first
 * SYN of every connection to them (remembered by source address and port), so each answers only
 * after the client's SYN retransmission (Linux: 1 s initial RTO). No time is asserted anywhere: this
 * only fixes which sources answer first, so a test can say which were still running when two
 * agreed. Replaces any earlier delay. (No netem on these kernels; nftables needs no module.)
 */
async function answerLate(lab: Lab, targets: Array<{ addr: string; port: number }>): Promise<void> {
  const elements = targets.map((x) => `${x.addr} . ${x.port}`).join(', ')
  const ruleset = [
    'table ip hostile_delay',
    'delete table ip hostile_delay',
    'table ip hostile_delay {',
    '  set seen {',
    '    type ipv4_addr . inet_service',
    '    flags dynamic, timeout',
    '    timeout 1m',
    '  }',
    '  chain input {',
    '    type filter hook input priority filter; policy accept;',
    `    ip daddr . tcp dport { ${elements} } tcp flags & (syn | ack) == syn ip saddr . tcp sport != @seen add @seen { ip saddr . tcp sport } drop`,
    '  }',
    '}',
    '',
  ].join('\n')
  const r = await lab.exec('inet', ['nft', '-f', '-'], { input: ruleset })
  if (r.code !== 0) throw new Error(`nft (answer late) failed: ${r.stderr.trim()}`)
}
const GOOD_TARGETS = [
  { addr: '198.51.100.10', port: 80 },
  { addr: '198.51.100.11', port: 80 },
]

const baseArgs = (urls: readonly string[], timeoutMs = RUN_TIMEOUT_MS): string[] => [
  String(LAB.port),
  '--no-gateway',
  '--timeout',
  String(timeoutMs),
  ...urls.flatMap((u) => ['--echo-url', u]),
]

/** The built CLI on host A, killed only if it outlives its own budget by far. */
async function cli(lab: Lab, args: string[]): Promise<CliResult> {
  return runCli(lab, 'a', args, { timeoutMs: CLI_KILL_MS })
}

interface Source {
  url: string
  address: string | null
  error: string | null
  ms: number | null
  rejected: string | null
}
/** One echo source's entry in a parsed report (`CliResult.json`). */
const sourceOf = (report: any, url: string): Source | undefined => (report?.publicIp?.sources as Source[] | undefined)?.find((s) => s.url === url)

/** The run ended by itself (not by the kill timer): "within its deadline". */
function completes(t: Test, r: CliResult): void {
  t.not(r.code, null, 'the run completes on its own (not killed)', { stderr: r.stderr })
}

/** The `host:port: error` pairs of describeDiscoveryFailure's line, by host:port. */
function errorsOnStderr(line: string): Map<string, string> {
  const list = /could not learn the public IP: none of the \d+ echo services answered with an address \((.*)\); pass --public-ip/.exec(line)?.[1] ?? ''
  const pairs = list.split(/; (?=\d+\.\d+\.\d+\.\d+:\d+: )/)
  return new Map(pairs.map((p) => /^(\d+\.\d+\.\d+\.\d+:\d+): (.*)$/.exec(p)).filter((m) => m !== null).map((m) => [m[1]!, m[2]!]))
}

/** Timeouts name their limit in whole milliseconds: a person reads these lines. */
const WHOLE_MS = /^no answer (?:before the \d+ ms deadline|within \d+ ms)$/

// ---------------------------------------------------------------------------------------------
// 1. Hostile or broken echo services

labTest(t, 'reflect-masq', async (t, lab) => {
  await startHostileEcho(lab)
  // The good sources answer last, so every fast source's own outcome is recorded before two agree.
  await answerLate(lab, GOOD_TARGETS)
  const hostile: Behaviour[] = [...FAILING, ...ANSWERING]
  const r = await cli(lab, [...baseArgs([...hostile.map(echoUrl), GOOD_TEXT, GOOD_JSON]), '--json'])
  completes(t, r)
  const ctx = { stderr: r.stderr, sources: r.json?.publicIp?.sources }
  t.equal(r.code, 0, 'exit code 0: hairpin works', ctx)
  t.equal(r.json?.publicIp?.address, LAB.publicIp, 'the right public IP is learned', ctx)
  t.equal(r.json?.verdict?.cause, 'hairpin-ok-gateway-source', 'the verdict is right')
  t.equal(r.json?.tcp?.observedPeer, LAB.gateway)
  t.equal(r.json?.publicIp?.sources?.length, hostile.length + 2, 'every source is in the report')
  for (const url of [GOOD_TEXT, GOOD_JSON]) {
    t.match(sourceOf(r.json, url), { address: LAB.publicIp, error: null }, `good source ${url}`)
  }
  for (const b of FAST_FAILING) {
    const s = sourceOf(r.json, echoUrl(b))
    t.equal(s?.address, null, `${b}: no address`)
    t.match(s?.error, ERRORS[b], `${b}: the error says what went wrong`, { got: s?.error })
  }
  for (const b of SLOW) {
    // Still running when the two good sources agreed: cancelled, and recorded as such (echo.ts).
    t.match(sourceOf(r.json, echoUrl(b)), { address: null, error: NOT_NEEDED }, `${b}: cancelled once two sources agreed`)
  }
  const warnings: string[] = r.json?.verdict?.warnings ?? []
  const disagree = warnings.find((w) => w.startsWith('Echo services disagree'))
  t.ok(disagree, 'a warning says the echo services disagree', { warnings })
  for (const b of ANSWERING) {
    t.match(sourceOf(r.json, echoUrl(b)), { address: WRONG_ANSWERS[b], error: null }, `${b}: its answer is recorded as the source's address`)
  }
  // A public answer that disagrees is named in the disagreement; private and loopback ones are never used at all.
  t.match(disagree ?? '', `${echoUrl('wrong')} said ${WRONG_ANSWERS.wrong}`, "the warning names wrong's answer")
  for (const b of ['private', 'loopback'] as const) {
    t.match(sourceOf(r.json, echoUrl(b))?.rejected, /private|loopback/, `${b}: recorded as not a public address`)
    t.ok(warnings.some((w) => w.startsWith(`${echoUrl(b)} answered ${WRONG_ANSWERS[b]}, `) && w.includes('not used as the public IP')), `${b}: a warning says it is not used`, { warnings })
    t.notOk(r.json?.publicIp?.candidates?.some((c: { address: string }) => c.address === WRONG_ANSWERS[b]), `${b}: never a candidate`)
  }
  t.match(disagree ?? '', `using ${LAB.publicIp}`, 'the warning says the majority answer is used')
}, 'every hostile echo source beside the two good ones: the majority wins, each failure is named')

labTest(t, 'reflect-masq', async (t, lab) => {
  await startHostileEcho(lab)
  // One good source cannot settle it alone: every hostile source runs to its own end (or the deadline).
  const r = await cli(lab, [...baseArgs([...FAILING.map(echoUrl), GOOD_TEXT]), '--json'])
  completes(t, r)
  const ctx = { stderr: r.stderr, sources: r.json?.publicIp?.sources }
  t.equal(r.code, 0, 'exit code 0', ctx)
  t.equal(r.json?.publicIp?.address, LAB.publicIp, 'the one good answer is used', ctx)
  t.equal(r.json?.verdict?.cause, 'hairpin-ok-gateway-source', 'the verdict is right')
  for (const b of FAILING) {
    const s = sourceOf(r.json, echoUrl(b))
    t.equal(s?.address, null, `${b}: no address`)
    t.match(s?.error, ERRORS[b], `${b}: the error says what went wrong`, { got: s?.error })
  }
  for (const b of SLOW) t.match(sourceOf(r.json, echoUrl(b))?.error, WHOLE_MS, `${b}: the time limit is named in whole milliseconds`)
  const warnings: string[] = r.json?.verdict?.warnings ?? []
  t.ok(
    warnings.some((w) => w.includes(`Only 1 of ${FAILING.length + 1} echo services answered`)),
    'a warning says the address is unconfirmed',
    { warnings },
  )
}, 'every failing echo source beside one good one: each runs to its own error, within the deadline')

labTest(t, 'reflect-masq', async (t, lab) => {
  await startHostileEcho(lab)
  const urls = FAILING.map(echoUrl)
  const json = await cli(lab, [...baseArgs(urls), '--json'])
  completes(t, json)
  t.equal(json.code, 2, 'exit code 2: no verdict', { stderr: json.stderr })
  t.equal(json.json?.verdict?.cause, 'no-public-ip')
  t.equal(json.json?.verdict?.hairpin, null)
  t.equal(json.json?.publicIp?.address, null)
  t.equal(json.json?.fault?.kind, 'no-public-ip')
  t.equal(json.json?.tcp, null, 'nothing was probed without a public IP')
  for (const b of FAILING) t.match(sourceOf(json.json, echoUrl(b))?.error, ERRORS[b], `${b}: the error says what went wrong`)

  const human = await cli(lab, [...baseArgs(urls), '--no-color'])
  completes(t, human)
  t.equal(human.code, 2, 'human: exit code 2')
  for (const [name, r] of [['json', json], ['human', human]] as const) {
    const lines = r.stderr.split('\n')
    t.equal(lines.length, 2, `${name}: stderr is one line`, { stderr: r.stderr })
    t.equal(lines[1], '', `${name}: …ending in a newline`)
    t.match(lines[0], /^hairpin-check: could not learn the public IP: none of the 8 echo services answered with an address \(/, `${name}: it says what failed`)
    t.match(lines[0], /pass --public-ip ADDR, or --echo-url URL/, `${name}: and what to do`)
    const said = errorsOnStderr(lines[0] ?? '')
    for (const b of FAILING) {
      t.match(said.get(`${ECHO_HOST}:${PORTS[b]}`), ERRORS[b], `${name}: stderr names ${b}'s error`, { stderr: lines[0] })
    }
    if (name === 'json') {
      for (const b of FAILING) t.equal(said.get(`${ECHO_HOST}:${PORTS[b]}`), sourceOf(json.json, echoUrl(b))?.error, `json: stderr and report agree on ${b}`)
    }
  }
  t.equal(human.stdout, '', 'human: nothing on stdout when there is no verdict')
}, 'only failing echo sources: exit 2, no-public-ip, one line naming every error')

labTest(t, 'reflect-masq', async (t, lab) => {
  await startHostileEcho(lab)
  const wrong = echoUrl('wrong')
  // Which of two disagreeing answers arrives first is fixed by delaying the other one.
  const cases = [
    { late: GOOD_TARGETS.slice(0, 1), chosen: '198.51.100.99', other: { url: GOOD_TEXT, said: LAB.publicIp } },
    { late: [{ addr: ECHO_HOST, port: PORTS.wrong }], chosen: LAB.publicIp, other: { url: wrong, said: '198.51.100.99' } },
  ]
  for (const c of cases) {
    await answerLate(lab, c.late)
    const r = await cli(lab, [...baseArgs([GOOD_TEXT, wrong]), '--json'])
    completes(t, r)
    // A one-to-one tie: both answers are probed at once, and the one that reaches our listener is the public IP, whichever came first.
    t.same(
      (r.json?.publicIp?.candidates ?? []).map((x: { address: string }) => x.address),
      [c.chosen, c.other.said],
      `both answers are candidates, the first (${c.chosen}) first`,
    )
    t.equal(r.json?.publicIp?.address, LAB.publicIp, 'the proven candidate is the public IP', { stderr: r.stderr })
    t.equal(r.code, 0, 'the verdict is right in either order')
    t.equal(r.json?.verdict?.cause, 'hairpin-ok-gateway-source')
    const warnings: string[] = r.json?.verdict?.warnings ?? []
    const w = warnings.find((x) => x.startsWith('Echo services disagree'))
    t.ok(w, 'a warning names the disagreement', { warnings })
    t.match(w ?? '', /no majority, so each of .* was probed and 203\.0\.113\.7 is used; the public IP is uncertain/, 'a one-to-one tie is probed both ways and called uncertain')
  }
}, 'one good and one disagreeing echo source: both are probed, the one that reaches us wins')

// ---------------------------------------------------------------------------------------------
// 2. Nothing from outside reaches the terminal raw

/** The output formats, and whether the hostile text shows in them (the metrics carry no foreign text). */
const FORMATS = [
  { name: 'human', args: ['--no-color'], marker: true },
  { name: 'markdown', args: ['--format', 'markdown'], marker: true },
  { name: 'json', args: ['--json'], marker: true },
  { name: 'openmetrics', args: ['--format', 'openmetrics'], marker: false },
] as const

// C0 controls except \n (no format uses \t), DEL, C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u
// Bidi marks, embeddings, overrides and isolates; zero-width characters; line and paragraph separators; BOM.
const INVISIBLES = /[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u
/** Longest foreign text the tool keeps anywhere (service.ts MAX_TEXT_CHARS; echo snippets 40, answers 80). */
const MAX_FOREIGN_CHARS = 120

const describeChar = (s: string): string => `U+${s.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`

/** Asserts text that reaches a terminal holds nothing raw from outside. */
function assertPrintable(t: Test, text: string, what: string): void {
  const ctl = CONTROLS.exec(text)
  t.notOk(text.includes('\u001b'), `${what}: no ESC`)
  t.equal(ctl && describeChar(ctl[0]), null, `${what}: no C0/C1 control character but \\n`, ctl ? { near: JSON.stringify(text.slice(Math.max(0, ctl.index - 40), ctl.index + 40)) } : {})
  const inv = INVISIBLES.exec(text)
  t.equal(inv && describeChar(inv[0]), null, `${what}: no bidi override or invisible character`, inv ? { near: JSON.stringify(text.slice(Math.max(0, inv.index - 40), inv.index + 40)) } : {})
  t.notMatch(text, /OSC-TITLE-PWNED|CN-TITLE-PWNED|evil\.example/, `${what}: escape sequences dropped with their payload`)
  const longest = Math.max(0, ...(text.match(/Z+/g) ?? []).map((run) => run.length))
  t.ok(longest <= MAX_FOREIGN_CHARS, `${what}: the long hostile line is capped (longest run ${longest} ≤ ${MAX_FOREIGN_CHARS})`)
}

/** Every string in a parsed JSON report: the values themselves, not their escaped form on stdout. */
function strings(value: unknown, path = '$'): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]]
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`))
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`))
  return []
}

function assertJsonValuesPrintable(t: Test, json: unknown, what: string): void {
  const bad = strings(json).filter(([, s]) => s.includes('\u001b') || CONTROLS.test(s) || INVISIBLES.test(s))
  t.same(
    bad.map(([p, s]) => `${p}: ${JSON.stringify(s.slice(0, 80))}`),
    [],
    `${what}: no report value holds a control, escape or bidi character`,
  )
}

/**
 * Asserts that the hostile Markdown/HTML in the foreign text stays text in the pasted ticket:
 * outside code blocks (where nothing renders) every special character is backslash-escaped.
 */
function assertMarkdownInert(t: Test, md: string): void {
  const prose = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, '')
  t.match(prose, /\\<script/, 'markdown: the tag is shown, escaped')
  t.notMatch(prose, /(?<!\\)<script/, 'markdown: no live HTML tag')
  t.notMatch(prose, /(?<!\\)@admin/, 'markdown: no @mention')
  t.notMatch(prose, /(?<!\\)#1\b/, 'markdown: no issue reference')
  t.notMatch(prose, /(?<!\\)\[a(?:\\)?\]\(/, 'markdown: no link')
  t.notMatch(prose, /(?<!\\)\|pipe/, 'markdown: no table pipe')
}

const codePoints = (s: unknown): number => (typeof s === 'string' ? Array.from(s).length : -1)

/**
 * Runs the CLI in every format and checks that stdout and stderr are printable; `check` gets the
 * JSON run for scenario-specific fields. Returns nothing: each format is its own subtest.
 */
async function everyFormat(
  t: Test,
  lab: Lab,
  args: string[],
  expectCode: number,
  check: (t: Test, json: any) => void,
): Promise<void> {
  for (const f of FORMATS) {
    await t.test(f.name, async (t) => {
      const r = await cli(lab, [...args, ...f.args])
      completes(t, r)
      t.equal(r.code, expectCode, 'exit code', { stderr: r.stderr })
      assertPrintable(t, r.stdout, 'stdout')
      assertPrintable(t, r.stderr, 'stderr')
      // Human output has no report without a verdict: the line on stderr carries it then.
      if (f.marker && (f.name !== 'human' || expectCode < 2)) t.match(r.stdout, /HOSTILE-M/, 'the hostile text is shown, in its printable form')
      if (expectCode >= 2) t.match(r.stderr, /HOSTILE-M/, 'stderr names the hostile answer, in its printable form')
      if (f.name === 'markdown') assertMarkdownInert(t, r.stdout)
      if (f.name === 'json') {
        if (!t.not(r.json, null, 'one JSON document')) return
        assertJsonValuesPrintable(t, r.json, 'json')
        check(t, r.json)
      }
    })
  }
}

const hostileService = (lab: Lab, host: 'router' | 'b', address: string, mode: 'http' | 'banner' | 'tls') =>
  lab.spawnBackground(
    host,
    [process.execPath, HOSTILE_SERVICE, '--host', address, '--port', String(LAB.port), '--mode', mode, ...(mode === 'tls' ? ['--cert', hostileCert, '--key', hostileKey] : [])],
    { waitFor: 'listening' },
  )

const STOP_GRACE_MS = 2000
/** Stops a background process this test started, by its pid, and waits for it to go. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  await new Promise<void>((resolve) => {
    // The lab unrefs its children: this timer also keeps the event loop alive until the exit comes.
    const hard = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
    child.once('exit', () => {
      clearTimeout(hard)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/** --target: the public IP reaches the router's hostile service, the server (host B) speaks a hostile banner. */
const TARGET_ARGS = [...baseArgs(LAB.echoUrls, TARGET_TIMEOUT_MS), '--target', LAB.hostB]

// (a) The router's own service on the public IP. `wan-only` is `router-service`'s ruleset without
// the lab's own tcp-service: ours takes 203.0.113.7:8443 instead (no lab.ts change needed). Two
// labs, one with hostile HTTP, one with TLS and then a banner, so the two halves run at once.
labTest(t, 'wan-only', async (t, lab) => {
  await hostileService(lab, 'router', '0.0.0.0', 'http')
  await t.test('the router answers the probe with hostile HTTP', async (t) => {
    await everyFormat(t, lab, baseArgs(LAB.echoUrls), 1, (t, j) => {
      t.equal(j.verdict?.cause, 'router-answered')
      t.equal(j.tcp?.outcome, 'wrong-service')
      t.match(j.tcp?.answer, /^HTTP\/1\.1 400 HOSTILE-MARK\b/, 'tcp.answer: the printable start of what the router sent')
      t.ok(codePoints(j.tcp?.answer) <= 80, `tcp.answer is capped (${codePoints(j.tcp?.answer)} ≤ 80)`)
      t.match(j.verdict?.summary, /It sent: "HTTP\/1\.1 400 HOSTILE-MARK/, 'the summary quotes the printable form')
    })
  })

  await hostileService(lab, 'b', LAB.hostB, 'banner')
  await t.test('--target: hostile HTTP on the public IP, hostile banner on the server', async (t) => {
    await everyFormat(t, lab, TARGET_ARGS, 1, (t, j) => {
      t.equal(j.verdict?.cause, 'target-different')
      const via = j.target?.viaPublicIp
      const direct = j.target?.direct
      t.equal(via?.kind, 'http')
      t.equal(via?.http?.status, 400)
      t.match(via?.http?.server, /^HOSTILE-MARK\b/, 'Server header: printable')
      t.ok(codePoints(via?.http?.server) <= 120, 'Server header: capped')
      t.equal(direct?.kind, 'ssh')
      t.match(direct?.banner, /^SSH-2\.0-HOSTILE-MARK\b/, 'banner: printable')
      t.ok(codePoints(direct?.banner) <= 120, `banner: capped (${codePoints(direct?.banner)} ≤ 120)`)
    })
  })
}, 'hostile router service on the public IP: every format stays printable')

labTest(t, 'wan-only', async (t, lab) => {
  // The router's service behind TLS, with a hostile certificate name.
  let router = await hostileService(lab, 'router', '0.0.0.0', 'tls')
  await hostileService(lab, 'b', LAB.hostB, 'banner')
  await t.test('--target: TLS with a hostile certificate CN on the public IP', async (t) => {
    await everyFormat(t, lab, TARGET_ARGS, 1, (t, j) => {
      t.equal(j.verdict?.cause, 'target-different')
      const via = j.target?.viaPublicIp
      t.equal(via?.kind, 'tls')
      t.match(via?.tls?.subject, /HOSTILE-CN/, 'certificate CN: printable')
      t.match(via?.http?.server, /^HOSTILE-MARK\b/, 'Server header inside TLS: printable')
    })
  })
  await t.test('the router answers the probe with a hostile banner', async (t) => {
    await stop(router)
    router = await hostileService(lab, 'router', '0.0.0.0', 'banner')
    await everyFormat(t, lab, baseArgs(LAB.echoUrls), 1, (t, j) => {
      t.equal(j.verdict?.cause, 'router-answered')
      t.match(j.tcp?.answer, /^SSH-2\.0-HOSTILE-MARK\b/, 'tcp.answer: printable')
      t.ok(codePoints(j.tcp?.answer) <= 80, 'tcp.answer: capped')
    })
  })
}, 'hostile router service on the public IP behind TLS, then a banner: every format stays printable')

// (b) An echo service's answer: the error snippet.
labTest(t, 'reflect-masq', async (t, lab) => {
  await startHostileEcho(lab)
  const hostile: Behaviour[] = ['ansi-text', 'ansi-json', 'ansi-redirect', 'bidi-redirect']
  await t.test('beside one good source (a verdict, every report section shown)', async (t) => {
    await everyFormat(t, lab, baseArgs([...hostile.map(echoUrl), GOOD_TEXT]), 0, (t, j) => {
      t.equal(j.publicIp?.address, LAB.publicIp)
      t.equal(j.verdict?.cause, 'hairpin-ok-gateway-source')
      const text = sourceOf(j, echoUrl('ansi-text'))
      t.match(text?.error, /^not an IP address: "HOSTILE-MARK/, 'ansi-text: the snippet, printable')
      const redirect = sourceOf(j, echoUrl('bidi-redirect'))?.error
      t.match(redirect, /^redirected to http:\/\/198\.51\.100\.10\/HOSTILE-MARK /, 'bidi-redirect: the Location, printable')
      t.ok(codePoints(redirect) <= 'redirected to '.length + 120, `bidi-redirect: the Location is capped (${codePoints(redirect)})`)
      for (const b of hostile) {
        const s = sourceOf(j, echoUrl(b))
        t.equal(s?.address, null, `${b}: no address`)
        t.type(s?.error, 'string', `${b}: an error is recorded`)
        t.ok(codePoints(s?.error) <= 200, `${b}: the error is capped (${codePoints(s?.error)} ≤ 200)`)
      }
    })
  })
  await t.test('alone (no verdict: the errors go to stderr)', async (t) => {
    await everyFormat(t, lab, baseArgs(hostile.map(echoUrl)), 2, (t, j) => {
      t.equal(j.verdict?.cause, 'no-public-ip')
      t.match(j.fault?.message, /HOSTILE-MARK/, 'the fault message carries the printable snippet')
    })
  })
}, 'hostile echo answers: every format stays printable')
