// Throwaway network-namespace labs (internet, NAT router, two LAN hosts) that prove hairpin-check against real Linux NAT.
//
// Topology (all addresses are documentation or lab-private ranges; nothing routes out of the lab):
//
//   inet ns                      router ns                              a ns / b ns
//   lo: 198.51.100.10/32 ─┐      wan: 203.0.113.7/24 (public IP)
//       198.51.100.11/32  │      br0: 192.168.77.1/24 ─┬─ pa ── eth0 ── a: 192.168.77.10/24
//   up0: 203.0.113.1/24 ──┴──────┘  nftables NAT       └─ pb ── eth0 ── b: 192.168.77.20/24
//   (echo-server.mjs :80)          (tcp-service.mjs for router-service)
//                                  (dnsmasq on 192.168.77.1:53 with opts.dns)
//
// The forward is 203.0.113.7:8443 to a, TCP and UDP alike. With opts.ipv6 every link is dual
// stack (documentation prefix 2001:db8::/32, routed, no NAT, no DAD):
//   inet lo 2001:db8:100::10/128, ::11/128; up0 2001:db8:113::1/64 ── router wan 2001:db8:113::7/64
//   router br0 2001:db8:77::1/64 ── a 2001:db8:77::10/64, b 2001:db8:77::20/64
// With opts.dns, a and b resolve through the router's dnsmasq: /etc/netns/<ns>/resolv.conf (and
// nsswitch.conf), which `ip netns exec` bind-mounts, exist for the lab's lifetime only.
//
// The LAN bridge lives in the router namespace as the router's LAN interface, like the
// built-in switch of a consumer router. That is deliberate: it is the arrangement where
// br_netfilter bites (bridged frames re-entering the IP hooks), so the lab carries the
// real-world fix (bridge-nf-call-*=0) instead of hiding the pitfall in a separate switch.
//
// Upstream setups put one more NAT box between the router and `inet` (the router's port forward
// and reflection then apply to its WAN address, which is not the public one):
//   cgnat:      inet up0 203.0.113.1 ── wan 203.0.113.7 [isp ns: masquerades 100.64.0.0/10, no
//               forward] cust 100.64.7.1/24 ── wan 100.64.7.2/24 [router ns] br0 … (as above)
//   double-nat: inet up0 203.0.113.1 ── wan 203.0.113.7 [outer ns: masquerades 192.168.1.0/24, no
//               forward] lan 192.168.1.1/24 ── wan 192.168.1.2/24 [router ns] br0 … (as above)
// Echo services see 203.0.113.7 in every setup.
//
// With opts.upnp the router runs miniupnpd (NAT-PMP, PCP, UPnP IGD) on br0 with the WAN as its
// external interface, its own nftables table `miniupnpd`, its files in a per-lab temp dir
// (<tmpdir>/hpc<pid>-<hex>-upnp/). With opts.upnp 'stun' it learns its external address from a
// STUN server in `inet` (198.51.100.20/.21, ports 3478/3479); see {@link LabOptions.upnp}.
//
// Every interface is created directly inside its namespace (`ip -n NS link add … peer …
// netns NS2`), so interface names never exist in the host namespace and concurrent labs
// cannot collide on them; only namespace names need to be unique, and they carry our pid.
//
// This module must not import tap: the benchmark script uses it too.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { validateReport } from './schema-hook.js'

/** The router behaviours the lab can build; each is one nftables ruleset (see {@link rulesetFor}). */
export type SetupName =
  | 'reflect-masq'
  | 'wan-only'
  | 'dnat-no-snat'
  | 'snat-public'
  | 'router-service'
  | 'reject-unreachable'

/** Every setup, in a stable order. */
export const SETUPS: readonly SetupName[] = [
  'reflect-masq',
  'wan-only',
  'dnat-no-snat',
  'snat-public',
  'router-service',
  'reject-unreachable',
]

/**
 * Setups with a second NAT between the router and the internet (see the diagram at the top of
 * this file): the router's WAN address is not public, the echo services still see the public IP.
 * Kept apart from {@link SetupName} (and {@link SETUPS}), whose every member the probe tests
 * cover one by one.
 */
export type UpstreamSetupName = 'cgnat' | 'double-nat'

/** The upstream setups, in a stable order. */
export const UPSTREAM_SETUPS: readonly UpstreamSetupName[] = ['cgnat', 'double-nat']

/** Every setup {@link buildLab} can build. */
export type LabSetupName = SetupName | UpstreamSetupName

/** A host (network namespace) of the lab; `isp` only in `cgnat` labs, `outer` only in `double-nat` labs. */
export type LabHost = 'inet' | 'router' | 'a' | 'b' | 'isp' | 'outer'

/** The hosts every lab has. */
export type CoreLabHost = 'inet' | 'router' | 'a' | 'b'

/** Namespace name of each host of a lab: the four core hosts always, `isp`/`outer` in the upstream setups. */
export type LabNames = Record<CoreLabHost, string> & Partial<Record<'isp' | 'outer', string>>

/** The lab's IPv6 addressing plan (documentation prefix; routed, never NATed), used with `buildLab(…, { ipv6: true })`. */
export interface LabPlanV6 {
  /** The router's WAN address. */
  routerWan: '2001:db8:113::7'
  gateway: '2001:db8:77::1'
  hostA: '2001:db8:77::10'
  hostB: '2001:db8:77::20'
  lanPrefix: '2001:db8:77::/64'
  /** The same echo services as {@link LabPlan.echoUrls}, over IPv6. */
  echoUrls: string[]
}

/** The lab's fixed addressing plan. */
export interface LabPlan {
  publicIp: '203.0.113.7'
  gateway: '192.168.77.1'
  hostA: '192.168.77.10'
  hostB: '192.168.77.20'
  lanPrefix: '192.168.77.0/24'
  /** Forwarded to host A for TCP and UDP alike. */
  port: 8443
  /** Echo services in the `inet` namespace: one plain-text, one JSON. */
  echoUrls: string[]
  /** Only configured in labs built with `{ ipv6: true }`. */
  ipv6: LabPlanV6
  /** Where `stale.lab` points (see {@link LAB_NAMES}): a public address that is not the router's. */
  staleIp: '198.51.100.77'
  /** The `cgnat` setup: the router's WAN is in the shared address space (RFC 6598) behind the ISP's NAT. */
  cgnat: {
    /** The router's WAN address: its forward and reflection apply to this one. */
    routerWan: '100.64.7.2'
    /** The ISP's end of the customer link (the router's default gateway). */
    ispInside: '100.64.7.1'
    customerPrefix: '100.64.7.0/24'
    /** The ISP masquerades every customer (100.64.0.0/10) to this, its own address towards `inet`. */
    ispPublic: '203.0.113.7'
  }
  /** The `double-nat` setup: the router is a second router on an outer router's LAN. */
  doubleNat: {
    /** The inner (lab) router's WAN address: its forward and reflection apply to this one. */
    innerWan: '192.168.1.2'
    /** The outer router's LAN address (the inner router's default gateway). */
    outerLan: '192.168.1.1'
    outerPrefix: '192.168.1.0/24'
    /** The outer router masquerades its LAN to this, its own address towards `inet`. */
    outerPublic: '203.0.113.7'
  }
  /** miniupnpd on the router (labs built with {@link LabOptions.upnp}): where it answers, what it says it is. */
  upnp: {
    /** NAT-PMP and PCP server port on the LAN address (RFC 6886, RFC 6887). */
    natpmpPort: 5351
    /** Fixed HTTP port for the device description and SOAP control (miniupnpd would pick one). */
    httpPort: 5000
    /** The SSDP LOCATION miniupnpd announces. */
    rootDescUrl: 'http://192.168.77.1:5000/rootDesc.xml'
    /** The WANIPConnection:2 control URL (miniupnpd's fixed path). */
    controlUrl: 'http://192.168.77.1:5000/ctl/IPConn'
    friendlyName: 'Lab Router'
    manufacturer: 'Lab Networks'
    modelName: 'HairpinLab 1'
    modelNumber: '1'
    serialNumber: 'HPL-0001'
    /** Fixed, so the USN and UDN are stable: hex of "lab-hairpin-lab!". */
    uuid: '6c61622d-6861-6972-7069-6e2d6c616221'
    /** The lab STUN server (in `inet`, with {@link LabOptions.upnp} `'stun'`): two addresses, ports 3478 and 3479. */
    stun: { primary: '198.51.100.20'; alternate: '198.51.100.21'; port: 3478 }
  }
}

/** The lab's addressing plan: public IP, LAN, forwarded port and echo service URLs. */
export const LAB: LabPlan = {
  publicIp: '203.0.113.7',
  gateway: '192.168.77.1',
  hostA: '192.168.77.10',
  hostB: '192.168.77.20',
  lanPrefix: '192.168.77.0/24',
  port: 8443,
  echoUrls: ['http://198.51.100.10/ip', 'http://198.51.100.11/json'],
  ipv6: {
    routerWan: '2001:db8:113::7',
    gateway: '2001:db8:77::1',
    hostA: '2001:db8:77::10',
    hostB: '2001:db8:77::20',
    lanPrefix: '2001:db8:77::/64',
    echoUrls: ['http://[2001:db8:100::10]/ip', 'http://[2001:db8:100::11]/json'],
  },
  staleIp: '198.51.100.77',
  cgnat: { routerWan: '100.64.7.2', ispInside: '100.64.7.1', customerPrefix: '100.64.7.0/24', ispPublic: '203.0.113.7' },
  doubleNat: { innerWan: '192.168.1.2', outerLan: '192.168.1.1', outerPrefix: '192.168.1.0/24', outerPublic: '203.0.113.7' },
  upnp: {
    natpmpPort: 5351,
    httpPort: 5000,
    rootDescUrl: 'http://192.168.77.1:5000/rootDesc.xml',
    controlUrl: 'http://192.168.77.1:5000/ctl/IPConn',
    friendlyName: 'Lab Router',
    manufacturer: 'Lab Networks',
    modelName: 'HairpinLab 1',
    modelNumber: '1',
    serialNumber: 'HPL-0001',
    uuid: '6c61622d-6861-6972-7069-6e2d6c616221',
    stun: { primary: '198.51.100.20', alternate: '198.51.100.21', port: 3478 },
  },
}

/**
 * The router's WAN address in a setup: the public IP in the single-router setups, a shared
 * (`cgnat`) or private (`double-nat`) address behind the upstream NAT. The router's forward and
 * reflection apply to this address; the echo services see {@link LAB.publicIp} in every setup.
 */
export function routerWanFor(setup: LabSetupName): string {
  if (setup === 'cgnat') return LAB.cgnat.routerWan
  if (setup === 'double-nat') return LAB.doubleNat.innerWan
  return LAB.publicIp
}

/** How the lab's DNS (dnsmasq on the router, see {@link LabOptions.dns}) answers `hairpin.lab`. */
export type LabDnsMode = 'public' | 'split'

/** Options for {@link buildLab}. Without any, the lab is the plain IPv4 one with no DNS. */
export interface LabOptions {
  /**
   * Run dnsmasq on the router (192.168.77.1:53) and point a's and b's system resolver at it.
   * `hairpin.lab` answers the public IP (`'public'`) or host A's LAN address (`'split'`,
   * split-horizon DNS); the other names are in {@link LAB_NAMES}.
   */
  dns?: LabDnsMode
  /** Dual stack: the IPv6 plan of {@link LAB.ipv6} on every link, routed without NAT. Not with the upstream setups. */
  ipv6?: boolean
  /**
   * Run miniupnpd (Debian's miniupnpd-nftables) on the router: NAT-PMP and PCP on
   * 192.168.77.1:5351, SSDP and UPnP IGD (HTTP {@link LAB.upnp}.httpPort) on br0, the WAN as its
   * external interface. `true`: it takes the WAN interface's address, and refuses every reserved
   * one (all lab addresses are: documentation, shared, private), so NAT-PMP answers result 3
   * and GetExternalIPAddress an empty string. `'stun'`: it also asks the lab STUN server in
   * `inet` (ext_perform_stun), and reports the mapped address when the path allows port
   * forwarding (all four STUN answers back, address and port unchanged): 203.0.113.7 in the
   * single-router setups. Behind the upstream NAT the changed-address answers are dropped, so
   * miniupnpd calls that NAT restrictive (and start-up waits out its 3 × 3 s STUN retries).
   */
  upnp?: boolean | 'stun'
  /** The manufacturer miniupnpd names over UPnP (default {@link LAB.upnp}.manufacturer): to test vendor-specific fixes. */
  upnpManufacturer?: string
  /**
   * Instead of miniupnpd, a NAT-PMP server on the router (test/lab/natpmp-responder.mjs) that
   * announces this external address, like the many routers that report a reserved WAN address
   * (100.64/10, private) over NAT-PMP. miniupnpd 2.3.1 refuses to, so this is how a lab router
   * tells the tool its CGNAT or double-NAT WAN address. Not with `upnp`.
   */
  natpmpWan?: string
  /**
   * What serves the echo URLs in `inet`: `'script'` (default) test/lab/echo-server.mjs; `'cli'`
   * the built CLI's `hairpin-check echo-server --port 80 --bind 0.0.0.0` (`::` with ipv6).
   */
  echoServer?: 'script' | 'cli'
}

/**
 * Names the lab's DNS knows (with {@link LabOptions.dns}); answers in {@link labDnsRecords}.
 * `stale` points at another public address (stale dynamic DNS, a CDN); `missing` is NXDOMAIN.
 */
export const LAB_NAMES = { public: 'hairpin.lab', stale: 'stale.lab', v6: 'v6.lab', missing: 'missing.lab' } as const

/** One name's records in the lab DNS; an empty list is NODATA for that type. */
export interface LabDnsRecord {
  a: string[]
  aaaa: string[]
}

/**
 * What the lab's dnsmasq answers for each name of {@link LAB_NAMES} in a lab built with these
 * options; null means NXDOMAIN (as does every other name under `.lab`).
 */
export function labDnsRecords(opts: LabOptions): Record<string, LabDnsRecord | null> {
  return {
    [LAB_NAMES.public]: { a: [opts.dns === 'split' ? LAB.hostA : LAB.publicIp], aaaa: [] },
    [LAB_NAMES.stale]: { a: [LAB.staleIp], aaaa: [] },
    [LAB_NAMES.v6]: { a: [LAB.publicIp], aaaa: opts.ipv6 ? [LAB.ipv6.hostA] : [] },
    [LAB_NAMES.missing]: null,
  }
}

/** The `inet` side of the router's WAN link (the router's default gateway). */
const INET_ADDR = '203.0.113.1'
/** Addresses of the echo services, on `inet`'s loopback. */
const ECHO_ADDRS = ['198.51.100.10', '198.51.100.11'] as const
/** IPv6 counterparts (opts.ipv6): `inet`'s end of the WAN link, the echo services, their routed prefix. */
const INET_ADDR6 = '2001:db8:113::1'
const ECHO_ADDRS6 = ['2001:db8:100::10', '2001:db8:100::11'] as const
const ECHO_PREFIX6 = '2001:db8:100::/64'

// Interface names: fixed, because each lives only inside its own namespace.
const WAN_IF = 'wan'
const LAN_IF = 'br0'
/** `inet`'s end of the link to whatever holds the public IP (router, ISP or outer router). */
const INET_IF = 'up0'

/** The upstream NAT box of a setup. */
interface Upstream {
  /** Its namespace. */
  host: 'isp' | 'outer'
  /** Its interface towards the router, and its address (the router's gateway) and prefix length there. */
  downIf: string
  downAddr: string
  prefixLen: number
  /** The router's WAN address on that link. */
  routerWan: string
  /** The sources it masquerades out of its WAN. */
  masqueradeFrom: string
}
const UPSTREAM: Record<UpstreamSetupName, Upstream> = {
  // RFC 6598 shared address space: the ISP masquerades all of it, as a CGN does for its pool of customers.
  cgnat: {
    host: 'isp',
    downIf: 'cust',
    downAddr: LAB.cgnat.ispInside,
    prefixLen: 24,
    routerWan: LAB.cgnat.routerWan,
    masqueradeFrom: '100.64.0.0/10',
  },
  'double-nat': {
    host: 'outer',
    downIf: 'lan',
    downAddr: LAB.doubleNat.outerLan,
    prefixLen: 24,
    routerWan: LAB.doubleNat.innerWan,
    masqueradeFrom: LAB.doubleNat.outerPrefix,
  },
}
const isUpstream = (setup: LabSetupName): setup is UpstreamSetupName => (UPSTREAM_SETUPS as readonly string[]).includes(setup)

/** dnsmasq as Debian installs it (package dnsmasq-base). */
const DNSMASQ = '/usr/sbin/dnsmasq'
/** Where `ip netns exec NS` looks for files to bind-mount over /etc (iproute2 convention). */
const ETC_NETNS = '/etc/netns'
// resolv.conf options for the LAN hosts: the lab DNS answers in milliseconds, so a lost or refused
// query should fail within a second instead of glibc's default 5 s × 2 tries (a test would stall).
const RESOLV_OPTIONS = 'options timeout:1 attempts:1'

/** miniupnpd as Debian installs it (package miniupnpd-nftables). */
const MINIUPNPD = '/usr/sbin/miniupnpd'
// What miniupnpd logs (stderr with -d) last in its start-up, once its SSDP, HTTP and NAT-PMP/PCP
// sockets are all bound (and, with STUN, after the STUN test): our readiness signal.
const MINIUPNPD_READY = /Listening for NAT-PMP\/PCP traffic on port/
// miniupnpd's STUN test resends 3 times and waits up to 3 s each; behind the upstream NAT the
// changed-address answers never come, so its start-up takes about 9 s there.
const MINIUPNPD_READY_TIMEOUT_MS = 20_000
/** miniupnpd's nftables table (family inet), for both its filter and its NAT chains (config upnp_table_name, upnp_nat_table_name). */
const MINIUPNPD_TABLE = 'miniupnpd'
/** Per-lab temp dirs (miniupnpd's config, lease and pid files): `<tmpdir>/hpc<pid>-<6 hex>-upnp`, swept like namespaces. */
const TMP_NAME_RE = /^hpc(\d+)-[0-9a-f]{6}-upnp$/

// Time for a helper server (node start-up ~100 ms, more on a loaded CI box with tests in parallel) to say "listening".
const READY_TIMEOUT_MS = 10_000
// Grace for a background server to exit on SIGTERM before it gets SIGKILL at teardown.
const KILL_GRACE_MS = 500
// Default cap for one command run in a namespace: plumbing calls take milliseconds; a hang is a bug.
const EXEC_TIMEOUT_MS = 30_000
// Default cap for one CLI run: its own --timeout plus start-up; the probe tests pass smaller timeouts.
const CLI_TIMEOUT_MS = 20_000
// How much of a background server's output we keep for error messages.
const OUTPUT_KEEP = 16 * 1024

/**
 * Repository root: the nearest folder above this module whose package.json is ours. Walking up
 * (rather than `../..`) keeps it right when the benchmark bundles this module somewhere else.
 */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = resolve(dir, 'package.json')
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'hairpin-check') return dir
    if (dirname(dir) === dir) throw new Error(`no hairpin-check package.json above ${from}`)
  }
}
const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)))
/** The CLI entry point {@link runCli} runs. */
export const CLI_PATH = resolve(REPO_ROOT, 'bin', 'hairpin-check.js')
const ECHO_SERVER = resolve(REPO_ROOT, 'test', 'lab', 'echo-server.mjs')
const TCP_SERVICE = resolve(REPO_ROOT, 'test', 'lab', 'tcp-service.mjs')
/** The lab STUN server (with opts.upnp 'stun'). */
const STUN_SERVICE = resolve(REPO_ROOT, 'test', 'lab', 'stun-server.mjs')
/** The NAT-PMP server standing in for routers that report a reserved WAN address (opts.natpmpWan). */
const NATPMP_RESPONDER = resolve(REPO_ROOT, 'test', 'lab', 'natpmp-responder.mjs')

/** Namespace names look like `hpc<pid>-<6 hex>-<role>`: the pid lets a later run sweep labs of dead processes. */
const NAME_RE = /^hpc(\d+)-[0-9a-f]{6}-(inet|router|a|b|isp|outer)$/

/** The result of a command run in a lab host. `code` is null when it was killed (timeout or signal). */
export interface ExecResult {
  code: number | null
  stdout: string
  stderr: string
  /** Wall time in milliseconds. */
  ms: number
}

/** Options for {@link Lab.exec}. */
export interface ExecOptions {
  /** Kill the command (SIGKILL) after this many milliseconds; default 30 s. */
  timeoutMs?: number
  /** Written to the command's stdin, which is then closed. */
  input?: string
}

/** Options for {@link Lab.spawnBackground}. */
export interface SpawnOptions {
  /** Resolve only once the process printed this (stdout or stderr); reject if it exits first. */
  waitFor?: string | RegExp
  /** How long to wait for `waitFor`; default 10 s. */
  timeoutMs?: number
}

/** A built lab. Always call {@link Lab.destroy} (the process exit/signal handlers are only a safety net). */
export interface Lab {
  /** The setup this lab was built with. */
  setup: LabSetupName
  /** The options this lab was built with. */
  options: Readonly<LabOptions>
  /** Namespace name of each host (`isp`/`outer` only in the setups that have them). */
  names: LabNames
  /** With {@link LabOptions.upnp}: miniupnpd's temp dir (config, lease and pid files), removed with the lab; else null. */
  upnpDir: string | null
  /**
   * Runs `argv` inside a host's namespace and collects its output. Never rejects for a non-zero
   * exit; rejects for a host this lab does not have.
   */
  exec(host: LabHost, argv: string[], opts?: ExecOptions): Promise<ExecResult>
  /**
   * Starts a long-running process inside a host's namespace. Its stdin stays open (our helper
   * servers exit on EOF, so they die with this process even on SIGKILL); it is killed by
   * {@link Lab.destroy}. Resolves once spawned, or once it printed `opts.waitFor`; rejects for a
   * host this lab does not have.
   */
  spawnBackground(host: LabHost, argv: string[], opts?: SpawnOptions): Promise<ChildProcess>
  /** Kills every process the lab started, deletes its namespaces and its /etc/netns files. Idempotent. */
  destroy(): Promise<void>
}

/** Options for {@link runCli}. */
export interface RunCliOptions {
  /** Kill the CLI after this many milliseconds; default 20 s. */
  timeoutMs?: number
  /** Another entry point to run instead of {@link CLI_PATH} (e.g. a bundled build, for the benchmark). */
  cli?: string
}

/** The result of one CLI run: exit code, output, and stdout parsed as JSON when it is one document. */
export interface CliResult extends ExecResult {
  json: any | null
}

// ---------------------------------------------------------------------------------------------
// Process plumbing

/** Environment for lab children: without the test runner's loader and coverage hooks (slower start, foreign output). */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  delete env.NODE_OPTIONS
  delete env.NODE_V8_COVERAGE
  return env
}

/** Runs a host-namespace command; rejects with its stderr when it fails. */
function run(argv: string[], input?: string, timeoutMs = EXEC_TIMEOUT_MS): Promise<ExecResult> {
  return new Promise((resolveP, reject) => {
    const t0 = performance.now()
    const [cmd, ...args] = argv
    const child = spawn(cmd!, args, { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv() })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      const r = { code, stdout, stderr, ms: performance.now() - t0 }
      if (code === 0) resolveP(r)
      else reject(new Error(`\`${argv.join(' ')}\` failed (${code ?? 'killed'}): ${stderr.trim() || stdout.trim()}`))
    })
    child.stdin.on('error', () => {})
    child.stdin.end(input ?? '')
  })
}

/** `ip -batch -` with one command per line: one process instead of dozens. `force` goes on past errors. */
function ipBatch(lines: string[], netns?: string, force = false): Promise<ExecResult> {
  const argv = ['ip', ...(netns ? ['-n', netns] : []), ...(force ? ['-force'] : []), '-batch', '-']
  return run(argv, lines.join('\n') + '\n')
}

/** Like Promise.all, but waits for every promise to settle first, so no rejection is left unhandled. */
async function allSettled(ps: Promise<unknown>[]): Promise<void> {
  const rs = await Promise.allSettled(ps)
  const bad = rs.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (bad) throw bad.reason
}

/** Whether a pid runs; a zombie (dead, not yet reaped) counts as gone. */
export function pidAlive(pid: number): boolean {
  try {
    // /proc/PID/stat: "pid (comm) S …"; comm may hold spaces and parens, the state follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return false
  }
}

function killQuietly(pid: number | undefined, sig: NodeJS.Signals): void {
  if (pid === undefined) return
  try {
    process.kill(pid, sig)
  } catch {
    /* already gone */
  }
}

/** Kills whatever still runs inside the namespaces and deletes them, synchronously (exit/signal paths). */
function deleteNamespacesSync(names: string[]): void {
  for (const n of names) {
    const r = spawnSync('ip', ['netns', 'pids', n], { encoding: 'utf8' })
    for (const p of (r.stdout ?? '').split(/\s+/).filter(Boolean)) killQuietly(Number(p), 'SIGKILL')
  }
  spawnSync('ip', ['-force', '-batch', '-'], { input: names.map((n) => `netns del ${n}`).join('\n') + '\n', stdio: ['pipe', 'ignore', 'ignore'] })
  removeEtcNetnsSync(names)
}

/**
 * Writes `/etc/netns/<ns>/<file>` for each file, so `ip netns exec` bind-mounts it over
 * `/etc/<file>` in that namespace. Retries once when a concurrent lab's cleanup removed the
 * (then empty) /etc/netns between our mkdir and our write.
 */
function writeEtcNetns(ns: string, files: Record<string, string>): void {
  for (let attempt = 0; ; attempt++) {
    try {
      mkdirSync(`${ETC_NETNS}/${ns}`, { recursive: true, mode: 0o755 })
      for (const [file, text] of Object.entries(files)) writeFileSync(`${ETC_NETNS}/${ns}/${file}`, text, { mode: 0o644 })
      return
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 0) throw err
    }
  }
}

/** Removes `/etc/netns/<ns>` of each name (absent ones are fine), then /etc/netns itself if that left it empty. */
function removeEtcNetnsSync(names: string[]): void {
  for (const n of names) rmSync(`${ETC_NETNS}/${n}`, { recursive: true, force: true })
  try {
    rmdirSync(ETC_NETNS) // fails (ENOTEMPTY) while anyone else uses it, or ENOENT: both fine
  } catch {
    /* in use or absent */
  }
}

/**
 * The resolver files a LAN host gets with opts.dns. nsswitch.conf is the host's with `hosts:`
 * pinned to `files dns`: a host whose `hosts:` goes through nss-resolve or mDNS would otherwise
 * ask the host's own resolver (its sockets are in the shared filesystem) and leave the lab.
 */
function resolverFiles(ns: string): Record<string, string> {
  let nsswitch = ''
  try {
    nsswitch = readFileSync('/etc/nsswitch.conf', 'utf8')
  } catch {
    /* none: hosts is the only database we need */
  }
  const hostsLine = 'hosts: files dns'
  nsswitch = /^hosts:.*$/m.test(nsswitch) ? nsswitch.replace(/^hosts:.*$/m, hostsLine) : `${nsswitch}${hostsLine}\n`
  return {
    'resolv.conf': `# hairpin-check lab ${ns}: the router's dnsmasq (removed with the lab)\nnameserver ${LAB.gateway}\n${RESOLV_OPTIONS}\n`,
    'nsswitch.conf': `# hairpin-check lab ${ns} (removed with the lab)\n${nsswitch}`,
  }
}

// ---------------------------------------------------------------------------------------------
// Safety net: labs still alive when the process exits or is interrupted are torn down synchronously.

interface LiveLab {
  names: string[]
  children: Set<ChildProcess>
  /** Temp dirs to remove with the lab (miniupnpd's files). */
  dirs: string[]
}
const live = new Set<LiveLab>()
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
let handlersInstalled = false

function cleanupAllSync(): void {
  for (const l of live) {
    for (const c of l.children) killQuietly(c.pid, 'SIGKILL')
    deleteNamespacesSync(l.names)
    removeDirsSync(l.dirs)
  }
  live.clear()
}

function onSignal(sig: NodeJS.Signals): void {
  cleanupAllSync()
  uninstallHandlers()
  // Re-raise so the process dies the way it was asked to (or lets other handlers, e.g. tap's, run).
  process.kill(process.pid, sig)
}
const signalHandlers = new Map<NodeJS.Signals, () => void>(SIGNALS.map((s) => [s, () => onSignal(s)]))

function installHandlers(): void {
  if (handlersInstalled) return
  handlersInstalled = true
  process.on('exit', cleanupAllSync)
  for (const [s, h] of signalHandlers) process.on(s, h)
}
function uninstallHandlers(): void {
  if (!handlersInstalled) return
  handlersInstalled = false
  process.removeListener('exit', cleanupAllSync)
  for (const [s, h] of signalHandlers) process.removeListener(s, h)
}

/** Removes directories (absent ones are fine). */
function removeDirsSync(dirs: string[]): void {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
}

let swept = false
/**
 * Deletes lab namespaces (and their /etc/netns/<ns> resolver files, and their temp dirs with
 * miniupnpd's config, lease and pid files) left by processes that died without cleaning up
 * (SIGKILL, power cut). Only names whose embedded pid is no longer running are touched, so
 * concurrent runs are safe. Returns the stale names (namespaces, then temp dir names), each once.
 */
export function sweepStaleLabs(): string[] {
  const r = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' })
  let etc: string[] = []
  try {
    etc = readdirSync(ETC_NETNS)
  } catch {
    /* no /etc/netns: nothing left there */
  }
  const stale = new Set<string>()
  for (const name of [...(r.stdout ?? '').split('\n').map((l) => l.split(' ')[0] ?? ''), ...etc]) {
    const m = NAME_RE.exec(name)
    if (m && Number(m[1]) !== process.pid && !pidAlive(Number(m[1]))) stale.add(name)
  }
  if (stale.size) deleteNamespacesSync([...stale])
  let tmp: string[] = []
  try {
    tmp = readdirSync(tmpdir())
  } catch {
    /* no temp dir to look in */
  }
  const staleDirs = tmp.filter((name) => {
    const m = TMP_NAME_RE.exec(name)
    return m !== null && Number(m[1]) !== process.pid && !pidAlive(Number(m[1]))
  })
  removeDirsSync(staleDirs.map((d) => resolve(tmpdir(), d)))
  return [...stale, ...staleDirs]
}

// ---------------------------------------------------------------------------------------------
// Availability

let unavailable: string | null | undefined
let cliEchoMissing: string | null | undefined
let miniupnpdMissing: string | null | undefined
/**
 * Why the lab cannot run here, or null when it can: needs root, `ip netns` (actually creating
 * one, so a container without CAP_SYS_ADMIN is caught) and `nft`; with `opts.dns` also dnsmasq,
 * with `opts.ipv6` a kernel with IPv6, with `opts.upnp` miniupnpd, with `opts.echoServer` 'cli'
 * a built CLI that has the `echo-server` command. Cached per process.
 */
export function labUnavailableReason(opts: LabOptions = {}): string | null {
  if (unavailable === undefined) unavailable = probeAvailability()
  if (unavailable) return unavailable
  if (opts.dns && !existsSync(DNSMASQ)) return `lab DNS needs dnsmasq: ${DNSMASQ} not found (Debian package dnsmasq-base)`
  if (opts.ipv6 && !existsSync('/proc/sys/net/ipv6')) return 'lab IPv6 needs a kernel with IPv6 (/proc/sys/net/ipv6 is missing)'
  if (opts.upnp) {
    miniupnpdMissing ??= probeMiniupnpd()
    if (miniupnpdMissing) return miniupnpdMissing
  }
  if (opts.echoServer === 'cli') {
    cliEchoMissing ??= probeCliEchoServer()
    if (cliEchoMissing) return cliEchoMissing
  }
  return null
}

/** Why the lab cannot run miniupnpd, or null: it must be there, and the nftables build (the config names its nft table). */
function probeMiniupnpd(): string | null {
  const prefix = 'lab UPnP needs miniupnpd with the nftables backend (Debian package miniupnpd-nftables): '
  if (!existsSync(MINIUPNPD)) return prefix + `${MINIUPNPD} not found`
  const r = spawnSync(MINIUPNPD, ['--version'], { encoding: 'utf8', timeout: EXEC_TIMEOUT_MS })
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`
  if (r.status !== 0 || !/nftables/.test(out)) return prefix + `\`${MINIUPNPD} --version\` says ${JSON.stringify(out.trim() || String(r.error ?? r.status))}`
  return null
}

/**
 * Why the built CLI cannot serve the lab's echo URLs, or null. `echo-server --help` must succeed
 * and name the command: a CLI without it prints its main help for unknown words, and exits 0.
 */
function probeCliEchoServer(): string | null {
  if (!existsSync(CLI_PATH)) return `lab echo server 'cli' needs the built CLI: ${CLI_PATH} is missing (run \`npm run build\`)`
  const r = spawnSync(process.execPath, [CLI_PATH, 'echo-server', '--help'], { encoding: 'utf8', env: childEnv(), timeout: EXEC_TIMEOUT_MS })
  if (r.status !== 0 || !/echo-server/.test(r.stdout ?? '')) {
    return `lab echo server 'cli' needs the CLI's echo-server command: \`node bin/hairpin-check.js echo-server --help\` ${r.status !== 0 ? `failed (${r.status ?? r.signal})` : 'does not mention it'}`
  }
  return null
}

function probeAvailability(): string | null {
  const prefix = 'lab needs root, ip netns and nft: '
  if (process.platform !== 'linux') return prefix + `not Linux (${process.platform})`
  if (process.getuid?.() !== 0) return prefix + 'not running as root'
  const ipv = spawnSync('ip', ['-V'], { encoding: 'utf8' })
  if (ipv.error || ipv.status !== 0) return prefix + '`ip` (iproute2) not found'
  const nftv = spawnSync('nft', ['--version'], { encoding: 'utf8' })
  if (nftv.error || nftv.status !== 0) return prefix + '`nft` (nftables) not found'
  const probe = `hpc${process.pid}-${randomBytes(3).toString('hex')}-a`
  try {
    const add = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' })
    if (add.status !== 0) return prefix + `cannot create a namespace: ${(add.stderr || '').trim()}`
    const nl = spawnSync('ip', ['netns', 'exec', probe, 'nft', 'list', 'ruleset'], { encoding: 'utf8' })
    if (nl.status !== 0) return prefix + `nft does not work in a namespace: ${(nl.stderr || '').trim()}`
    return null
  } finally {
    spawnSync('ip', ['netns', 'del', probe], { stdio: 'ignore' })
  }
}

// ---------------------------------------------------------------------------------------------
// Router setups

/**
 * The nftables ruleset the router namespace loads for a setup. Every setup masquerades LAN
 * traffic leaving the WAN (so echo services see the public IP) and forwards its WAN address
 * ({@link routerWanFor}: `203.0.113.7` in the single-router setups) port 8443 to host A, TCP and
 * UDP alike; they differ only in how inside clients are treated. The upstream setups reflect
 * like `reflect-masq`, on the router's non-public WAN address; `cgnat` also forwards whatever
 * arrives on the WAN interface, as routers of CGN customers do. With `opts.ipv6` an `ip6` table
 * is added whose forward chain accepts: IPv6 is routed, never NATed (as on OpenWrt, which has no
 * reflection for IPv6 forwards).
 */
export function rulesetFor(setup: LabSetupName, opts: Pick<LabOptions, 'ipv6'> = {}): string {
  const P = routerWanFor(setup)
  const S = LAB.hostA
  const LAN = LAB.lanPrefix
  const PORT = LAB.port
  // Both protocols on the one port: `th` (transport header) reads the port of either.
  const forwarded = `meta l4proto { tcp, udp } th dport ${PORT}`
  const anyIf = `ip daddr ${P} ${forwarded} dnat to ${S}`
  const wanOnly = `iifname "${WAN_IF}" ${anyIf}`
  const hairpinned = `ip saddr ${LAN} ip daddr ${S} ${forwarded} ct status dnat`
  let pre: string[]
  const post = [`oifname "${WAN_IF}" ip saddr ${LAN} masquerade`]
  const fwd: string[] = []
  switch (setup) {
    case 'reflect-masq':
    case 'double-nat':
      pre = [anyIf]
      post.push(`${hairpinned} masquerade`)
      break
    case 'cgnat':
      // The forward on the WAN interface (whatever the ISP delivers: it has no forward, so nothing
      // does), and reflection for the router's own WAN address from the LAN.
      pre = [`iifname "${WAN_IF}" ${forwarded} dnat to ${S}`, anyIf]
      post.push(`${hairpinned} masquerade`)
      break
    case 'wan-only':
    case 'router-service':
      pre = [wanOnly]
      break
    case 'dnat-no-snat':
      pre = [anyIf]
      break
    case 'snat-public':
      pre = [anyIf]
      post.push(`${hairpinned} snat to ${P}`)
      break
    case 'reject-unreachable':
      pre = [anyIf]
      // Code 13, "communication administratively prohibited" (RFC 1812: what a router that
      // filters a packet should send). Not code 1 (host-unreachable): seen here, Linux reports code 1
      // to a TCP connect (EHOSTUNREACH) but treats it as a soft error on a connected UDP socket
      // without IP_RECVERR (which node cannot set): the ICMP arrives and the client sees silence.
      // Code 13 is a hard error for both: EHOSTUNREACH over TCP and UDP alike.
      fwd.push(`iifname "${LAN_IF}" oifname "${LAN_IF}" ${hairpinned} reject with icmp type admin-prohibited`)
      break
  }
  // Chain names avoid nft keywords (`fwd`, `post`, … are reserved).
  return [
    'table ip hairpin_lab {',
    '  chain nat_pre {',
    '    type nat hook prerouting priority dstnat; policy accept;',
    ...pre.map((r) => `    ${r}`),
    '  }',
    '  chain nat_post {',
    '    type nat hook postrouting priority srcnat; policy accept;',
    ...post.map((r) => `    ${r}`),
    '  }',
    '  chain filter_fwd {',
    '    type filter hook forward priority filter; policy accept;',
    ...fwd.map((r) => `    ${r}`),
    '  }',
    '}',
    ...(opts.ipv6
      ? ['table ip6 hairpin_lab6 {', '  chain filter_fwd {', '    type filter hook forward priority filter; policy accept;', '  }', '}']
      : []),
    '',
  ].join('\n')
}

/**
 * The nftables ruleset of the upstream NAT box (`isp` in `cgnat`, `outer` in `double-nat`):
 * masquerade its inside addresses out of its WAN, no forward at all.
 */
export function upstreamRulesetFor(setup: UpstreamSetupName): string {
  return [
    'table ip hairpin_lab {',
    '  chain nat_post {',
    '    type nat hook postrouting priority srcnat; policy accept;',
    `    oifname "${WAN_IF}" ip saddr ${UPSTREAM[setup].masqueradeFrom} masquerade`,
    '  }',
    '}',
    '',
  ].join('\n')
}

/**
 * miniupnpd's own nftables table, loaded with the router's ruleset when opts.upnp is set: the
 * chains Debian's /etc/miniupnpd/nft_init.sh creates (that script needs miniupnpd_functions.sh
 * from the separate `miniupnpd` package, so the lab does not run it), in a table of its own
 * (config upnp_table_name and upnp_nat_table_name) so miniupnpd never touches `hairpin_lab`.
 * Unlike nft_init.sh the forward chain's policy is accept: a drop here would drop every
 * forwarded packet the miniupnpd chain does not accept, whatever `hairpin_lab` says.
 */
export const MINIUPNPD_RULESET = [
  `table inet ${MINIUPNPD_TABLE} {`,
  '  chain forward {',
  '    type filter hook forward priority filter; policy accept;',
  '    jump miniupnpd',
  '  }',
  '  chain miniupnpd {',
  '  }',
  '  chain prerouting {',
  '    type nat hook prerouting priority dstnat; policy accept;',
  '    jump prerouting_miniupnpd',
  '  }',
  '  chain postrouting {',
  '    type nat hook postrouting priority srcnat; policy accept;',
  '    jump postrouting_miniupnpd',
  '  }',
  '  chain prerouting_miniupnpd {',
  '  }',
  '  chain postrouting_miniupnpd {',
  '  }',
  '}',
  '',
].join('\n')

// Router kernel settings, one shell so it costs one exec.
const ROUTER_SYSCTL = [
  'echo 1 > /proc/sys/net/ipv4/ip_forward',
  // br_netfilter (loaded on the host) sends bridged LAN frames through the IP hooks again; seen:
  // same-host hairpin (A to A) then times out even with masquerade, while B to A still works.
  // The knobs are per namespace, and absent when the module is not loaded.
  'for f in /proc/sys/net/bridge/bridge-nf-call-iptables /proc/sys/net/bridge/bridge-nf-call-ip6tables /proc/sys/net/bridge/bridge-nf-call-arptables; do [ -e "$f" ] && echo 0 > "$f"; done',
  // A hairpinned packet leaves br0 the way it came in, so Linux sends ICMP redirects for it
  // (seen: 2 per timed-out connect from B; no effect on the outcome here, but what a client does
  // with a redirect is OS policy). Off, so a run measures the router's NAT and nothing else.
  'echo 0 > /proc/sys/net/ipv4/conf/all/send_redirects',
  'echo 0 > /proc/sys/net/ipv4/conf/default/send_redirects',
  // Strict reverse-path filtering, as most router distributions ship; fixed so the host's value does not leak in.
  'echo 1 > /proc/sys/net/ipv4/conf/all/rp_filter',
  'echo 1 > /proc/sys/net/ipv4/conf/default/rp_filter',
  'true',
].join('\n')

// LAN host kernel settings: fixed so the host's values (inherited by new namespaces) do not leak in.
// accept_local=0 is what makes a same-host reflected SYN (source = own address) a martian.
const HOST_SYSCTL = [
  'echo 0 > /proc/sys/net/ipv4/conf/all/accept_local',
  'echo 0 > /proc/sys/net/ipv4/conf/default/accept_local',
].join('\n')

// IPv6 kernel settings for every namespace of a dual-stack lab, written before any interface
// exists there. DAD (duplicate address detection) keeps a new address "tentative" for about a
// second; the kernel skips it only when both `all` and the interface say accept_dad=0, and an
// interface takes `default` when it is created. The link-local addresses matter too: a router
// asks for a neighbour's MAC (to forward to it) only from a non-tentative link-local address.
const V6_SYSCTL = [
  'echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad',
  'echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad',
  'echo 0 > /proc/sys/net/ipv6/conf/all/disable_ipv6',
  'echo 0 > /proc/sys/net/ipv6/conf/default/disable_ipv6',
].join('\n')
// The router forwards IPv6 too (all/ and default/: set both, whatever the kernel propagates).
const ROUTER_V6_SYSCTL = [
  V6_SYSCTL,
  'echo 1 > /proc/sys/net/ipv6/conf/all/forwarding',
  'echo 1 > /proc/sys/net/ipv6/conf/default/forwarding',
].join('\n')

// ---------------------------------------------------------------------------------------------
// Building

/** Waits until a child printed `pattern`; rejects when it exits first or `timeoutMs` passes. */
function waitForOutput(child: ChildProcess, pattern: string | RegExp, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolveP, reject) => {
    let seen = ''
    const test = (s: string) => (typeof pattern === 'string' ? s.includes(pattern) : pattern.test(s))
    const onData = (d: Buffer | string) => {
      seen = (seen + d.toString()).slice(-OUTPUT_KEEP)
      if (test(seen)) done()
    }
    const onExit = (code: number | null, sig: string | null) =>
      fail(new Error(`${what} exited (${code ?? sig}) before it was ready: ${seen.trim()}`))
    const timer = setTimeout(() => fail(new Error(`${what} not ready after ${timeoutMs} ms: ${seen.trim()}`)), timeoutMs)
    const cleanup = () => {
      clearTimeout(timer)
      child.stdout?.removeListener('data', onData)
      child.stderr?.removeListener('data', onData)
      child.removeListener('exit', onExit)
    }
    const done = () => {
      cleanup()
      resolveP()
    }
    const fail = (err: Error) => {
      cleanup()
      reject(err)
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', onExit)
  })
}

// What dnsmasq logs (to stderr, with --log-facility=-) once its sockets are bound: our readiness signal.
const DNSMASQ_READY = /started, version/

let setprivWorks: boolean | undefined
/**
 * `setpriv --pdeathsig TERM` (util-linux): makes a server that cannot watch its stdin (dnsmasq)
 * die with the process that built the lab, even on SIGKILL, like our node servers do on stdin EOF.
 */
function pdeathsigPrefix(): string[] {
  setprivWorks ??= spawnSync('setpriv', ['--version'], { stdio: 'ignore' }).status === 0
  return setprivWorks ? ['setpriv', '--pdeathsig', 'TERM'] : []
}

/**
 * The command line of the lab's DNS server: a home router's dnsmasq on the LAN address, with no
 * upstream at all, answering the records of {@link labDnsRecords}.
 */
function dnsmasqArgv(opts: LabOptions): string[] {
  const records = Object.entries(labDnsRecords(opts)).flatMap(([name, r]) =>
    // --host-record gives A, AAAA and PTR; the type it lacks is NODATA (--address=/name/ip would
    // answer NXDOMAIN for the AAAA of an IPv4-only name, seen with 2.90, which is not what servers do).
    r ? [`--host-record=${[name, ...r.a, ...r.aaaa].join(',')}`] : [],
  )
  return [
    ...pdeathsigPrefix(),
    DNSMASQ,
    '--keep-in-foreground', // stays our child: destroy() kills it like any other lab process
    '--conf-file=/dev/null', // never the machine's /etc/dnsmasq.conf
    '--pid-file=', // empty: no pid file (concurrent labs would share /run/dnsmasq/dnsmasq.pid)
    '--log-facility=-', // stderr, where spawnBackground waits for "started"
    // No privilege drop: a uid or gid change clears the parent-death signal (seen: the default
    // group `dip` alone did). The process lives in a throwaway namespace, reachable from the LAN only.
    '--user=root',
    '--group=root',
    '--no-resolv', // no upstream servers: a name outside .lab gets REFUSED at once, never a forward
    '--no-hosts', // not the machine's /etc/hosts
    '--bind-interfaces',
    `--listen-address=${LAB.gateway}`, // port 53 on the LAN address only (not loopback, not the WAN)
    '--local=/lab/', // .lab is ours: any name there without a record is NXDOMAIN (missing.lab)
    '--bogus-priv', // reverse lookups of private addresses without a record: NXDOMAIN, not REFUSED
    ...records,
  ]
}

/**
 * miniupnpd's configuration for a lab (options as in Debian's sample
 * /usr/share/miniupnpd/miniupnpd.conf of the `miniupnpd` package): every file it writes in `dir`,
 * its own nftables table, NAT-PMP/PCP and UPnP IGD on the LAN bridge, the WAN as the external
 * interface, and the identity of {@link LAB.upnp}.
 */
export function miniupnpdConfig(dir: string, opts: Pick<LabOptions, 'upnp' | 'upnpManufacturer'>): string {
  const u = LAB.upnp
  return [
    `# hairpin-check lab: miniupnpd on the router (this directory is removed with the lab)`,
    `ext_ifname=${WAN_IF}`,
    // The interface name (not 192.168.77.1/24): SSDP joins the multicast group on it, HTTP binds to it.
    `listening_ip=${LAN_IF}`,
    `http_port=${u.httpPort}`,
    'enable_natpmp=yes', // NAT-PMP, and PCP on the same socket (2.3.1 has no separate switch)
    'enable_upnp=yes',
    // IPv4 only: the lab's IPv6 is routed without NAT, and miniupnpd's IPv6 pinholes are not what we test.
    'ipv6_disable=yes',
    // Clients may map ports for other LAN hosts too; the permission rules below still apply.
    'secure_mode=no',
    'system_uptime=no', // GetStatusInfo's uptime is the daemon's, not the machine's
    // Every file it would write elsewhere (defaults: /var/log/upnp.leases, /var/run/minissdpd.sock).
    `lease_file=${dir}/upnp.leases`,
    `lease_file6=${dir}/upnp6.leases`,
    // A socket nobody listens on: never register with a MiniSSDPd the machine may run.
    `minissdpdsocket=${dir}/minissdpd.sock`,
    `upnp_table_name=${MINIUPNPD_TABLE}`,
    `upnp_nat_table_name=${MINIUPNPD_TABLE}`,
    'upnp_forward_chain=miniupnpd',
    'upnp_nat_chain=prerouting_miniupnpd',
    'upnp_nat_postrouting_chain=postrouting_miniupnpd',
    `friendly_name=${u.friendlyName}`,
    `manufacturer_name=${opts.upnpManufacturer ?? u.manufacturer}`,
    `model_name=${u.modelName}`,
    `model_number=${u.modelNumber}`,
    `serial=${u.serialNumber}`,
    `uuid=${u.uuid}`,
    ...(opts.upnp === 'stun' ? ['ext_perform_stun=yes', `ext_stun_host=${u.stun.primary}`, `ext_stun_port=${u.stun.port}`] : []),
    // Any LAN host, any port; nobody else.
    `allow 1-65535 ${LAB.lanPrefix} 1-65535`,
    'deny 0-65535 0.0.0.0/0 0-65535',
    '',
  ].join('\n')
}

/** The command line of the router's miniupnpd: foreground, config and pid file in `dir`. */
function miniupnpdArgv(dir: string): string[] {
  return [
    // Dies with the process that built the lab, like dnsmasq (it runs as root: no uid change clears the signal).
    ...pdeathsigPrefix(),
    MINIUPNPD,
    '-d', // foreground, log to stderr too (where spawnBackground waits for MINIUPNPD_READY)
    '-f',
    `${dir}/miniupnpd.conf`,
    // Default /var/run/miniupnpd.pid: concurrent labs would find each other "already running".
    '-P',
    `${dir}/miniupnpd.pid`,
  ]
}

/**
 * Builds a lab for one router setup: four namespaces wired as in the diagram at the top of
 * this file (five in the upstream setups: `isp` or `outer` between the router and `inet`),
 * echo services running in `inet`, the setup's nftables ruleset loaded in `router` (plus the
 * router's own service for `router-service`). `opts.dns` adds the router's dnsmasq and points
 * a's and b's system resolver at it; `opts.ipv6` makes every link dual stack; `opts.upnp` runs
 * miniupnpd on the router; `opts.echoServer` picks what serves the echo URLs. Rejects (after
 * cleaning up) when any step fails. Typically well under a second (with `upnp: 'stun'` behind
 * an upstream NAT about 9 s, see {@link LabOptions.upnp}).
 */
export async function buildLab(setup: LabSetupName, opts: LabOptions = {}): Promise<Lab> {
  if (!SETUPS.includes(setup as SetupName) && !isUpstream(setup)) throw new Error(`unknown lab setup: ${String(setup)}`)
  if (opts.dns !== undefined && opts.dns !== 'public' && opts.dns !== 'split') throw new Error(`unknown lab dns mode: ${String(opts.dns)}`)
  if (opts.upnp !== undefined && typeof opts.upnp !== 'boolean' && opts.upnp !== 'stun') throw new Error(`unknown lab upnp mode: ${String(opts.upnp)}`)
  if (opts.upnp && opts.natpmpWan !== undefined) throw new Error('natpmpWan replaces miniupnpd: not with upnp')
  if (opts.echoServer !== undefined && opts.echoServer !== 'script' && opts.echoServer !== 'cli') {
    throw new Error(`unknown lab echo server: ${String(opts.echoServer)}`)
  }
  // The upstream boxes would need IPv6 plumbing of their own (native IPv6 past a CGN is its own scenario).
  if (opts.ipv6 && isUpstream(setup)) throw new Error(`lab setup ${setup} does not support ipv6`)
  const options: Readonly<LabOptions> = Object.freeze({ ...opts })
  const v6 = options.ipv6 === true
  const up = isUpstream(setup) ? UPSTREAM[setup] : null
  if (!swept) {
    swept = true
    sweepStaleLabs()
  }
  const id = `hpc${process.pid}-${randomBytes(3).toString('hex')}`
  const names: LabNames = {
    inet: `${id}-inet`,
    router: `${id}-router`,
    a: `${id}-a`,
    b: `${id}-b`,
    ...(up ? { [up.host]: `${id}-${up.host}` } : {}),
  }
  const upnpDir = options.upnp ? resolve(tmpdir(), `${id}-upnp`) : null
  const entry: LiveLab = { names: Object.values(names), children: new Set(), dirs: upnpDir ? [upnpDir] : [] }
  live.add(entry)
  installHandlers()

  /** The namespace of a host, or an error for a host this setup does not have. */
  const nsOf = (host: LabHost): string => {
    const ns = names[host]
    if (ns === undefined) throw new Error(`lab setup ${setup} has no ${host} host`)
    return ns
  }

  let destroyed: Promise<void> | null = null
  const lab: Lab = {
    setup,
    options,
    names,
    upnpDir,
    exec(host, argv, opts = {}) {
      return new Promise((resolveP, reject) => {
        const t0 = performance.now()
        const child = spawn('ip', ['netns', 'exec', nsOf(host), ...argv], { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv() })
        entry.children.add(child)
        let stdout = ''
        let stderr = ''
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
        const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? EXEC_TIMEOUT_MS)
        child.on('error', (err) => {
          clearTimeout(timer)
          entry.children.delete(child)
          reject(err)
        })
        child.on('close', (code) => {
          clearTimeout(timer)
          entry.children.delete(child)
          resolveP({ code, stdout, stderr, ms: performance.now() - t0 })
        })
        child.stdin.on('error', () => {})
        child.stdin.end(opts.input ?? '')
      })
    },
    async spawnBackground(host, argv, opts = {}) {
      const child = spawn('ip', ['netns', 'exec', nsOf(host), ...argv], { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv() })
      entry.children.add(child)
      child.on('exit', () => entry.children.delete(child))
      child.stdin.on('error', () => {})
      // Keep the pipes drained so a chatty process never blocks on a full pipe.
      child.stdout.resume()
      child.stderr.resume()
      // Do not keep the event loop alive for it: the exit handler kills it if destroy() is forgotten.
      child.unref()
      for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as { unref?: () => void }).unref?.()
      const ready = opts.waitFor
        ? waitForOutput(child, opts.waitFor, opts.timeoutMs ?? READY_TIMEOUT_MS, `${argv.join(' ')} in ${host}`)
        : Promise.resolve()
      await new Promise<void>((resolveP, reject) => {
        child.once('spawn', resolveP)
        child.once('error', reject)
      })
      await ready
      return child
    },
    destroy() {
      destroyed ??= (async () => {
        const kids = [...entry.children]
        await Promise.all(
          kids.map(
            (c) =>
              new Promise<void>((resolveP) => {
                if (c.exitCode !== null || c.signalCode !== null) return resolveP()
                const t = setTimeout(() => killQuietly(c.pid, 'SIGKILL'), KILL_GRACE_MS)
                c.once('exit', () => {
                  clearTimeout(t)
                  resolveP()
                })
                killQuietly(c.pid, 'SIGTERM')
              }),
          ),
        )
        // Anything else still inside (e.g. a daemon a test forked) would keep the namespace alive unnamed.
        const pids = await Promise.all(
          entry.names.map((n) => run(['ip', 'netns', 'pids', n]).then((r) => r.stdout, () => '')),
        )
        for (const p of pids.join(' ').split(/\s+/).filter(Boolean)) killQuietly(Number(p), 'SIGKILL')
        await ipBatch(entry.names.map((n) => `netns del ${n}`), undefined, true).catch(() => deleteNamespacesSync(entry.names))
        if (options.dns) removeEtcNetnsSync(entry.names)
        removeDirsSync(entry.dirs)
        live.delete(entry)
        if (live.size === 0) uninstallHandlers()
      })()
      return destroyed
    },
  }

  const sh = (host: LabHost, script: string, what: string) =>
    lab.exec(host, ['sh', '-c', script]).then((r) => {
      if (r.code !== 0) throw new Error(`${what} failed: ${r.stderr.trim()}`)
    })
  const nftLoad = (host: LabHost, ruleset: string, what: string) =>
    lab.exec(host, ['nft', '-f', '-'], { input: ruleset }).then((r) => {
      if (r.code !== 0) throw new Error(`nft ruleset for ${what} failed: ${r.stderr.trim()}`)
    })

  try {
    await ipBatch(entry.names.map((n) => `netns add ${n}`))
    // Before any process runs in a or b; registered in `entry.names` already, so every cleanup path removes them.
    if (options.dns) for (const h of ['a', 'b'] as const) writeEtcNetns(names[h], resolverFiles(names[h]))
    if (upnpDir) {
      // Registered in `entry.dirs` already; 0700: the config says where its pid and lease files go.
      mkdirSync(upnpDir, { mode: 0o700 })
      writeFileSync(`${upnpDir}/miniupnpd.conf`, miniupnpdConfig(upnpDir, options), { mode: 0o600 })
    }
    // Everything below only needs the namespaces to exist; independent steps run in parallel.
    const echoArgs =
      options.echoServer === 'cli'
        ? // No stdin watch we know of: the parent-death signal ties it to us instead.
          [...pdeathsigPrefix(), process.execPath, CLI_PATH, 'echo-server', '--port', '80', '--bind', v6 ? '::' : '0.0.0.0']
        : [process.execPath, ECHO_SERVER, '--port', '80', ...(v6 ? ['--host', '::'] : [])]
    const echo = lab.spawnBackground('inet', echoArgs, { waitFor: options.echoServer === 'cli' ? /listening/i : 'listening' })
    const nft = nftLoad('router', rulesetFor(setup, options) + (options.upnp ? MINIUPNPD_RULESET : ''), setup)
    const upNft = up ? nftLoad(up.host, upstreamRulesetFor(setup as UpstreamSetupName), `${setup} ${up.host}`) : Promise.resolve()
    // Dual stack: a, b and inet need accept_dad=0 as `default` before the router creates their veth ends.
    const v6Sysctl = v6
      ? allSettled([sh('inet', V6_SYSCTL, 'inet IPv6 sysctl'), sh('a', V6_SYSCTL, 'a IPv6 sysctl'), sh('b', V6_SYSCTL, 'b IPv6 sysctl')])
      : Promise.resolve()
    // The router's WAN: towards `inet` directly, or towards the upstream box.
    const routerWan = up ? up.routerWan : LAB.publicIp
    const routerGw = up ? up.downAddr : INET_ADDR
    const wanPeer = up ? `${up.downIf} netns ${nsOf(up.host)}` : `${INET_IF} netns ${names.inet}`
    const wiring = (async () => {
      await allSettled([
        sh('router', v6 ? `${ROUTER_SYSCTL}\n${ROUTER_V6_SYSCTL}` : ROUTER_SYSCTL, 'router sysctl'),
        v6Sysctl,
        up ? sh(up.host, ROUTER_SYSCTL, `${up.host} sysctl`) : Promise.resolve(),
      ])
      await ipBatch(
        [
          'link set lo up',
          `link add ${LAN_IF} type bridge`,
          `link add ${WAN_IF} type veth peer name ${wanPeer}`,
          `link add pa type veth peer name eth0 netns ${names.a}`,
          `link add pb type veth peer name eth0 netns ${names.b}`,
          `link set pa master ${LAN_IF}`,
          `link set pb master ${LAN_IF}`,
          `addr add ${routerWan}/${up ? up.prefixLen : 24} dev ${WAN_IF}`,
          `addr add ${LAB.gateway}/24 dev ${LAN_IF}`,
          ...(v6
            ? [`addr add ${LAB.ipv6.routerWan}/64 dev ${WAN_IF} nodad`, `addr add ${LAB.ipv6.gateway}/64 dev ${LAN_IF} nodad`]
            : []),
          `link set ${WAN_IF} up`,
          `link set ${LAN_IF} up`,
          'link set pa up',
          'link set pb up',
          `route add default via ${routerGw}`,
          `route add 198.51.100.0/24 via ${routerGw}`,
          ...(v6 ? [`route add default via ${INET_ADDR6}`, `route add ${ECHO_PREFIX6} via ${INET_ADDR6}`] : []),
        ],
        names.router,
      )
      const lanHost = (h: 'a' | 'b', addr: string, addr6: string) =>
        allSettled([
          sh(h, HOST_SYSCTL, `sysctl in ${h}`),
          ipBatch(
            [
              'link set lo up',
              `addr add ${addr}/24 dev eth0`,
              ...(v6 ? [`addr add ${addr6}/64 dev eth0 nodad`] : []),
              'link set eth0 up',
              `route add default via ${LAB.gateway}`,
              ...(v6 ? [`route add default via ${LAB.ipv6.gateway}`] : []),
            ],
            names[h],
          ),
        ])
      // The upstream box: its link to the router exists now (the router's batch made it); it makes its link to `inet`.
      const upstream = up
        ? ipBatch(
            [
              'link set lo up',
              `link add ${WAN_IF} type veth peer name ${INET_IF} netns ${names.inet}`,
              `addr add ${LAB.publicIp}/24 dev ${WAN_IF}`,
              `addr add ${up.downAddr}/${up.prefixLen} dev ${up.downIf}`,
              `link set ${WAN_IF} up`,
              `link set ${up.downIf} up`,
              `route add default via ${INET_ADDR}`,
            ],
            nsOf(up.host),
          )
        : Promise.resolve()
      const inetSide = upstream.then(() =>
        ipBatch(
          [
            'link set lo up',
            ...ECHO_ADDRS.map((a) => `addr add ${a}/32 dev lo`),
            ...(options.upnp === 'stun' ? [LAB.upnp.stun.primary, LAB.upnp.stun.alternate].map((a) => `addr add ${a}/32 dev lo`) : []),
            `addr add ${INET_ADDR}/24 dev ${INET_IF}`,
            ...(v6
              ? [...ECHO_ADDRS6.map((a) => `addr add ${a}/128 dev lo nodad`), `addr add ${INET_ADDR6}/64 dev ${INET_IF} nodad`]
              : []),
            `link set ${INET_IF} up`,
            // No NAT for IPv6: the internet side needs a route back to the LAN prefix.
            ...(v6 ? [`route add ${LAB.ipv6.lanPrefix} via ${LAB.ipv6.routerWan}`] : []),
          ],
          names.inet,
        ),
      )
      const steps: Promise<unknown>[] = [upstream, inetSide, lanHost('a', LAB.hostA, LAB.ipv6.hostA), lanHost('b', LAB.hostB, LAB.ipv6.hostB)]
      if (setup === 'router-service') {
        // Binds 203.0.113.7, so only after the WAN address exists.
        steps.push(
          lab.spawnBackground('router', [process.execPath, TCP_SERVICE, '--host', LAB.publicIp, '--port', String(LAB.port), '--mode', 'http'], {
            waitFor: 'listening',
          }),
        )
      }
      // Binds the STUN addresses on inet's loopback, so only after they exist.
      const stun =
        options.upnp === 'stun'
          ? inetSide.then(() =>
              lab.spawnBackground('inet', [process.execPath, STUN_SERVICE, LAB.upnp.stun.primary, LAB.upnp.stun.alternate, String(LAB.upnp.stun.port)], {
                waitFor: 'listening',
              }),
            )
          : Promise.resolve()
      steps.push(stun)
      // Binds 192.168.77.1, so only after the LAN address exists.
      if (options.dns) steps.push(lab.spawnBackground('router', dnsmasqArgv(options), { waitFor: DNSMASQ_READY }))
      if (options.natpmpWan !== undefined) {
        steps.push(lab.spawnBackground('router', [process.execPath, NATPMP_RESPONDER, options.natpmpWan, LAB.gateway], { waitFor: 'listening' }))
      }
      if (upnpDir) {
        // Needs its nft table, both of the router's addresses, and (with STUN) the path to the
        // STUN server: the STUN test runs once, at start-up.
        steps.push(
          allSettled([nft, stun, upstream, inetSide]).then(() =>
            lab.spawnBackground('router', miniupnpdArgv(upnpDir), { waitFor: MINIUPNPD_READY, timeoutMs: MINIUPNPD_READY_TIMEOUT_MS }),
          ),
        )
      }
      await allSettled(steps)
    })()
    await allSettled([echo, nft, upNft, wiring])
    return lab
  } catch (err) {
    await lab.destroy()
    throw err
  }
}

/**
 * Runs the built CLI (`node bin/hairpin-check.js …args`) inside a LAN host's namespace.
 * `json` is stdout parsed as JSON when the whole of stdout is one JSON document, else null.
 */
export async function runCli(lab: Lab, host: 'a' | 'b', args: string[], opts: RunCliOptions = {}): Promise<CliResult> {
  const cli = opts.cli ?? CLI_PATH
  if (!existsSync(cli)) throw new Error(`CLI not built: ${cli} is missing (run \`npm run build\`)`)
  const r = await lab.exec(host, [process.execPath, cli, ...args], { timeoutMs: opts.timeoutMs ?? CLI_TIMEOUT_MS })
  let json: unknown = null
  try {
    json = JSON.parse(r.stdout)
  } catch {
    json = null
  }
  // Every report any lab test sees is held to the published schema (strict: no unknown fields).
  if (json !== null) {
    const errors = validateReport(json)
    if (errors.length > 0) schemaProblems.push({ args, errors })
  }
  return { ...r, json }
}

/** Reports from {@link runCli} that did not match the schema, since the last {@link takeSchemaProblems}. */
const schemaProblems: Array<{ args: string[]; errors: string[] }> = []

/** The schema problems collected so far (and forgets them): the tap glue asserts there are none. */
export function takeSchemaProblems(): Array<{ args: string[]; errors: string[] }> {
  return schemaProblems.splice(0)
}
