// Facts about this host's network: default gateway, source address, interface and LAN prefix.

import { createSocket, type Socket as DgramSocket } from 'node:dgram'
import { execFile } from 'node:child_process'
import { isIPv4 } from 'node:net'
import { readFile } from 'node:fs/promises'
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os'
import { normalizeAddress, networkOf } from '../util/ip.js'

/** `route`/`netstat` answer in milliseconds; two seconds only matters on a hung system. */
export const ROUTE_COMMAND_TIMEOUT_MS = 2000

/** A default route: the interface it leaves by, the gateway, and its metric (lower wins). */
export interface DefaultRoute {
  iface: string
  gateway: string
  metric: number
}

// Route flags from <linux/route.h>: RTF_UP and RTF_GATEWAY.
const RTF_UP = 0x1
const RTF_GATEWAY = 0x2

/**
 * Parses Linux `/proc/net/route` (hex fields, addresses little-endian) into its default routes.
 */
export function parseProcNetRoute(text: string): DefaultRoute[] {
  const routes: DefaultRoute[] = []
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/)
    if (f.length < 8) continue
    const [iface, dest, gw, flags, , , metric, mask] = f as [string, string, string, string, string, string, string, string]
    const flagBits = parseInt(flags, 16)
    if (dest !== '00000000' || mask !== '00000000' || (flagBits & (RTF_UP | RTF_GATEWAY)) !== (RTF_UP | RTF_GATEWAY)) continue
    if (!/^[0-9A-Fa-f]{8}$/.test(gw)) continue
    // Little-endian: the last hex pair is the first octet.
    const gateway = gw.match(/../g)!.reverse().map((h) => parseInt(h, 16)).join('.')
    routes.push({ iface, gateway, metric: Number(metric) || 0 })
  }
  return routes
}

/** Parses macOS/BSD `route -n get default`: the `gateway:` line. */
export function parseRouteGet(text: string): DefaultRoute[] {
  const gateway = /^\s*gateway:\s*(\d+\.\d+\.\d+\.\d+)\s*$/m.exec(text)?.[1]
  const iface = /^\s*interface:\s*(\S+)\s*$/m.exec(text)?.[1] ?? ''
  return gateway === undefined ? [] : [{ iface, gateway, metric: 0 }]
}

/** Parses Windows `route print -4 0.0.0.0`: rows `0.0.0.0 0.0.0.0 <gateway> <interface> <metric>`. */
export function parseWindowsRoutePrint(text: string): DefaultRoute[] {
  const routes: DefaultRoute[] = []
  const row = /^\s*0\.0\.0\.0\s+0\.0\.0\.0\s+(\d+\.\d+\.\d+\.\d+)\s+(\d+\.\d+\.\d+\.\d+)\s+(\d+)\s*$/gm
  for (const m of text.matchAll(row)) routes.push({ gateway: m[1]!, iface: m[2]!, metric: Number(m[3]) })
  return routes
}

/**
 * Picks the default gateway: the lowest-metric default route, preferring one that leaves by
 * `iface` (the interface our probe uses) when it is known. Windows names the interface by address.
 */
export function pickGateway(routes: readonly DefaultRoute[], iface: string | null, address: string | null): string | null {
  const sorted = [...routes].sort((a, b) => a.metric - b.metric)
  const onOurs = sorted.find((r) => r.iface === iface || r.iface === address)
  return (onOurs ?? sorted[0])?.gateway ?? null
}

/** How to read the routing table; injectable for tests. */
export interface RouteSources {
  platform: NodeJS.Platform
  readFile(path: string): Promise<string>
  run(cmd: string, args: string[]): Promise<string>
}

/** The real sources: `/proc/net/route` on Linux, `route` elsewhere. */
export const systemRouteSources: RouteSources = {
  platform: process.platform,
  readFile: (path) => readFile(path, 'latin1'),
  run: (cmd, args) =>
    new Promise((resolve, reject) => {
      execFile(cmd, args, { timeout: ROUTE_COMMAND_TIMEOUT_MS, windowsHide: true }, (err, stdout) =>
        err ? reject(err) : resolve(stdout),
      )
    }),
}

/** Reads the default routes from the OS; an empty list when it cannot tell. */
export async function readDefaultRoutes(src: RouteSources = systemRouteSources): Promise<DefaultRoute[]> {
  try {
    if (src.platform === 'linux') return parseProcNetRoute(await src.readFile('/proc/net/route'))
    if (src.platform === 'win32') return parseWindowsRoutePrint(await src.run('route', ['print', '-4', '0.0.0.0']))
    return parseRouteGet(await src.run('route', ['-n', 'get', 'default']))
  } catch {
    return [] // no routing table readable: the gateway is reported as unknown
  }
}

/**
 * The local address the OS would use to reach `destination`. A connected UDP socket asks the
 * routing table without sending a packet. Null when there is no route.
 */
export function sourceAddressFor(destination: string, create: (type: 'udp4') => DgramSocket = createSocket): Promise<string | null> {
  if (!isIPv4(destination)) return Promise.resolve(null) // never a name lookup
  return new Promise((resolve) => {
    const socket = create('udp4')
    const done = (address: string | null): void => {
      socket.close()
      resolve(address)
    }
    socket.on('error', () => done(null))
    // Port 9 (discard) is arbitrary: connect() on UDP only picks the route and source address.
    // With no route, Node hands ENETUNREACH to this callback (no 'error' event), and the
    // socket's address is then the unspecified 0.0.0.0.
    socket.connect(9, destination, (err?: Error) => {
      const address = err ? null : normalizeAddress(socket.address().address)
      done(address === '0.0.0.0' ? null : address)
    })
  })
}

/** Where an address sits: its interface and the LAN prefix of that interface. */
export interface InterfaceInfo {
  name: string
  lanPrefix: string | null
}

/** Finds the interface holding `address`, or null. */
export function findInterface(
  address: string,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): InterfaceInfo | null {
  for (const [name, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.address !== address) continue
      const len = info.cidr === null ? NaN : Number(info.cidr.split('/')[1])
      return { name, lanPrefix: networkOf(address, len) }
    }
  }
  return null
}

/**
 * This host's global IPv6 address (2000::/3, the global unicast range), or null. Temporary
 * (privacy) addresses are not told apart by Node; the first global address wins.
 */
export function globalIpv6Address(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string | null {
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family === 'IPv6' && !info.internal && /^[23][0-9a-f]{0,3}:/i.test(info.address)) return info.address
    }
  }
  return null
}

/**
 * Interface names that VPN and overlay clients create: WireGuard (`wg0`, NordLynx), OpenVPN and
 * other tun/tap users (`tun0`, `tap0`), macOS `utun`, PPP links (`ppp0`, also used by some PPPoE
 * uplinks: then the run is on the router itself), IPsec (`ipsec0`, `vti`), Tailscale
 * (`tailscale0`), ZeroTier (`zt…`), Cloudflare WARP (`CloudflareWARP`). A route to the public IP
 * through one means the echo services saw the tunnel's exit, not this network.
 */
const TUNNEL_NAME = /^(?:wg|tun|tap|utun|ppp|ipsec|vti|tailscale|zt|nordlynx|cloudflarewarp|proton|mullvad|ovpn|wireguard)/i

/** Whether an interface name is a VPN or overlay tunnel's (see `TUNNEL_NAME`). */
export function isTunnelInterface(name: string): boolean {
  return TUNNEL_NAME.test(name)
}
