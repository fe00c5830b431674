// The lab's daemons: dnsmasq, miniupnpd, the echo services, the router's own service, the STUN server and the NAT-PMP stand-in.
import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { Lab } from './handle.js'
import { CLI_PATH, DAEMONS } from './paths.js'
import { LAB, labDnsRecords, LAN_IF, WAN_IF, type LabOptions } from './plan.js'
import { pdeathsigPrefix } from './proc.js'
import { MINIUPNPD_TABLE } from './rules.js'

/** dnsmasq as Debian installs it (package dnsmasq-base). */
export const DNSMASQ = '/usr/sbin/dnsmasq'
// resolv.conf options for the LAN hosts: the lab DNS answers in milliseconds, so a lost or refused
// query should fail within a second instead of glibc's default 5 s × 2 tries (a test would stall).
const RESOLV_OPTIONS = 'options timeout:1 attempts:1'
// What dnsmasq logs (to stderr, with --log-facility=-) once its sockets are bound: our readiness signal.
const DNSMASQ_READY = /started, version/

/** miniupnpd as Debian installs it (package miniupnpd-nftables). */
export const MINIUPNPD = '/usr/sbin/miniupnpd'
// What miniupnpd logs (stderr with -d) last in its start-up, once its SSDP, HTTP and NAT-PMP/PCP
// sockets are all bound (and, with STUN, after the STUN test): our readiness signal.
const MINIUPNPD_READY = /Listening for NAT-PMP\/PCP traffic on port/
// miniupnpd's STUN test resends 3 times and waits up to 3 s each; behind the upstream NAT the
// changed-address answers never come, so its start-up takes about 9 s there.
const MINIUPNPD_READY_TIMEOUT_MS = 20_000

/** Starts a background daemon in a lab host: only the part of {@link Lab} the starters need. */
type Spawner = Pick<Lab, 'spawnBackground'>

/**
 * The resolver files a LAN host gets with opts.dns. nsswitch.conf is the host's with `hosts:`
 * pinned to `files dns`: a host whose `hosts:` goes through nss-resolve or mDNS would otherwise
 * ask the host's own resolver (its sockets are in the shared filesystem) and leave the lab.
 */
export function resolverFiles(ns: string): Record<string, string> {
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

/** Starts what serves the echo URLs in `inet` (opts.echoServer: our script, or the built CLI's echo-server). */
export function startEchoServices(lab: Spawner, options: Readonly<LabOptions>): Promise<ChildProcess> {
  const v6 = options.ipv6 === true
  if (options.echoServer === 'cli') {
    // No stdin watch we know of: the parent-death signal ties it to us instead.
    const argv = [...pdeathsigPrefix(), process.execPath, CLI_PATH, 'echo-server', '--port', '80', '--bind', v6 ? '::' : '0.0.0.0']
    return lab.spawnBackground('inet', argv, { waitFor: /listening/i })
  }
  return lab.spawnBackground('inet', [process.execPath, DAEMONS.echoServer, '--port', '80', ...(v6 ? ['--host', '::'] : [])], { waitFor: 'listening' })
}

/**
 * The router's own web UI on the forwarded port (`router-service`): on every address of the router, the
 * public IP and its LAN address alike, as a router's own UI answers (the tool tells it from a server by that).
 */
export function startRouterService(lab: Spawner): Promise<ChildProcess> {
  const argv = [process.execPath, DAEMONS.tcpService, '--host', '0.0.0.0', '--port', String(LAB.port), '--mode', 'http']
  return lab.spawnBackground('router', argv, { waitFor: 'listening' })
}

/** The lab STUN server in `inet` (opts.upnp 'stun'); binds the STUN addresses on inet's loopback, so only after they exist. */
export function startStun(lab: Spawner): Promise<ChildProcess> {
  const { primary, alternate, port } = LAB.upnp.stun
  return lab.spawnBackground('inet', [process.execPath, DAEMONS.stunServer, primary, alternate, String(port)], { waitFor: 'listening' })
}

/** The router's dnsmasq (opts.dns); binds 192.168.77.1, so only after the LAN address exists. */
export function startDnsmasq(lab: Spawner, options: Readonly<LabOptions>): Promise<ChildProcess> {
  return lab.spawnBackground('router', dnsmasqArgv(options), { waitFor: DNSMASQ_READY })
}

/** The NAT-PMP stand-in on the router announcing `externalIp` (opts.natpmpWan); binds the LAN address. */
export function startNatpmpResponder(lab: Spawner, externalIp: string): Promise<ChildProcess> {
  return lab.spawnBackground('router', [process.execPath, DAEMONS.natpmpResponder, externalIp, LAB.gateway], { waitFor: 'listening' })
}

/**
 * The router's miniupnpd (opts.upnp), with its config in `dir`. Needs its nft table, both of the
 * router's addresses, and (with STUN) the path to the STUN server: the STUN test runs once, at start-up.
 */
export function startMiniupnpd(lab: Spawner, dir: string): Promise<ChildProcess> {
  return lab.spawnBackground('router', miniupnpdArgv(dir), { waitFor: MINIUPNPD_READY, timeoutMs: MINIUPNPD_READY_TIMEOUT_MS })
}

/** Each lab's web UI stand-in request log (opts.webUi), filled as the stand-in logs. */
const webUiLogs = new WeakMap<object, string[]>()

/**
 * The router's web UI stand-in (opts.webUi): test/lab/daemons/web-ui.mjs on the LAN address, HTTP
 * port 80 and HTTPS 443; binds 192.168.77.1, so only after the LAN address exists. Its request
 * lines go to {@link webUiRequests}.
 */
export async function startWebUi(lab: Spawner, vendor: NonNullable<LabOptions['webUi']>): Promise<ChildProcess> {
  const log: string[] = []
  webUiLogs.set(lab, log)
  const argv = [process.execPath, DAEMONS.webUi, '--host', LAB.gateway, '--http-port', '80', '--https-port', '443', '--vendor', vendor]
  const child = await lab.spawnBackground('router', argv, { waitFor: 'listening' })
  let partial = ''
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    const lines = (partial + d).split('\n')
    partial = lines.pop() ?? ''
    log.push(...lines.filter((l) => l.startsWith('request ')))
  })
  return child
}

/**
 * The requests the lab's web UI stand-in has read so far (opts.webUi), one line each:
 * `request <http|https> <METHOD> <path> from <address>`; empty for a lab without it.
 */
export function webUiRequests(lab: object): readonly string[] {
  return [...(webUiLogs.get(lab) ?? [])]
}
