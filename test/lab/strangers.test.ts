// The port is open to the internet while the test runs: strangers on the listener get nothing, are closed by it, and change no verdict.
import t, { type Test } from 'tap'
import { CLI_KILL_MS, STRANGER, TARGET, startCli, stranger, waitOpen, waitSs } from './background.js'
import { LAB, runCli, type Lab } from './lab.js'
import { LAB_JOBS, labTest } from './tap-lab.js'

// Each subtest owns its lab and mostly waits out a silent run. Not all four at once: the attackers
// (a dozen processes, floods of hundreds of connections) must all be dealt with inside the CLI's
// run (SILENT_TIMEOUT) on a two-core machine that runs other test files too, so the flood kept
// in flight all through a run (defined last) starts only once another subtest is done.
t.jobs = LAB_JOBS

const PORT = String(LAB.port)
const ECHO = LAB.echoUrls.flatMap((u) => ['--echo-url', u])
// A silent run keeps its listener open until its --timeout: long enough for a dozen attacker
// processes to start and be dealt with on a busy two-core machine, with room to spare.
const SILENT_TIMEOUT = '8000'
/** The hello line is 49 bytes: a slowloris sending one byte every 200 ms never finishes it before the listener's deadline. */
const HELLO_BYTES = 'HAIRPIN-CHECK/1 '.length + 32 + 1
/** Extra source addresses on inet's loopback: the internet is many hosts (the router routes 198.51.100.0/24 to inet). */
const INET_SOURCES = Array.from({ length: 12 }, (_, i) => `198.51.100.${100 + i}`)

/** What stranger.mjs reports for one connection. */
interface Conn {
  connected: boolean
  sent: number
  bytesReceived: number
  closedBy: 'peer' | 'us'
  how: string
  error: string | null
}
interface FloodResult {
  attempted: number
  connected: number
  refused: number
  errors: Record<string, number>
  bytesReceived: number
  closedByPeer: number
  closedByUs: number
  openAtStop: number
}
interface UdpResult {
  kind: string
  sent: number
  answers: number
  bytesReceived: number
  errors: Record<string, number>
}

/** Every connection: it connected, got nothing, and the listener (not the attacker) ended it. */
function closedUnanswered(t: Test, label: string, conns: Conn[]): void {
  for (const [i, c] of conns.entries()) {
    const what = `${label}${conns.length > 1 ? ` #${i + 1}` : ''}`
    t.equal(c.connected, true, `${what}: connected`, { conn: c })
    t.equal(c.bytesReceived, 0, `${what}: not a byte received from the listener`)
    t.equal(c.closedBy, 'peer', `${what}: the listener closed it, not the attacker (${c.how})`, { conn: c })
  }
}

/** After the CLI exited, nothing listens on A:8443 any more: a connect is refused, from the LAN and through the forward. */
async function refusedAfterExit(t: Test, lab: Lab): Promise<void> {
  for (const host of ['b', 'inet'] as const) {
    const after = await waitOpen(lab, host, 1)
    t.equal(after.open, false, `after the exit, a connect from ${host} fails`)
    t.equal(after.lastError, 'ECONNREFUSED', `… refused: the listener closed with the verdict (from ${host})`)
  }
}

const BEHAVIOURS = ['silent', 'http', 'random', 'slowloris', 'forged', 'replay'] as const

labTest(
  t,
  'dnat-no-snat',
  async (t, lab) => {
    const cli = startCli(lab, [PORT, '--json', ...ECHO, '--timeout', SILENT_TIMEOUT])
    const up = await waitOpen(lab)
    if (!t.ok(up.open, 'the listener came up (a connect from B succeeded)', { up })) return
    t.notOk(cli.exited(), 'the CLI is running')

    // Every behaviour at once, from the LAN (B, directly) and from the internet (inet, through the forward).
    const runs = await Promise.all(
      (['b', 'inet'] as const).flatMap((host) =>
        BEHAVIOURS.map(async (b) => ({ host, b, r: await stranger<{ behaviour: string; connections: Conn[] }>(lab, host, ['tcp', b, TARGET[host]!, PORT]) })),
      ),
    )
    // The order of events: every attacker was closed by the listener, and after that the CLI
    // still ran and its listener still accepted: the closes came from the hello deadline and the
    // checks, not from the run ending.
    t.notOk(cli.exited(), 'every attacker was done while the CLI was still running')
    const still = await waitOpen(lab, 'b', 1)
    t.ok(still.open, 'the listener still accepts after every attacker was closed', { still })
    t.notOk(cli.exited(), 'the CLI still ran after that')

    let connections = 0
    for (const { host, b, r } of runs) {
      t.equal(r.connections.length, b === 'replay' ? 2 : 1, `${b} from ${host}: connections`)
      closedUnanswered(t, `${b} from ${host}`, r.connections)
      connections += r.connections.length
      if (b === 'slowloris') t.ok(r.connections[0]!.sent < HELLO_BYTES, `slowloris from ${host}: closed before its hello was complete (${r.connections[0]!.sent} bytes sent)`)
      if (b === 'replay') t.equal(r.connections[0]!.sent, r.connections[1]!.sent, `replay from ${host}: the same hello twice`)
    }

    const r = await cli.result
    const ctx = { stderr: r.stderr }
    t.equal(r.code, 1, 'exit code unchanged', ctx)
    t.equal(r.json?.verdict.cause, 'no-snat-or-filtered', 'verdict unchanged')
    t.equal(r.json?.tcp.outcome, 'timeout', 'our own probe still met silence')
    t.equal(r.json?.tcp.observedPeer, null, 'no stranger passed for our probe')
    // The waits-for-open from B (the first and the one after the attacks) are strangers too.
    t.equal(r.json?.tcp.strangers, connections + 2, 'tcp.strangers counts every stranger connection exactly once')
    t.match(r.json?.verdict.warnings.join('\n'), new RegExp(`${connections + 2} other connections or datagrams reached the listener`), 'a warning names them')
    await refusedAfterExit(t, lab)
  },
  'silent run: nothing, garbage, slowloris, forged and replayed hellos from the LAN and the internet',
)

labTest(
  t,
  'dnat-no-snat',
  async (t, lab) => {
    const cli = startCli(lab, [PORT, '--json', '--udp', ...ECHO, '--timeout', SILENT_TIMEOUT])
    t.ok(await waitSs(lab, ['-lun', `sport = :${PORT}`]), 'the UDP listener came up')
    const runs = await Promise.all(
      (['b', 'inet'] as const).flatMap((host) =>
        (['garbage', 'nonce', 'oversize'] as const).map(async (kind) => ({ host, kind, r: await stranger<UdpResult>(lab, host, ['udp', kind, TARGET[host]!, PORT, '5']) })),
      ),
    )
    t.notOk(cli.exited(), 'every datagram was sent, and waited on, while the CLI was still running')
    let sent = 0
    for (const { host, kind, r } of runs) {
      t.equal(r.sent, 5, `${kind} from ${host}: 5 datagrams sent`)
      t.equal(r.answers, 0, `${kind} from ${host}: never an answer`)
      t.same(r.errors, {}, `${kind} from ${host}: no ICMP error either: the port was open`)
      sent += r.sent
    }
    const r = await cli.result
    t.equal(r.code, 1, 'exit code unchanged', { stderr: r.stderr })
    t.equal(r.json?.verdict.cause, 'no-snat-or-filtered', 'verdict unchanged')
    t.equal(r.json?.udp.outcome, 'timeout', 'our own UDP probe met silence')
    t.equal(r.json?.udp.strangers, sent, 'udp.strangers counts every stranger datagram')
    const after = await stranger<UdpResult>(lab, 'b', ['udp', 'nonce', LAB.hostA, PORT, '1'])
    t.ok((after.errors['ECONNREFUSED'] ?? 0) > 0, 'after the exit the UDP port is closed (ICMP port unreachable)', { after })
  },
  'UDP: garbage and unknown nonces never get an answer',
)

labTest(
  t,
  'dnat-no-snat',
  async (t, lab) => {
    await lab.exec('inet', ['ip', '-batch', '-'], { input: INET_SOURCES.map((a) => `addr add ${a}/32 dev lo`).join('\n') + '\n' })
    const cli = startCli(lab, [PORT, '--json', ...ECHO, '--timeout', SILENT_TIMEOUT])
    const up = await waitOpen(lab)
    if (!t.ok(up.open, 'the listener came up', { up })) return

    // 300 at once from B (one source: the per-source cap evicts its oldest), 300 at once from
    // twelve internet addresses through the forward (more than the global cap can hold).
    const [lan, wan] = await Promise.all([
      stranger<FloodResult>(lab, 'b', ['flood', LAB.hostA, PORT, '300']),
      stranger<FloodResult>(lab, 'inet', ['flood', LAB.publicIp, PORT, '300', '--src', INET_SOURCES.join(',')]),
    ])
    t.notOk(cli.exited(), 'both floods were done while the CLI was still running')
    const still = await waitOpen(lab, 'b', 1)
    t.ok(still.open, 'the listener still accepts after the floods')
    t.notOk(cli.exited(), 'the CLI still ran after that')
    for (const [name, f] of [
      ['LAN flood', lan],
      ['internet flood', wan],
    ] as const) {
      t.equal(f.attempted, 300, `${name}: 300 connections`)
      t.equal(f.connected, 300, `${name}: every one connected`, { f })
      t.equal(f.bytesReceived, 0, `${name}: not a byte received`)
      t.equal(f.closedByPeer, 300, `${name}: the listener closed every one`, { f })
      t.equal(f.closedByUs, 0, `${name}: none outlived the listener's patience`)
    }

    const r = await cli.result
    t.equal(r.code, 1, 'exit code unchanged', { stderr: r.stderr })
    t.equal(r.json?.verdict.cause, 'no-snat-or-filtered', 'verdict unchanged')
    t.equal(r.json?.tcp.strangers, 600 + 2, 'tcp.strangers counts the floods and the two waits-for-open')
    await refusedAfterExit(t, lab)
  },
  'silent run: a flood of 600 connections at once',
)

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    await lab.exec('inet', ['ip', '-batch', '-'], { input: INET_SOURCES.map((a) => `addr add ${a}/32 dev lo`).join('\n') + '\n' })
    // Kept in flight before the CLI starts and all through its run: 200 from twelve internet
    // addresses through the forward and 100 from B, each replaced as soon as it is closed.
    const floods = await Promise.all([
      lab.spawnBackground('inet', [process.execPath, STRANGER, 'flood', LAB.publicIp, PORT, '200', '--src', INET_SOURCES.join(','), '--until-eof']),
      lab.spawnBackground('b', [process.execPath, STRANGER, 'flood', LAB.hostA, PORT, '100', '--until-eof']),
    ])
    const outputs = floods.map((child) => {
      let out = ''
      child.stdout?.on('data', (d) => (out += d))
      const exited = new Promise<void>((res) => child.once('exit', () => res()))
      return async (): Promise<FloodResult> => {
        // spawnBackground unrefs the child and its pipes: hold the event loop while we wait for its report.
        child.ref()
        ;(child.stdout as unknown as { ref?: () => void } | null)?.ref?.()
        child.stdin?.end() // EOF: stop and report
        await exited
        return JSON.parse(out) as FloodResult
      }
    })
    const r = await runCli(lab, 'a', [PORT, '--json', ...ECHO, '--timeout', '4000'], { timeoutMs: CLI_KILL_MS })
    const [wan, lan] = await Promise.all(outputs.map((stop) => stop()))
    t.equal(r.code, 0, 'exit code: hairpin works under the flood', { stderr: r.stderr, tcp: r.json?.tcp })
    t.equal(r.json?.verdict.cause, 'hairpin-ok-gateway-source', 'verdict unchanged: our probe got a slot')
    t.equal(r.json?.tcp.outcome, 'ok')
    t.equal(r.json?.tcp.observedPeer, LAB.gateway, 'the proof names the gateway, not a flooder')
    t.ok(r.json?.tcp.strangers > 0, `the flood reached the listener (${r.json?.tcp.strangers} strangers)`)
    for (const [name, f] of [
      ['internet flood', wan!],
      ['LAN flood', lan!],
    ] as const) {
      t.ok(f.connected > 0, `${name}: connected while the listener ran (${f.connected} of ${f.attempted})`, { f })
      t.equal(f.bytesReceived, 0, `${name}: not a byte received`)
      t.equal(f.closedByUs, 0, `${name}: every connection that ended before the stop was closed by the listener`, { f })
    }
    await refusedAfterExit(t, lab)
  },
  'working setup under a flood kept in flight: the verdict stays',
)
