// Another NAT in front of the gateway: what the gateway says its WAN address is, and what that means.

import type { Observations } from '../report/report.js'
import { externalAddressOf } from '../gateway/wan.js'
import { rangeOf } from '../util/ip.js'

/** What the gateway reports as its WAN (external) address: NAT-PMP first, then UPnP. */
export const gatewayWan = (obs: Observations): string | null => externalAddressOf(obs.gateway)

/**
 * Another NAT in front of the gateway: `cgnat` when its WAN address is in 100.64.0.0/10, else
 * `double-nat` (a private WAN address, a public one other than the `--public-ip` given, or a
 * gateway that says it has no usable WAN address — miniupnpd answers so for reserved ones).
 * Null when nothing says so, or nothing was asked.
 */
export function natInFront(obs: Observations): 'cgnat' | 'double-nat' | null {
  const wan = gatewayWan(obs)
  const pub = obs.publicIp.address
  if (wan !== null) {
    const range = rangeOf(wan)
    if (range === 'shared') return 'cgnat'
    if (range === 'private') return 'double-nat'
    // Another public address: a NAT with a public address in front, when the user named the public IP;
    // otherwise the echo services may have seen another path (a VPN): see `otherPath`.
    return obs.publicIp.via === 'flag' && pub !== null && wan !== pub ? 'double-nat' : null
  }
  // miniupnpd refuses a reserved WAN address: NAT-PMP "network failure", and over UPnP an empty
  // GetExternalIPAddress (its status can still say Connected).
  const g = obs.gateway
  const u = g?.upnp
  const upnpNoWan = u?.found === true && u.error === null && u.externalIp === null
  return g?.natpmp?.resultCode === 3 || upnpNoWan ? 'double-nat' : null
}
