// The router family the gateway names, and its fixes first.

import type { Fix, Observations } from '../report/report.js'
import { VENDOR_NAMES } from './catalogue.js'

/**
 * Router families recognisable from what the gateway tells UPnP (manufacturer, model, friendly
 * name), and the prefix of their fix ids in the catalogue (the vendor id and a dash).
 */
const VENDORS: ReadonlyArray<[RegExp, string, string]> = [
  [/mikrotik|routeros/i, 'mikrotik-', VENDOR_NAMES.mikrotik],
  [/openwrt|lede/i, 'openwrt-', VENDOR_NAMES.openwrt],
  [/pfsense|netgate/i, 'pfsense-', VENDOR_NAMES.pfsense],
  [/opnsense|deciso/i, 'opnsense-', VENDOR_NAMES.opnsense],
  [/unifi|dream machine/i, 'unifi-', VENDOR_NAMES.unifi],
  [/ubiquiti|ubnt|edgerouter|edgeos|edgemax/i, 'edgerouter-', VENDOR_NAMES.edgerouter],
  [/fortinet|fortigate|fortiwifi/i, 'fortigate-', VENDOR_NAMES.fortigate],
  [/sophos/i, 'sophos-', VENDOR_NAMES.sophos],
  [/fritz!?\s?box|\bavm\b/i, 'fritzbox-', VENDOR_NAMES.fritzbox],
  [/vyos/i, 'vyos-', VENDOR_NAMES.vyos],
  [/cisco/i, 'cisco-', VENDOR_NAMES.cisco],
]

/**
 * The router family the gateway showed: as the run recognised it (UPnP or its web UI,
 * `gateway.vendor`), else from the UPnP names alone (a report without that field). `via` says how.
 */
export function vendorOf(obs: Observations): { prefix: string; name: string; via: string } | null {
  const known = obs.gateway?.vendor
  if (known) return { prefix: `${known.id}-`, name: known.name, via: known.via === 'upnp' ? 'over UPnP' : `by its ${known.via}` }
  const u = obs.gateway?.upnp
  const said = [u?.manufacturer, u?.model, u?.friendlyName].filter(Boolean).join(' ')
  const hit = VENDORS.find(([re]) => re.test(said))
  return hit === undefined ? null : { prefix: hit[1], name: hit[2], via: 'over UPnP' }
}

/** Moves the fixes `first` picks to the front, keeping the order within both groups. */
const promote = (fixes: Fix[], first: (f: Fix) => boolean): Fix[] => [...fixes.filter(first), ...fixes.filter((f) => !first(f))]

/** The router's own fixes first when it named itself; when IPv6 already works, the AAAA record before all. */
export function ordered(fixes: Fix[], obs: Observations): Fix[] {
  const vendor = vendorOf(obs)
  const byVendor = vendor === null ? fixes : promote(fixes, (f) => f.id.startsWith(vendor.prefix))
  return obs.ipv6?.outcome === 'ok' ? promote(byVendor, (f) => f.id === 'ipv6-aaaa-record') : byVendor
}

