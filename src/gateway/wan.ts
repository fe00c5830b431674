// What the gateway says its WAN (external) address is: NAT-PMP first, then UPnP IGD.

import type { GatewayReport } from '../report/report.js'

/** The external address the gateway reports (NAT-PMP success, else UPnP), never 0.0.0.0; null when it reports none. */
export function externalAddressOf(g: GatewayReport | null): string | null {
  const natpmp = g?.natpmp?.resultCode === 0 && g.natpmp.externalIp !== '0.0.0.0' ? g.natpmp.externalIp : null
  return natpmp ?? (g?.upnp?.externalIp || null)
}
