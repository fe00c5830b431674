// The facts a fix is filled in with: the network's context, and the same as command text with named placeholders.

import type { HostFirewallFinding } from '../../report/report.js'
import { intToIpv4, ipv4ToInt, networkOf } from '../../util/ip.js'

/** Facts about this network that fill in the commands. Any may be unknown (null). */
export interface FixContext {
  /** The LAN the client and server sit in, e.g. `192.168.1.0/24`. */
  lanPrefix: string | null
  /** The LAN server the forward points to (in single-host mode: this host's LAN address). */
  server: string | null
  /** The forwarded port. */
  port: number
  /** The router's public IPv4 address. */
  publicIp: string | null
  /** The router's LAN address. */
  gateway: string | null
  /** The protocol the forward carries (what failed); default 'tcp'. */
  protocol?: 'tcp' | 'udp'
  /** The DNS name clients use (`--host`), when given. */
  name?: string | null
  /** The server's global IPv6 address, when known. */
  serverV6?: string | null
  /** What the name resolved to, when it points somewhere unexpected. */
  nameAddresses?: readonly string[]
  /** The WAN address the gateway reports, when it reports one. */
  gatewayWan?: string | null
  /** This host's firewall that blocks the port (or, unread, may), when one was found. */
  hostFirewall?: HostFirewallFinding | null
}

/** The context as command text: known values, or a named placeholder — never a made-up address. */
export interface Values {
  /** The LAN prefix, `192.168.1.0/24`. */
  lan: string
  /** The LAN's network address alone, `192.168.1.0`. */
  lanNet: string
  /** The LAN's netmask, `255.255.255.0` (Cisco ASA objects). */
  lanMask: string
  /** The LAN's wildcard mask, `0.0.0.255` (Cisco IOS access lists). */
  lanWild: string
  server: string
  port: string
  pub: string
  gw: string
  /** `tcp` or `udp`, as rule syntax writes it. */
  proto: string
  /** `TCP` or `UDP`, as router UIs write it. */
  PROTO: string
  name: string
  v6: string
  resolved: string
  wan: string
  /** The firewall finding a fix opens the port in, or null. */
  firewall: HostFirewallFinding | null
  /** The port as a number (0 when it is not a valid port: no command is built then). */
  portNumber: number
  /** The protocol as rule syntax wants it. */
  protocol: 'tcp' | 'udp'
}

/** A catalogue entry filled in: its title, the documentation it follows and its commands. */
export interface Built {
  title: string
  /** The URL of the documentation the fix follows. */
  source: string
  commands: string[]
}

/** How a catalogue entry is filled in from the values. */
export type Builder = (v: Values) => Built

const address = (a: string | null, placeholder: string): string => (a !== null && ipv4ToInt(a) !== null ? a : placeholder)

/** The LAN as network address and length, when it is a valid IPv4 prefix (host bits cleared). */
function lanOf(p: string | null): { net: string; len: number } | null {
  const m = p === null ? null : /^([^/]+)\/(\d{1,2})$/.exec(p)
  const cidr = m && networkOf(m[1]!, Number(m[2]))
  return cidr ? { net: cidr.split('/')[0]!, len: Number(m[2]) } : null
}

const maskOf = (len: number): number => (len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0)

/** The context as command text. */
export function valuesOf(ctx: FixContext): Values {
  const { port } = ctx
  const lan = lanOf(ctx.lanPrefix)
  return {
    lan: lan ? `${lan.net}/${lan.len}` : '<LAN-prefix>',
    lanNet: lan?.net ?? '<LAN-network>',
    lanMask: lan ? intToIpv4(maskOf(lan.len)) : '<LAN-netmask>',
    lanWild: lan ? intToIpv4(~maskOf(lan.len) >>> 0) : '<LAN-wildcard>',
    server: address(ctx.server, '<server-LAN-address>'),
    port: Number.isInteger(port) && port >= 1 && port <= 65535 ? String(port) : '<port>',
    pub: address(ctx.publicIp, '<public-IP>'),
    gw: address(ctx.gateway, '<gateway-LAN-address>'),
    proto: ctx.protocol ?? 'tcp',
    PROTO: (ctx.protocol ?? 'tcp').toUpperCase(),
    name: ctx.name ?? '<your-hostname>',
    v6: ctx.serverV6 ?? '<server-IPv6-address>',
    resolved: ctx.nameAddresses?.join(', ') || '<what it resolves to>',
    wan: address(ctx.gatewayWan ?? null, "<this router's WAN address>"),
    firewall: ctx.hostFirewall ?? null,
    portNumber: Number.isInteger(port) && port >= 1 && port <= 65535 ? port : 0,
    protocol: ctx.protocol ?? 'tcp',
  }
}
