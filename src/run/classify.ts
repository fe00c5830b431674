// Names the address the listener saw: this client, the gateway, the public IP, or something else.

import { normalizeAddress } from '../util/ip.js'
import type { PeerKind } from '../report/report.js'

/** The addresses an observed peer is compared with; any may be unknown. */
export interface KnownAddresses {
  client: string | null
  gateway: string | null
  publicIp: string | null
}

/**
 * Classifies the address the listener saw. The client is checked first: when it holds the
 * public address itself (no NAT) the peer is still "the client". Null when nothing was observed.
 */
export function classifyPeer(observed: string | null, known: KnownAddresses): PeerKind | null {
  if (observed === null) return null
  const peer = normalizeAddress(observed)
  const is = (address: string | null): boolean => address !== null && normalizeAddress(address) === peer
  if (is(known.client)) return 'client'
  if (is(known.gateway)) return 'gateway'
  if (is(known.publicIp)) return 'public-ip'
  return 'other'
}
