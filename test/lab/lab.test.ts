// Checks the namespace lab itself, without the CLI: echo services, each router setup's raw TCP and UDP behaviour, DNS, IPv6, CGNAT and double NAT, miniupnpd, cleanup.
import t, { type Test } from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import {
  buildLab,
  CLI_PATH,
  DAEMONS,
  LAB,
  LAB_NAMES,
  labDnsRecords,
  labUnavailableReason,
  pidAlive,
  routerWanFor,
  SETUPS,
  sweepStaleLabs,
  UPSTREAM_SETUPS,
  WITHOUT_RUNNER_HOOKS,
  type Lab,
  type LabHost,
  type LabOptions,
  type LabSetupName,
  type SetupName,
} from './lab.js'
import { LAB_JOBS, labSkip, SharedLabs, sharedLabTest } from './tap-lab.js'

const { rawProbe: RAW_PROBE, udpProbe: UDP_PROBE, natpmpQuery: NATPMP_QUERY, ssdpQuery: SSDP_QUERY } = DAEMONS

// Most of this file waits: on connect and UDP timeouts, on miniupnpd's STUN test, on child
// processes. Subtests own their labs (or share one through `sharedLabs`), so several run at once;
// twice as many as a file that runs the CLI (LAB_JOBS), since no budget here counts from a
// process start: the raw probes' timers start once their socket is open.
t.jobs = 2 * LAB_JOBS
/** The labs the echo, raw TCP and raw UDP checks share: none of them changes its lab. */
const sharedLabs = new SharedLabs(t)

// Connect timeout for the raw checks: the silent setup must time out, the others answer in milliseconds.
const RAW_TIMEOUT_MS = 1500
// The same for UDP: how long a client waits (resending) before it calls the setup silent.
const UDP_TIMEOUT_MS = 1500
// How long the interrupted child process may take to build its lab and say so.
const CHILD_READY_MS = 20_000
// Cap for a DNS lookup one-liner: the lab DNS answers in milliseconds; glibc gives up after 1 s (resolv.conf).
const LOOKUP_KILL_MS = 10_000

/** Where `ip netns exec` looks for a namespace's resolver files. */
const etcNetns = (ns: string) => `/etc/netns/${ns}`

function namespaces(): string[] {
  const r = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' })
  return (r.stdout ?? '').split('\n').map((l) => l.split(' ')[0] ?? '').filter(Boolean)
}

const alive = pidAlive

/** Asks both echo services (the IPv4 ones unless `urls` says otherwise) from a host, with a node one-liner (no curl in the lab). */
async function askEcho(lab: Lab, host: LabHost, urls: string[] = LAB.echoUrls): Promise<{ text: string; json: unknown }> {
  const code = `
    const [u1, u2] = process.argv.slice(1)
    const text = await (await fetch(u1)).text()
    const json = await (await fetch(u2)).json()
    console.log(JSON.stringify({ text, json }))`
  const r = await lab.exec(host, [process.execPath, '--input-type=module', '-e', code, ...urls], { timeoutMs: 10_000 })
  if (r.code !== 0) throw new Error(`echo query from ${host} failed: ${r.stderr}`)
  return JSON.parse(r.stdout)
}

/**
 * Like tap-lab's labTest, for a lab built with options: skipped with the reason when the lab
 * (or what the options need, e.g. dnsmasq) is missing here; destroyed in the subtest's teardown.
 */
function optionsLabTest(t: Test, name: string, setup: LabSetupName, opts: LabOptions, fn: (t: Test, lab: Lab) => unknown) {
  const reason = labUnavailableReason(opts)
  return t.test(name, reason ? { skip: reason } : {}, async (st) => {
    const lab = await buildLab(setup, opts)
    st.teardown(() => lab.destroy())
    await fn(st, lab)
  })
}

t.test('echo services see the router public IP from both LAN hosts', labSkip(), async (t) => {
  await sharedLabTest(t, sharedLabs, 'reflect-masq', async (t, lab) => {
    for (const host of ['a', 'b'] as const) {
      const got = await askEcho(lab, host)
      t.equal(got.text, `${LAB.publicIp}\n`, `${host}: /ip is plain text`)
      t.same(got.json, { ip: LAB.publicIp }, `${host}: /json`)
    }
    // Without opts.dns nothing is bind-mounted over /etc: the hosts keep the machine's resolver files.
    t.same(Object.values(lab.names).filter((n) => existsSync(etcNetns(n))), [], 'no /etc/netns override without opts.dns')
  })
})

/** What raw-probe's client sees connecting to the public IP:port, with raw-probe's listener on host A. */
interface RawExpect {
  outcome: string
  peer: string | null
}
const RAW: Record<SetupName, RawExpect> = {
  'reflect-masq': { outcome: 'ok', peer: LAB.gateway },
  'wan-only': { outcome: 'refused', peer: null },
  'dnat-no-snat': { outcome: 'timeout', peer: null },
  'snat-public': { outcome: 'ok', peer: LAB.publicIp },
  'router-service': { outcome: 'wrong-service', peer: null },
  'reject-unreachable': { outcome: 'unreachable', peer: null },
}

t.test('each router setup behaves as designed (raw sockets, from A and from B)', labSkip(), async (t) => {
  t.jobs = SETUPS.length // one lab each
  for (const setup of SETUPS) {
    void sharedLabTest(t, sharedLabs, setup, async (t, lab) => {
      await lab.spawnBackground('a', [process.execPath, RAW_PROBE, 'listen', String(LAB.port)], { waitFor: 'listening' })
      const connect = (host: LabHost) =>
        lab.exec(host, [process.execPath, RAW_PROBE, 'connect', LAB.publicIp, String(LAB.port), String(RAW_TIMEOUT_MS)])
      const results = await Promise.all([connect('a'), connect('b')])
      for (const [i, host] of (['a', 'b'] as const).entries()) {
        const r = JSON.parse(results[i]!.stdout)
        t.equal(r.outcome, RAW[setup].outcome, `${host}: outcome`)
        t.equal(r.peer, RAW[setup].peer, `${host}: peer seen by the listener`)
        if (setup === 'router-service') t.match(r.answer, /^HTTP\/1\.1 400 Bad Request/, `${host}: the router's page`)
      }
      // The LAN itself is fine in every setup: B reaches A directly and A sees B.
      const direct = JSON.parse(
        (await lab.exec('b', [process.execPath, RAW_PROBE, 'connect', LAB.hostA, String(LAB.port), String(RAW_TIMEOUT_MS)])).stdout,
      )
      t.same([direct.outcome, direct.peer], ['ok', LAB.hostB], 'B to A directly')
    })
  }
})

/**
 * One UDP check: udp-probe's client on `host` sends to the public IP:port (resending) with a
 * connected socket (sees ICMP errors, filters answers from other addresses) or an unconnected
 * one (sees an answer from any address), with udp-probe's listener on host A.
 */
interface UdpCase {
  host: 'a' | 'b'
  socket: 'connected' | 'unconnected'
  outcome: 'ok' | 'direct' | 'refused' | 'unreachable' | 'timeout'
  /** Where the answer came from (`addr:port`), null without one. */
  from: string | null
  /** The client address the listener saw, as it wrote back; null without an answer. */
  peer: string | null
}
const viaPublic = `${LAB.publicIp}:${LAB.port}`
const both = (socket: UdpCase['socket'], r: Omit<UdpCase, 'host' | 'socket'>): UdpCase[] => [
  { host: 'a', socket, ...r },
  { host: 'b', socket, ...r },
]
const silence = { outcome: 'timeout', from: null, peer: null } as const
// Unconnected sockets only where no ICMP error is expected: they cannot see one, so they would
// only wait out the timeout (and their resends would eat the router's ICMP rate limit).
const UDP: Record<SetupName, UdpCase[]> = {
  'reflect-masq': [
    ...both('connected', { outcome: 'ok', from: viaPublic, peer: LAB.gateway }),
    ...both('unconnected', { outcome: 'ok', from: viaPublic, peer: LAB.gateway }),
  ],
  'wan-only': both('connected', { outcome: 'refused', from: null, peer: null }),
  'dnat-no-snat': [
    // Same host: the reflected datagram carries a's own address as its source, a martian.
    { host: 'a', socket: 'connected', ...silence },
    { host: 'a', socket: 'unconnected', ...silence },
    // Second host: the server gets b's LAN address and answers b directly, from its own LAN
    // address. A connected socket drops that answer (silence); an unconnected one shows it.
    { host: 'b', socket: 'connected', ...silence },
    { host: 'b', socket: 'unconnected', outcome: 'direct', from: `${LAB.hostA}:${LAB.port}`, peer: LAB.hostB },
  ],
  'snat-public': [
    ...both('connected', { outcome: 'ok', from: viaPublic, peer: LAB.publicIp }),
    ...both('unconnected', { outcome: 'ok', from: viaPublic, peer: LAB.publicIp }),
  ],
  // The router's own service is TCP only: a datagram to it gets ICMP port unreachable.
  'router-service': both('connected', { outcome: 'refused', from: null, peer: null }),
  'reject-unreachable': both('connected', { outcome: 'unreachable', from: null, peer: null }),
}

t.test('each router setup forwards UDP like TCP (raw datagrams, from A and from B)', labSkip(), async (t) => {
  t.jobs = SETUPS.length // one lab each (the raw TCP check's: the listeners differ in protocol, and uses of a lab take turns)
  for (const setup of SETUPS) {
    void sharedLabTest(t, sharedLabs, setup, async (t, lab) => {
      await lab.spawnBackground('a', [process.execPath, UDP_PROBE, 'listen', String(LAB.port)], { waitFor: 'listening' })
      const results = await Promise.all(
        UDP[setup].map((c) =>
          lab.exec(c.host, [process.execPath, UDP_PROBE, 'send', LAB.publicIp, String(LAB.port), String(UDP_TIMEOUT_MS), c.socket]),
        ),
      )
      for (const [i, c] of UDP[setup].entries()) {
        const raw = results[i]!
        const r = JSON.parse(raw.stdout || 'null') ?? { stderr: raw.stderr }
        t.same({ outcome: r.outcome, from: r.from, peer: r.peer }, { outcome: c.outcome, from: c.from, peer: c.peer }, `${c.host}, ${c.socket} socket`, {
          got: r,
        })
      }
    })
  }
})

/** Resolves names inside a host through the system resolver (getaddrinfo, as node's dns.lookup does). */
async function lookup(lab: Lab, host: LabHost, names: string[]): Promise<Record<string, { addresses: string[] | null; code: string | null; ms: number }>> {
  const code = `
    import { lookup } from 'node:dns/promises'
    const out = {}
    for (const name of process.argv.slice(1)) {
      const t0 = performance.now()
      try {
        const addrs = await lookup(name, { all: true })
        out[name] = { addresses: addrs.map((a) => a.address).sort(), code: null, ms: performance.now() - t0 }
      } catch (err) {
        out[name] = { addresses: null, code: err.code, ms: performance.now() - t0 }
      }
    }
    console.log(JSON.stringify(out))`
  const r = await lab.exec(host, [process.execPath, '--input-type=module', '-e', code, ...names], { timeoutMs: LOOKUP_KILL_MS })
  if (r.code !== 0) throw new Error(`lookup in ${host} failed (${r.code ?? 'killed'}): ${r.stderr}`)
  return JSON.parse(r.stdout)
}

/** Checks every lab name from both LAN hosts against what the lab DNS should answer for these options. */
async function checkNames(t: Test, lab: Lab, opts: LabOptions): Promise<void> {
  const expected = labDnsRecords(opts)
  for (const host of ['a', 'b'] as const) {
    const got = await lookup(lab, host, Object.values(LAB_NAMES))
    for (const [name, rec] of Object.entries(expected)) {
      const g = got[name]!
      if (rec) t.same(g.addresses, [...rec.a, ...rec.aaaa].sort(), `${host}: ${name}`, { got: g })
      // ENOTFOUND is NXDOMAIN; a resolver that is not there or does not answer gives EAI_AGAIN.
      else t.equal(g.code, 'ENOTFOUND', `${host}: ${name} is NXDOMAIN`, { got: g })
    }
  }
}

optionsLabTest(t, 'DNS: the router answers the public IP for hairpin.lab (system resolver in a and b)', 'reflect-masq', { dns: 'public' }, async (t, lab) => {
  await checkNames(t, lab, { dns: 'public' })
  t.same((await lookup(lab, 'a', [LAB_NAMES.public]))[LAB_NAMES.public]?.addresses, [LAB.publicIp], 'hairpin.lab is the public IP')
  // A name outside .lab: dnsmasq has no upstream and refuses at once, so nothing stalls.
  const outside = (await lookup(lab, 'b', ['example.com']))['example.com']!
  t.equal(outside.code, 'EAI_AGAIN', 'a name outside .lab fails (REFUSED), without a resolver timeout', { got: outside })
  const getent = await lab.exec('a', ['getent', 'hosts', LAB_NAMES.public])
  t.match(getent.stdout, new RegExp(`^${LAB.publicIp.replaceAll('.', '\\.')}\\s+hairpin\\.lab\n$`), 'getent hosts (glibc NSS) agrees')
  const resolv = await lab.exec('a', ['cat', '/etc/resolv.conf'])
  t.match(resolv.stdout, new RegExp(`^nameserver ${LAB.gateway.replaceAll('.', '\\.')}$`, 'm'), 'resolv.conf inside a names the router')
  const nss = await lab.exec('b', ['cat', '/etc/nsswitch.conf'])
  t.match(nss.stdout, /^hosts:\s+files dns$/m, 'nsswitch.conf inside b: hosts from files, then DNS')
  t.notOk(existsSync(etcNetns(lab.names.router)) || existsSync(etcNetns(lab.names.inet)), 'only a and b get resolver files')
  const files = [etcNetns(lab.names.a), etcNetns(lab.names.b)]
  t.same(files.filter((f) => existsSync(f)), files, '/etc/netns/<ns> exists while the lab runs')
  await lab.destroy()
  t.same(files.filter((f) => existsSync(f)), [], '/etc/netns/<ns> is gone after destroy')
})

optionsLabTest(t, 'DNS: split horizon answers the LAN address; v6.lab has an AAAA in a dual-stack lab', 'wan-only', { dns: 'split', ipv6: true }, async (t, lab) => {
  await checkNames(t, lab, { dns: 'split', ipv6: true })
  t.same((await lookup(lab, 'b', [LAB_NAMES.public]))[LAB_NAMES.public]?.addresses, [LAB.hostA], 'hairpin.lab is the server LAN address')
  t.same((await lookup(lab, 'a', [LAB_NAMES.v6]))[LAB_NAMES.v6]?.addresses, [LAB.publicIp, LAB.ipv6.hostA].sort(), 'v6.lab: A and AAAA')
})

optionsLabTest(t, 'IPv6: dual stack, routed without NAT', 'reflect-masq', { ipv6: true }, async (t, lab) => {
  const v6 = await askEcho(lab, 'a', LAB.ipv6.echoUrls)
  t.equal(v6.text, `${LAB.ipv6.hostA}\n`, 'the echo service sees a by its own IPv6 address (no NAT)')
  t.same(v6.json, { ip: LAB.ipv6.hostA }, '/json over IPv6')
  t.same((await askEcho(lab, 'b')).json, { ip: LAB.publicIp }, 'IPv4 still goes through the NAT')
  // b reaches a over IPv6 on the forwarded port: TCP and UDP listeners on a, both dual stack.
  const tcpListener = `require('node:net').createServer((s) => s.end('PEER ' + s.remoteAddress + '\\n')).listen(${LAB.port}, '::', () => console.log('listening'))`
  await lab.spawnBackground('a', [process.execPath, '-e', tcpListener], { waitFor: 'listening' })
  await lab.spawnBackground('a', [process.execPath, UDP_PROBE, 'listen', String(LAB.port), '::'], { waitFor: 'listening' })
  const tcpClient = `const s = require('node:net').connect(${LAB.port}, process.argv[1]); s.setTimeout(${RAW_TIMEOUT_MS}, () => { console.log('timeout'); s.destroy() }); s.on('data', (d) => process.stdout.write(d)); s.on('error', (e) => console.log(e.code))`
  const tcp = await lab.exec('b', [process.execPath, '-e', tcpClient, LAB.ipv6.hostA])
  t.equal(tcp.stdout, `PEER ${LAB.ipv6.hostB}\n`, 'TCP from b to [a]:8443, and a sees b by its IPv6 address')
  const udp = JSON.parse((await lab.exec('b', [process.execPath, UDP_PROBE, 'send', LAB.ipv6.hostA, String(LAB.port), String(UDP_TIMEOUT_MS), 'connected'])).stdout)
  t.same([udp.outcome, udp.peer], ['ok', LAB.ipv6.hostB], 'UDP from b to [a]:8443')
  const addrs = await lab.exec('a', ['ip', '-6', 'addr', 'show', 'dev', 'eth0'])
  t.notMatch(addrs.stdout, /tentative/, 'no address waits for DAD')
})

t.test('destroy removes the namespaces and kills what the lab started', labSkip(), async (t) => {
  const lab = await buildLab('router-service')
  t.teardown(() => lab.destroy())
  const names = Object.values(lab.names)
  t.same(names.filter((n) => namespaces().includes(n)).sort(), [...names].sort(), 'all four namespaces exist')
  const listener = await lab.spawnBackground('a', [process.execPath, RAW_PROBE, 'listen', String(LAB.port)], { waitFor: 'listening' })
  const pids = names.flatMap((n) => spawnSync('ip', ['netns', 'pids', n], { encoding: 'utf8' }).stdout.split(/\s+/).filter(Boolean).map(Number))
  t.ok(pids.length >= 3, 'echo server, router service and listener run inside the lab')
  t.ok(pids.includes(listener.pid!), 'spawnBackground keeps the real pid (ip netns exec execs)')
  await lab.destroy()
  t.same(names.filter((n) => namespaces().includes(n)), [], 'namespaces gone')
  t.same(pids.filter(alive), [], 'processes gone')
  await lab.destroy() // idempotent
})

t.test('concurrent builds get unique names and independent networks', labSkip(), async (t) => {
  const labs = await Promise.all([buildLab('wan-only'), buildLab('snat-public'), buildLab('wan-only')])
  for (const lab of labs) t.teardown(() => lab.destroy())
  const all = labs.flatMap((l) => Object.values(l.names))
  t.equal(new Set(all).size, all.length, 'no name shared')
  for (const lab of labs) t.same((await askEcho(lab, 'a')).json, { ip: LAB.publicIp }, `${lab.names.a}: echo works`)
})

/**
 * buildLab as one plain JavaScript module, for the child processes below: the test runner's
 * TypeScript loader takes seconds of CPU to load the lab in each child, esbuild bundles it once in
 * a fraction of one. The bundle lives in node_modules/.cache inside the repository, so it finds
 * the repository root (the daemon scripts) as the lab's own modules do; its name carries our pid
 * (concurrent runs), and it is removed when this file's tests end.
 */
let labBundle: Promise<string> | undefined
function labChildModule(): Promise<string> {
  labBundle ??= (async () => {
    const dir = resolve(dirname(dirname(CLI_PATH)), 'node_modules', '.cache', 'hairpin-check')
    const outfile = resolve(dir, `lab-child-${process.pid}.mjs`)
    mkdirSync(dir, { recursive: true })
    t.teardown(() => rmSync(outfile, { force: true }))
    const entry = fileURLToPath(new URL('./support/build.ts', import.meta.url))
    await build({ entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20.19', logLevel: 'warning' })
    return outfile
  })()
  return labBundle
}

/** Starts a child process that builds a lab, then waits; resolves with its names and temp dir, and a way to await its exit. */
async function childWithLab(opts: LabOptions = {}, setup: LabSetupName = 'reflect-masq') {
  const code = `
    import { buildLab } from ${JSON.stringify(await labChildModule())}
    const lab = await buildLab(${JSON.stringify(setup)}, ${JSON.stringify(opts)})
    console.log(JSON.stringify({ names: lab.names, upnpDir: lab.upnpDir }))
    setInterval(() => {}, 1000)`
  const [env, ...envArgs] = WITHOUT_RUNNER_HOOKS
  const child = spawn(env!, [...envArgs, process.execPath, '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] })
  let err = ''
  child.stderr.on('data', (d) => (err += d))
  const exited = new Promise<{ code: number | null; signal: string | null }>((res) => child.on('exit', (code, signal) => res({ code, signal })))
  const ready = new Promise<{ names: Record<string, string>; upnpDir: string | null }>((res, rej) => {
    let out = ''
    const timer = setTimeout(() => rej(new Error(`child not ready: ${err}`)), CHILD_READY_MS)
    child.stdout.on('data', (d) => {
      out += d
      if (out.includes('\n')) {
        clearTimeout(timer)
        res(JSON.parse(out))
      }
    })
    child.on('exit', () => rej(new Error(`child exited early: ${err}`)))
  })
  return { child, ready, exited }
}

/** Pids of every process inside the given namespaces. */
const pidsIn = (names: string[]) =>
  names.flatMap((n) => spawnSync('ip', ['netns', 'pids', n], { encoding: 'utf8' }).stdout.split(/\s+/).filter(Boolean).map(Number))

// SIGINT on the plain lab; SIGTERM on one with everything (dnsmasq, /etc/netns files, IPv6), and
// on a CGNAT lab with miniupnpd (a fifth namespace, a temp dir).
const SIGNAL_CASES = [
  { sig: 'SIGINT', setup: 'reflect-masq', opts: {} },
  { sig: 'SIGTERM', setup: 'reflect-masq', opts: { dns: 'public', ipv6: true } },
  { sig: 'SIGTERM', setup: 'cgnat', opts: { upnp: true } },
] as const satisfies readonly { sig: NodeJS.Signals; setup: LabSetupName; opts: LabOptions }[]

// A child's first build sweeps the labs of dead processes, and so do the SIGKILL checks: these
// run one after another (subtests of this one), never beside each other, so no sweep takes
// another check's leftovers before it looked at them.
t.test('a process holding a lab: signals tear it down, SIGKILL leaves it for the sweep', labSkip(), async (t) => {
  for (const { sig, setup, opts } of SIGNAL_CASES) {
    const reason = labUnavailableReason(opts)
    t.test(`${sig} to a process holding a ${setup} lab ${JSON.stringify(opts)} tears it down`, reason ? { skip: reason } : {}, async (t) => {
      const { child, ready, exited } = await childWithLab(opts, setup)
      t.teardown(() => void child.kill('SIGKILL'))
      const built = await ready
      const names = Object.values(built.names)
      t.equal(names.length, setup === 'reflect-masq' ? 4 : 5, 'every namespace of the setup')
      const pids = pidsIn(names)
      t.ok(pids.length > 0, 'the echo server runs in the lab')
      const upnpPid = built.upnpDir ? Number(readFileSync(`${built.upnpDir}/miniupnpd.pid`, 'utf8')) : null
      if (built.upnpDir) t.ok(upnpPid !== null && pids.includes(upnpPid), "miniupnpd runs in the lab (its pid file is in the lab's temp dir)")
      child.kill(sig)
      const how = await exited
      t.equal(how.signal, sig, 'the process still dies by the signal')
      t.same(names.filter((n) => namespaces().includes(n)), [], 'namespaces gone')
      t.same(pids.filter(alive), [], 'lab processes gone')
      t.same(names.filter((n) => existsSync(etcNetns(n))), [], 'no /etc/netns files left')
      if (built.upnpDir) t.notOk(existsSync(built.upnpDir), "miniupnpd's temp dir (config, pid, leases) gone")
    })
  }

  const killOpts: LabOptions = { dns: 'public' }
  const killReason = labUnavailableReason(killOpts)
  t.test('SIGKILL leaves a lab behind; servers exit on their own and the next run sweeps it', killReason ? { skip: killReason } : {}, async (t) => {
    const { child, ready, exited } = await childWithLab(killOpts)
    t.teardown(() => void child.kill('SIGKILL'))
    const names = Object.values((await ready).names)
    const pids = pidsIn(names)
    t.ok(pids.length >= 2, 'echo server and dnsmasq run in the lab')
    child.kill('SIGKILL')
    await exited
    t.same(names.filter((n) => namespaces().includes(n)).sort(), [...names].sort(), 'namespaces left behind')
    t.equal(names.filter((n) => existsSync(etcNetns(n))).length, 2, "a's and b's /etc/netns files left behind")
    // Node servers watch their stdin: EOF from the dead parent ends them; dnsmasq gets SIGTERM (parent-death signal).
    for (let i = 0; i < 50 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 50))
    t.same(pids.filter(alive), [], 'servers exited with their parent')
    const swept = sweepStaleLabs()
    t.same(swept.filter((n) => names.includes(n)).sort(), [...names].sort(), 'sweep removes the dead process lab')
    t.same(names.filter((n) => namespaces().includes(n)), [], 'namespaces gone')
    t.same(names.filter((n) => existsSync(etcNetns(n))), [], '/etc/netns files gone')
  })

  const upnpKillOpts: LabOptions = { upnp: true }
  const upnpKillReason = labUnavailableReason(upnpKillOpts)
  t.test('SIGKILL with miniupnpd: it exits with its parent; the sweep removes its temp dir and all five namespaces', upnpKillReason ? { skip: upnpKillReason } : {}, async (t) => {
    const { child, ready, exited } = await childWithLab(upnpKillOpts, 'double-nat')
    t.teardown(() => void child.kill('SIGKILL'))
    const { names: byHost, upnpDir } = await ready
    const names = Object.values(byHost)
    t.ok(byHost['outer'], 'the outer router namespace exists')
    const upnpPid = Number(readFileSync(`${upnpDir}/miniupnpd.pid`, 'utf8'))
    t.ok(pidAlive(upnpPid), 'miniupnpd runs')
    const pids = pidsIn(names)
    child.kill('SIGKILL')
    await exited
    // The parent-death signal (setpriv --pdeathsig TERM): miniupnpd exits cleanly, removing its pid file.
    for (let i = 0; i < 50 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 50))
    t.same(pids.filter(alive), [], 'miniupnpd and the echo server exited with their parent')
    t.ok(existsSync(upnpDir!), 'the temp dir is left behind')
    const swept = sweepStaleLabs()
    const dirName = upnpDir!.split('/').pop()!
    t.same(swept.filter((n) => names.includes(n) || n === dirName).sort(), [...names, dirName].sort(), 'sweep names the namespaces and the temp dir')
    t.same(names.filter((n) => namespaces().includes(n)), [], 'namespaces gone')
    t.notOk(existsSync(upnpDir!), 'temp dir gone')
  })
})

// ---------------------------------------------------------------------------------------------
// CGNAT and double NAT

/** What each upstream setup does for inside clients (TCP connect, with raw-probe's listener on host A). */
t.test('upstream setups: echo services see the public IP, the router reflects only its own WAN address', labSkip(), async (t) => {
  await t.rejects(buildLab('cgnat', { ipv6: true }), /cgnat does not support ipv6/, 'no IPv6 plumbing through the upstream box')
  t.jobs = UPSTREAM_SETUPS.length // one lab each
  for (const setup of UPSTREAM_SETUPS) {
    void t.test(setup, async (t) => {
      const lab = await buildLab(setup)
      t.teardown(() => lab.destroy())
      const extra = setup === 'cgnat' ? 'isp' : 'outer'
      t.ok(lab.names[extra] && namespaces().includes(lab.names[extra]), `the ${extra} namespace exists`)
      const wan = routerWanFor(setup)
      const addrs = await lab.exec('router', ['ip', '-4', '-o', 'addr', 'show', 'dev', 'wan'])
      t.match(addrs.stdout, ` ${wan}/24 `, `router WAN is ${wan}`)
      const echoes = await Promise.all([askEcho(lab, 'a'), askEcho(lab, 'b')])
      for (const [i, host] of (['a', 'b'] as const).entries()) t.same(echoes[i]!.json, { ip: LAB.publicIp }, `${host}: echo services see the public IP`)
      await lab.spawnBackground('a', [process.execPath, RAW_PROBE, 'listen', String(LAB.port)], { waitFor: 'listening' })
      await lab.spawnBackground('a', [process.execPath, UDP_PROBE, 'listen', String(LAB.port)], { waitFor: 'listening' })
      const tcp = async (host: LabHost, ip: string) =>
        pick(JSON.parse((await lab.exec(host, [process.execPath, RAW_PROBE, 'connect', ip, String(LAB.port), String(RAW_TIMEOUT_MS)])).stdout))
      const udp = async (host: LabHost, ip: string) =>
        pick(JSON.parse((await lab.exec(host, [process.execPath, UDP_PROBE, 'send', ip, String(LAB.port), String(UDP_TIMEOUT_MS), 'connected'])).stdout))
      const refused = { outcome: 'refused', peer: null }
      const hairpinned = { outcome: 'ok', peer: LAB.gateway }
      // The upstream box has no forward: the public IP is its own address, and its own stack refuses
      // (TCP reset, ICMP port unreachable). The router reflects its own WAN address, with masquerade.
      const cases = (['a', 'b'] as const).flatMap((host) => [
        { what: `${host}: TCP to the public IP is refused by the ${extra}`, run: () => tcp(host, LAB.publicIp), want: refused },
        { what: `${host}: TCP to the router WAN address hairpins`, run: () => tcp(host, wan), want: hairpinned },
        { what: `${host}: UDP to the public IP: port unreachable`, run: () => udp(host, LAB.publicIp), want: refused },
        { what: `${host}: UDP to the router WAN address hairpins`, run: () => udp(host, wan), want: hairpinned },
      ])
      // From the internet side nothing gets in either.
      cases.push({ what: 'inet: the public IP:port is closed', run: () => tcp('inet', LAB.publicIp), want: refused })
      const got = await Promise.all(cases.map((c) => c.run()))
      for (const [i, c] of cases.entries()) t.same(got[i], c.want, c.what)
      await lab.destroy()
      t.notOk(namespaces().includes(lab.names[extra]!), `the ${extra} namespace is torn down with the lab`)
    })
  }
})

/** The outcome and listener-side peer of a raw-probe or udp-probe result. */
function pick(r: { outcome: string; peer: string | null }): { outcome: string; peer: string | null } {
  return { outcome: r.outcome, peer: r.peer }
}

// ---------------------------------------------------------------------------------------------
// miniupnpd on the router

/** Runs one of the query scripts in host A; its one JSON line. */
async function queryFromA(lab: Lab, argv: string[]): Promise<any> {
  const r = await lab.exec('a', [process.execPath, ...argv], { timeoutMs: 15_000 })
  if (r.code !== 0) throw new Error(`${argv.join(' ')} failed (${r.code ?? 'killed'}): ${r.stderr}`)
  return JSON.parse(r.stdout)
}

/** What miniupnpd 2.3.1 answers in one setup (seen, not specified: recorded here so a change shows). */
interface GatewayCase {
  setup: LabSetupName
  upnp: true | 'stun'
  /** NAT-PMP external address response: result code and the address bytes, as sent. */
  natpmp: { result: number; address: string }
  /** UPnP GetExternalIPAddress: NewExternalIPAddress. */
  externalIp: string
  /** NAT-PMP TCP mapping request (9000 to host A, 60 s): result code. */
  mapResult: number
}
const NO_PUBLIC = { natpmp: { result: 3, address: '0.0.0.0' }, externalIp: '', mapResult: 3 } as const
const GATEWAY_CASES: GatewayCase[] = [
  // Every lab WAN address is reserved (documentation, shared, private): miniupnpd reports none.
  { setup: 'reflect-masq', upnp: true, ...NO_PUBLIC },
  { setup: 'cgnat', upnp: true, ...NO_PUBLIC },
  { setup: 'double-nat', upnp: true, ...NO_PUBLIC },
  // STUN straight from the WAN: all four answers back unchanged, so it reports 203.0.113.7 and maps.
  { setup: 'reflect-masq', upnp: 'stun', natpmp: { result: 0, address: LAB.publicIp }, externalIp: LAB.publicIp, mapResult: 0 },
  // STUN behind the CGN: it learns 203.0.113.7 and reports it, yet refuses mappings (restrictive NAT).
  { setup: 'cgnat', upnp: 'stun', natpmp: { result: 0, address: LAB.publicIp }, externalIp: LAB.publicIp, mapResult: 3 },
]
/** The unused port the mapping checks ask for. */
const MAP_PORT = 9000
/** NAT-PMP lifetime asked for: long enough for the test, short enough to expire on its own. */
const MAP_LIFETIME_S = 60

const hex = (...bytes: number[]) => Buffer.from(bytes).toString('hex')
const ipHex = (ip: string) => hex(...ip.split('.').map(Number))

/** NAT-PMP's external address answer and PCP's ANNOUNCE, asked from host a. */
async function checkNatpmpPcp(t: Test, lab: Lab, c: GatewayCase): Promise<void> {
  const natpmp = await queryFromA(lab, [NATPMP_QUERY, 'natpmp', LAB.gateway])
  t.equal(natpmp.from, `${LAB.gateway}:${LAB.upnp.natpmpPort}`, 'NAT-PMP answer from the gateway')
  // Version 0, opcode 128, result (16 bits), epoch (32 bits: seconds since start, varies), address.
  t.equal(natpmp.answer.length, 24, 'NAT-PMP: 12-byte answer')
  t.equal(natpmp.answer.slice(0, 8), hex(0, 128, 0, c.natpmp.result), `NAT-PMP: version 0, opcode 128, result ${c.natpmp.result}`, { got: natpmp })
  t.equal(natpmp.answer.slice(16), ipHex(c.natpmp.address), `NAT-PMP: external address ${c.natpmp.address}`, { got: natpmp })

  const pcp = await queryFromA(lab, [NATPMP_QUERY, 'pcp', LAB.gateway, LAB.hostA])
  // Version 2, R + opcode 0 (128), reserved, result 0 (SUCCESS), lifetime 0, epoch (varies), 12 reserved bytes.
  t.equal(pcp.answer.length, 48, 'PCP ANNOUNCE: 24-byte answer')
  t.equal(pcp.answer.slice(0, 16), hex(2, 128, 0, 0, 0, 0, 0, 0), 'PCP ANNOUNCE: version 2, opcode 128, SUCCESS, lifetime 0', { got: pcp })
  t.equal(pcp.answer.slice(24), '00'.repeat(12), 'PCP ANNOUNCE: reserved bytes zero')
}

/** SSDP, the device description and the WANIPConnection actions, asked from host a. */
async function checkIgd(t: Test, lab: Lab, c: GatewayCase): Promise<void> {
  const igd = await queryFromA(lab, [SSDP_QUERY, LAB.hostA])
  t.equal(igd.ssdp?.from, `${LAB.gateway}:1900`, 'SSDP answer from the gateway')
  t.match(
    igd.ssdp?.headers,
    {
      st: 'urn:schemas-upnp-org:device:InternetGatewayDevice:1',
      usn: `uuid:${LAB.upnp.uuid}::urn:schemas-upnp-org:device:InternetGatewayDevice:1`,
      location: LAB.upnp.rootDescUrl,
      server: /UPnP\/1\.1 MiniUPnPd\/2\.3\.1$/,
    },
    'SSDP: search target, USN, LOCATION, SERVER',
  )
  t.match(
    igd.description,
    {
      status: 200,
      friendlyName: LAB.upnp.friendlyName,
      manufacturer: LAB.upnp.manufacturer,
      modelName: LAB.upnp.modelName,
      modelNumber: LAB.upnp.modelNumber,
      serialNumber: LAB.upnp.serialNumber,
      UDN: `uuid:${LAB.upnp.uuid}`,
      // Answers a search for IGD:1 with an IGDv2 description (built with IGD_V2).
      deviceType: 'urn:schemas-upnp-org:device:InternetGatewayDevice:2',
    },
    'device description: the configured identity',
  )
  t.equal(igd.controlUrl, LAB.upnp.controlUrl, 'WANIPConnection:2 control URL')
  t.same(igd.soap.GetExternalIPAddress, { status: 200, fields: { NewExternalIPAddress: c.externalIp }, fault: null }, `GetExternalIPAddress: "${c.externalIp}"`)
  // "Connected" even without an external address: a client's "not connected IGD" is its own verdict (miniupnpc).
  t.match(
    igd.soap.GetStatusInfo,
    { status: 200, fields: { NewConnectionStatus: 'Connected', NewLastConnectionError: 'ERROR_NONE', NewUptime: /^\d+$/ }, fault: null },
    'GetStatusInfo: Connected, ERROR_NONE',
  )
  // The lab's own forward (nftables) is not miniupnpd's: it knows nothing of 8443.
  t.same(
    igd.soap.GetSpecificPortMappingEntry,
    { status: 500, fields: {}, fault: { errorCode: 714, errorDescription: 'NoSuchEntryInArray' } },
    'GetSpecificPortMappingEntry(8443 TCP): 714 NoSuchEntryInArray',
  )
}

/** A NAT-PMP mapping request; where miniupnpd grants it, that UPnP sees it and that it works from outside only. */
async function checkMapping(t: Test, lab: Lab, c: GatewayCase): Promise<void> {
  const map = await queryFromA(lab, [NATPMP_QUERY, 'map', LAB.gateway, 'tcp', String(MAP_PORT), String(MAP_PORT), String(MAP_LIFETIME_S)])
  t.equal(map.answer.slice(0, 8), hex(0, 130, 0, c.mapResult), `NAT-PMP TCP mapping request: result ${c.mapResult}`, { got: map })
  if (c.mapResult === 0) {
    t.same([map.internalPort, map.externalPort, map.lifetime], [MAP_PORT, MAP_PORT, MAP_LIFETIME_S], 'mapped as asked')
    const after = await queryFromA(lab, [SSDP_QUERY, LAB.hostA, '3000', String(MAP_PORT)])
    t.match(
      after.soap.GetSpecificPortMappingEntry,
      {
        status: 200,
        fields: {
          NewInternalPort: String(MAP_PORT),
          NewInternalClient: LAB.hostA,
          NewEnabled: '1',
          NewPortMappingDescription: `NAT-PMP ${MAP_PORT} tcp`,
          NewLeaseDuration: /^\d+$/,
        },
        fault: null,
      },
      'UPnP sees the NAT-PMP mapping',
    )
    t.match(readFileSync(`${lab.upnpDir}/upnp.leases`, 'utf8'), `TCP:${MAP_PORT}:${LAB.hostA}:${MAP_PORT}:`, "the lease is in the lab's temp dir")
    await lab.spawnBackground('a', [process.execPath, RAW_PROBE, 'listen', String(MAP_PORT)], { waitFor: 'listening' })
    const connect = async (host: LabHost) =>
      pick(JSON.parse((await lab.exec(host, [process.execPath, RAW_PROBE, 'connect', LAB.publicIp, String(MAP_PORT), String(RAW_TIMEOUT_MS)])).stdout))
    t.same(await connect('inet'), { outcome: 'ok', peer: '203.0.113.1' }, 'the mapping works from outside')
    // miniupnpd's DNAT matches `iif "wan"` only: its mappings do not hairpin.
    t.same(await connect('b'), { outcome: 'refused', peer: null }, 'the mapping does not hairpin: b is refused by the router itself')
  }
}

for (const c of GATEWAY_CASES) {
  optionsLabTest(t, `miniupnpd in ${c.setup} (upnp: ${JSON.stringify(c.upnp)}): NAT-PMP, PCP, SSDP and IGD from host a`, c.setup, { upnp: c.upnp }, async (t, lab) => {
    const route = await lab.exec('a', ['ip', 'route', 'get', '239.255.255.250'])
    t.match(route.stdout, /^multicast 239\.255\.255\.250 dev eth0 src 192\.168\.77\.10 /, "SSDP's group goes out a's eth0 (to the lab bridge)")
    await checkNatpmpPcp(t, lab, c)
    await checkIgd(t, lab, c)
    await checkMapping(t, lab, c)
    t.same((await askEcho(lab, 'a')).json, { ip: LAB.publicIp }, 'the echo services see the public IP')
  })
}

t.test('destroy removes miniupnpd, its temp dir and the upstream namespace', labSkip({ upnp: true }), async (t) => {
  const lab = await buildLab('cgnat', { upnp: true })
  t.teardown(() => lab.destroy())
  const names = Object.values(lab.names)
  t.equal(names.length, 5, 'five namespaces')
  const dir = lab.upnpDir!
  t.match(dir, /\/hpc\d+-[0-9a-f]{6}-upnp$/, 'temp dir named after the lab')
  t.same(readFileSync(`${dir}/miniupnpd.conf`, 'utf8').match(/^(ext_ifname|listening_ip|lease_file|secure_mode)=.*$/gm), [
    'ext_ifname=wan',
    'listening_ip=br0',
    'secure_mode=no',
    `lease_file=${dir}/upnp.leases`,
  ], 'config: WAN external, LAN bridge listening, files in the temp dir')
  const pid = Number(readFileSync(`${dir}/miniupnpd.pid`, 'utf8'))
  t.ok(pidsIn([lab.names.router]).includes(pid), 'miniupnpd runs in the router namespace, with its pid file in the temp dir')
  const tables = await lab.exec('router', ['nft', 'list', 'tables'])
  t.same(tables.stdout.trim().split('\n').sort(), ['table inet miniupnpd', 'table ip hairpin_lab'], "miniupnpd's own table beside the lab's")
  await lab.destroy()
  t.notOk(pidAlive(pid), 'miniupnpd gone')
  t.notOk(existsSync(dir), 'temp dir gone')
  t.same(names.filter((n) => namespaces().includes(n)), [], 'all five namespaces gone')
})

optionsLabTest(t, "echo services served by the CLI's echo-server command", 'reflect-masq', { echoServer: 'cli' }, async (t, lab) => {
  for (const host of ['a', 'b'] as const) {
    const got = await askEcho(lab, host)
    t.equal(got.text.trim(), LAB.publicIp, `${host}: /ip`)
    t.match(got.json, { ip: LAB.publicIp }, `${host}: /json`)
  }
})
