// Asks the default gateway what it thinks its WAN address is, over NAT-PMP, PCP and UPnP IGD at once, and reads its web UI for its family.

import { normalizeAddress } from '../util/ip.js'
import type { GatewayReport, NatPmpResult, PcpResult, UpnpResult, WebUiReport } from '../report/report.js'
import { NOT_WAITED_FOR } from './exchange.js'
import { gatewayVendor } from './fingerprints.js'
import { natPmpExternalAddress } from './natpmp.js'
import { pcpAnnounce } from './pcp.js'
import { otherMapping, UPNP_NOTHING, upnpQuery } from './upnp.js'
import { readWebUi } from './webui.js'

/** The four clients; injectable for tests. */
export interface GatewayQueryIO {
  natpmp: typeof natPmpExternalAddress
  pcp: typeof pcpAnnounce
  upnp: typeof upnpQuery
  webui: typeof readWebUi
}

/** What the query needs. */
export interface GatewayQueryOptions {
  /** The default gateway (IPv4), or null when unknown. */
  gateway: string | null
  /** This host's address towards the gateway, or null when unknown. */
  client: string | null
  /** The forwarded port whose UPnP mapping is looked up. */
  port: number
  /** Further ports tested in the same run: their mappings are looked up too (see `forPort`). */
  otherPorts?: readonly number[]
  protocol: 'TCP' | 'UDP'
  /** Each protocol's whole budget; they run side by side, so this bounds the query. */
  timeoutMs: number
  now(): number
  /** Aborted when the answers can no longer change the verdict: each client ends at once, with what it has. */
  signal?: AbortSignal
  /**
   * Resolves when UPnP may start; absent: at once. NAT-PMP, PCP and the web UI start at once; UPnP,
   * the slowest (a search window, a description, up to four SOAP calls) and the only one that
   * multicasts to the whole LAN, can wait until its answer may matter (see `UPNP_HOLD_MS` in
   * run/gateway.ts). Its deadline still counts from the query's start.
   */
  hold?: Promise<void>
  /** Called once NAT-PMP, PCP and the web UI have all answered (or failed): what is left is UPnP's. */
  onUnheldDone?: () => void
}

const REAL_IO: GatewayQueryIO = { natpmp: natPmpExternalAddress, pcp: pcpAnnounce, upnp: upnpQuery, webui: readWebUi }

/** The error text of a client that broke its promise never to reject. */
const broken = (err: unknown): string => `internal error: ${String(err)}`

/** A web UI read that broke its promise never to reject: one page saying so. */
const brokenWebUi = (gateway: string, err: unknown, ms: number): WebUiReport => ({
  pages: [{ url: `http://${gateway}/`, status: null, server: null, title: null, location: null, realm: null, cert: null, error: broken(err), ms }],
})

/** Resolves when `hold` does (absent: at once) or `signal` aborts, whichever comes first. */
function held(hold: Promise<void> | undefined, signal: AbortSignal | undefined): Promise<void> {
  if (hold === undefined || signal?.aborted === true) return Promise.resolve()
  return new Promise((resolve) => {
    const done = (): void => {
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
    void hold.then(done)
  })
}

/** UPnP once the hold ends, within what is left of the query's deadline; cut during the hold, it says so. */
async function upnpAfterHold(opts: GatewayQueryOptions, gateway: string | null, io: GatewayQueryIO, ms: () => number): Promise<UpnpResult> {
  await held(opts.hold, opts.signal)
  if (opts.signal?.aborted === true) return { ...UPNP_NOTHING, error: NOT_WAITED_FOR, ms: ms() }
  const { port, otherPorts, protocol, now, signal } = opts
  const timeoutMs = opts.hold === undefined ? opts.timeoutMs : opts.timeoutMs - ms()
  return io.upnp({ gateway, port, otherPorts, protocol, timeoutMs, now, signal })
}

/**
 * Asks the gateway over NAT-PMP, PCP and UPnP and reads its web UI, all in parallel. Without a
 * gateway NAT-PMP, PCP and the web UI are not asked and UPnP still searches (accepting only IGDs at
 * private addresses). The vendor comes from both (see `matchVendor` for which evidence wins). Never rejects.
 */
export async function queryGateway(opts: GatewayQueryOptions, io: GatewayQueryIO = REAL_IO): Promise<GatewayReport> {
  const gateway = opts.gateway === null ? null : normalizeAddress(opts.gateway)
  const client = opts.client === null ? null : normalizeAddress(opts.client)
  const { timeoutMs, now, signal } = opts
  const started = now()
  const ms = (): number => Math.round(now() - started)
  const unheld = Promise.all([
    gateway === null
      ? null
      : io.natpmp({ gateway, timeoutMs, now, signal }).catch((err: unknown): NatPmpResult => ({ resultCode: null, externalIp: null, epoch: null, error: broken(err), ms: ms() })),
    gateway === null || client === null
      ? null
      : io.pcp({ gateway, client, timeoutMs, now, signal }).catch((err: unknown): PcpResult => ({ present: null, version: null, resultCode: null, error: broken(err), ms: ms() })),
    gateway === null ? null : io.webui({ gateway, timeoutMs, now, signal }).catch((err: unknown) => brokenWebUi(gateway, err, ms())),
  ])
  void unheld.then(() => opts.onUnheldDone?.())
  const [[natpmp, pcp, webui], upnp] = await Promise.all([
    unheld,
    upnpAfterHold(opts, gateway, io, ms).catch((err: unknown): UpnpResult => ({ ...UPNP_NOTHING, error: broken(err), ms: ms() })),
  ])
  return { address: gateway, natpmp, pcp, upnp, webui, vendor: gatewayVendor(upnp, webui) }
}

/**
 * The gateway's report for another of the ports it was asked about (`otherPorts`): the same
 * answers, with that port's UPnP mapping. The report itself when the port was the one asked for.
 */
export function forPort(report: GatewayReport, port: number, lookup: typeof otherMapping = otherMapping): GatewayReport {
  const u = report.upnp
  const mapping = u === null ? undefined : lookup(u, port)
  return u === null || mapping === undefined ? report : { ...report, upnp: { ...u, mapping } }
}
