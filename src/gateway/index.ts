// Asks the default gateway what it thinks its WAN address is, over NAT-PMP, PCP and UPnP IGD at once.

import { normalizeAddress } from '../util/ip.js'
import type { GatewayReport, NatPmpResult, PcpResult, UpnpResult } from '../report/report.js'
import { natPmpExternalAddress } from './natpmp.js'
import { pcpAnnounce } from './pcp.js'
import { UPNP_NOTHING, upnpQuery } from './upnp.js'

/** The three clients; injectable for tests. */
export interface GatewayQueryIO {
  natpmp: typeof natPmpExternalAddress
  pcp: typeof pcpAnnounce
  upnp: typeof upnpQuery
}

/** What the query needs. */
export interface GatewayQueryOptions {
  /** The default gateway (IPv4), or null when unknown. */
  gateway: string | null
  /** This host's address towards the gateway, or null when unknown. */
  client: string | null
  /** The forwarded port whose UPnP mapping is looked up. */
  port: number
  protocol: 'TCP' | 'UDP'
  /** Each protocol's whole budget; they run side by side, so this bounds the query. */
  timeoutMs: number
  now(): number
}

const REAL_IO: GatewayQueryIO = { natpmp: natPmpExternalAddress, pcp: pcpAnnounce, upnp: upnpQuery }

/** The error text of a client that broke its promise never to reject. */
const broken = (err: unknown): string => `internal error: ${String(err)}`

/**
 * Asks the gateway over NAT-PMP, PCP and UPnP in parallel. Without a gateway NAT-PMP and PCP are
 * not asked and UPnP still searches (accepting only IGDs at private addresses). Never rejects.
 */
export async function queryGateway(opts: GatewayQueryOptions, io: GatewayQueryIO = REAL_IO): Promise<GatewayReport> {
  const gateway = opts.gateway === null ? null : normalizeAddress(opts.gateway)
  const client = opts.client === null ? null : normalizeAddress(opts.client)
  const { timeoutMs, now } = opts
  const started = now()
  const ms = (): number => Math.round(now() - started)
  const [natpmp, pcp, upnp] = await Promise.all([
    gateway === null
      ? null
      : io.natpmp({ gateway, timeoutMs, now }).catch((err: unknown): NatPmpResult => ({ resultCode: null, externalIp: null, epoch: null, error: broken(err), ms: ms() })),
    gateway === null || client === null
      ? null
      : io.pcp({ gateway, client, timeoutMs, now }).catch((err: unknown): PcpResult => ({ present: null, version: null, resultCode: null, error: broken(err), ms: ms() })),
    io.upnp({ gateway, port: opts.port, protocol: opts.protocol, timeoutMs, now }).catch(
      (err: unknown): UpnpResult => ({ ...UPNP_NOTHING, error: broken(err), ms: ms() }),
    ),
  ])
  return { address: gateway, natpmp, pcp, upnp, webui: null, vendor: null }
}
