// The router family the gateway names, and its fixes first.

import type { Fix, Observations } from '../report/report.js'

/**
 * Router families recognisable from what the gateway tells UPnP (manufacturer, model, friendly
 * name), and the prefix of their fix ids in the catalogue.
 */
const VENDORS: ReadonlyArray<[RegExp, string, string]> = [
  [/mikrotik|routeros/i, 'mikrotik-', 'MikroTik RouterOS'],
  [/openwrt|lede/i, 'openwrt-', 'OpenWrt'],
  [/pfsense|netgate/i, 'pfsense-', 'pfSense'],
  [/opnsense|deciso/i, 'opnsense-', 'OPNsense'],
  [/ubiquiti|ubnt|edgerouter|edgeos|unifi/i, 'edgerouter-', 'Ubiquiti EdgeRouter/UniFi'],
]

/** The router family the gateway named over UPnP, if the catalogue has fixes for it. */
export function vendorOf(obs: Observations): { prefix: string; name: string } | null {
  const u = obs.gateway?.upnp
  const said = [u?.manufacturer, u?.model, u?.friendlyName].filter(Boolean).join(' ')
  const hit = VENDORS.find(([re]) => re.test(said))
  return hit === undefined ? null : { prefix: hit[1], name: hit[2] }
}

/** Moves the fixes `first` picks to the front, keeping the order within both groups. */
const promote = (fixes: Fix[], first: (f: Fix) => boolean): Fix[] => [...fixes.filter(first), ...fixes.filter((f) => !first(f))]

/** The router's own fixes first when it named itself; when IPv6 already works, the AAAA record before all. */
export function ordered(fixes: Fix[], obs: Observations): Fix[] {
  const vendor = vendorOf(obs)
  const byVendor = vendor === null ? fixes : promote(fixes, (f) => f.id.startsWith(vendor.prefix))
  return obs.ipv6?.outcome === 'ok' ? promote(byVendor, (f) => f.id === 'ipv6-aaaa-record') : byVendor
}

