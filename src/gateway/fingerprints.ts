// Recognises the router family from what a device says about itself: UPnP names, web UI title, Server header, certificate, redirect, login realm.

import { MAX_TEXT_CHARS } from '../net/service.js'
import { printable } from '../util/sanitize.js'
import type { ServiceIdentity, UpnpResult, VendorReport, WebUiPage, WebUiReport } from '../report/report.js'

/** The router families recognised: stable ids (the prefix of their fixes in the catalogue) and names for people. */
export const VENDOR_NAMES = Object.freeze({
  openwrt: 'OpenWrt',
  mikrotik: 'MikroTik RouterOS',
  pfsense: 'pfSense',
  opnsense: 'OPNsense',
  fritzbox: 'AVM FRITZ!Box',
  asus: 'ASUS',
  tplink: 'TP-Link',
  netgear: 'Netgear',
  unifi: 'Ubiquiti UniFi',
  edgerouter: 'Ubiquiti EdgeRouter',
  synology: 'Synology SRM',
  sophos: 'Sophos Firewall',
  fortigate: 'FortiGate',
} as const)

/** A vendor id, e.g. `openwrt`. */
export type VendorId = keyof typeof VENDOR_NAMES

/**
 * What a fingerprint looks at: `cert-name` a certificate's subject CN, issuer CN and subject
 * alternative names; `cert-o` its subject organisation; `upnp` the IGD's manufacturer, model and
 * friendly name; the others the web page's field of that name (`location`: where it redirects).
 */
export type FingerprintField = 'cert-name' | 'cert-o' | 'server' | 'location' | 'title' | 'realm' | 'upnp'

/** One row of the table: a pattern for one field, and where the string it matches is documented. */
export interface Fingerprint {
  id: VendorId
  field: FingerprintField
  /** Tested against the field's text (case-insensitive; never global, so `test` has no state). */
  pattern: RegExp
  /** Where the string is documented: a public source (URL). */
  source: string
  /** Vendor-named but generic or set by users: tried only after every strong row. */
  weak?: true
}

/** The names a certificate carries, as `WebUiPage.cert` and `TlsIdentity` record them. */
export interface CertNames {
  subject: string | null
  organization: string | null
  issuer: string | null
  sans: readonly string[]
}

/**
 * What answered HTTP(S) somewhere: the gateway's web UI page, or what answered on the public IP
 * (see `serviceIdentity`).
 */
export interface WebIdentity {
  title: string | null
  server: string | null
  certNames: CertNames | null
  /** Where the page sends the browser (`Location`, meta refresh, script redirect). */
  location: string | null
  /** The realm of a `WWW-Authenticate` challenge. */
  realm: string | null
}

/** What an IGD's description names. */
export type UpnpNames = Pick<UpnpResult, 'manufacturer' | 'model' | 'friendlyName'>

/** What the matcher looks at: the gateway's UPnP names, and any number of web identities. */
export interface VendorSources {
  upnp?: UpnpNames | null
  identities?: readonly WebIdentity[]
}

const RECOG = 'https://github.com/rapid7/recog/blob/14fa1a7211e7fb5707c7a1b421a07d6c2cf4eec5/xml/'
const NMAP = 'https://github.com/nmap/nmap/blob/db4aefddfa348ec815ffa83a109c97e05db88766/nmap-service-probes'
const NUCLEI = 'https://github.com/projectdiscovery/nuclei-templates/blob/main/http/exposed-panels/'
const NERVA = 'https://github.com/praetorian-inc/nerva/blob/6baa80e6f57dbe6a1bce779e7441a686a2ba3fd8/pkg/plugins/fingerprinters/'
/** miniupnpd names the device after the OS it was built for (ROOTDEV_MANUFACTURER = OS_NAME), with special cases. */
const MINIUPNPD = 'https://github.com/miniupnp/miniupnp/blob/master/miniupnpd/genconfig.sh'

/**
 * The table, grouped by vendor. Order matters within a field where strings collide: TP-Link's rows
 * come before OpenWrt's (modern Archer firmware is an OpenWrt/uhttpd derivative and its API lives
 * under /cgi-bin/luci too; nmap-service-probes line 10127). Sophos's and Fortinet's obfuscated
 * `Server` headers are anchored (`xxxx` vs `xxxxxxxx-xxxxx`). Synology SRM is recognised by its
 * title alone: DSM NAS pages share its certificate (O=Synology Inc.) and page framework.
 */
export const FINGERPRINTS: readonly Fingerprint[] = Object.freeze([
  { id: 'fortigate', field: 'cert-o', pattern: /^Fortinet(?: Ltd\.)?$/i, source: `${RECOG}x509_subjects.xml#L880` },
  { id: 'fortigate', field: 'server', pattern: /^xxxxxxxx-xxxxx$/i, source: `${RECOG}http_servers.xml#L4791` },
  { id: 'fortigate', field: 'location', pattern: /\/remote\/login\b|\/fgtauth\?/i, source: `${NUCLEI}fortinet/fortinet-fortigate-panel.yaml` },
  { id: 'fortigate', field: 'title', pattern: /^FortiGate\b/i, source: `${RECOG}html_title.xml#L504` },

  { id: 'sophos', field: 'cert-name', pattern: /^(?:Sophos|Cyberoam)ApplianceCertificate/i, source: `${RECOG}x509_subjects.xml#L1116` },
  { id: 'sophos', field: 'location', pattern: /\/(?:webconsole|userportal)\/webpages\//i, source: `${NERVA}sophos_test.go` },
  { id: 'sophos', field: 'title', pattern: /^Sophos$/i, source: `${NERVA}sophos.go` },
  { id: 'sophos', field: 'server', pattern: /^xxxx$/i, source: `${NERVA}sophos.go`, weak: true },

  { id: 'opnsense', field: 'cert-o', pattern: /^OPNsense\b.*self-signed web certificate$/i, source: 'https://github.com/opnsense/core/blob/master/src/etc/inc/plugins.inc.d/webgui.inc' },
  { id: 'opnsense', field: 'cert-o', pattern: /^OPNsense(?:\.localdomain)?$/i, source: `${RECOG}x509_subjects.xml#L1094` },
  { id: 'opnsense', field: 'server', pattern: /^OPNsense$/i, source: `${RECOG}http_servers.xml#L4399` },
  { id: 'opnsense', field: 'title', pattern: /\| OPNsense$/i, source: `${RECOG}html_title.xml#L3955` },
  // UPnP rows marked "kept" are src/diagnose/vendor.ts's, kept as they were: no public IGD capture confirms them
  // (OPNsense's plugin sets no name, so its miniupnpd says FreeBSD unless the user renames it).
  { id: 'opnsense', field: 'upnp', pattern: /opnsense|deciso/i, source: 'https://github.com/opnsense/plugins/blob/master/net/upnp/src/etc/inc/plugins.inc.d/miniupnpd.inc' }, // kept

  { id: 'pfsense', field: 'cert-o', pattern: /^(?:Netgate )?pfSense\b.*Self-Signed Certificate$/i, source: `${RECOG}x509_subjects.xml#L1073` },
  { id: 'pfsense', field: 'title', pattern: /^(?:Netgate )?pfSense(?: Plus)? - Login$/i, source: `${RECOG}html_title.xml#L3927` },
  { id: 'pfsense', field: 'upnp', pattern: /pfsense|netgate/i, source: MINIUPNPD },

  { id: 'tplink', field: 'cert-name', pattern: /^TP-LINK CA$/i, source: `${RECOG}x509_subjects.xml#L1680` },
  { id: 'tplink', field: 'cert-o', pattern: /^TP-LINK Technologies\b/i, source: `${RECOG}x509_subjects.xml#L1680` },
  { id: 'tplink', field: 'server', pattern: /^TP-LINK (?:HTTPD\/1\.0|Router)$/i, source: `${RECOG}http_servers.xml#L4132` },
  { id: 'tplink', field: 'server', pattern: /^Router Webserver$/i, source: `${RECOG}http_servers.xml#L4122`, weak: true },
  { id: 'tplink', field: 'location', pattern: /\/webpages\/(?:login|index)\.html\b/i, source: `${NMAP}#L10127` },
  { id: 'tplink', field: 'realm', pattern: /^TP-LINK\b|^TD-[VW8][A-Z0-9]+(?: \d+\.\d+)?$/i, source: `${RECOG}http_wwwauth.xml#L398` },

  { id: 'openwrt', field: 'cert-o', pattern: /^OpenWrt[0-9a-f]{8}$/i, source: 'https://github.com/openwrt/openwrt/pull/15366' },
  { id: 'openwrt', field: 'cert-name', pattern: /^OpenWrt$/i, source: `${RECOG}x509_subjects.xml#L1395` },
  { id: 'openwrt', field: 'location', pattern: /\/cgi-bin\/luci(?:[/?#;]|$)/i, source: 'https://github.com/openwrt/luci/blob/master/modules/luci-base/root/www/index.html' },
  { id: 'openwrt', field: 'title', pattern: / - LuCI$/i, source: `${NUCLEI}openwrt-login.yaml` },
  { id: 'openwrt', field: 'upnp', pattern: /openwrt|\blede\b/i, source: MINIUPNPD },
  // LuCI's title is the hostname, `OpenWrt` until someone names the router.
  { id: 'openwrt', field: 'title', pattern: /^OpenWrt(?: \| .*)?$/i, source: 'https://github.com/openwrt/luci/blob/master/themes/luci-theme-bootstrap/ucode/template/themes/bootstrap/header.ut', weak: true },

  { id: 'mikrotik', field: 'server', pattern: /^Mikrotik HttpProxy$/i, source: `${RECOG}http_servers.xml#L1078` },
  { id: 'mikrotik', field: 'location', pattern: /(?:^|\/)webfig\//i, source: `${NERVA}mikrotik.go` },
  { id: 'mikrotik', field: 'title', pattern: /^RouterOS router configuration page$|mikrotik routeros/i, source: `${RECOG}html_title.xml#L664` },
  { id: 'mikrotik', field: 'upnp', pattern: /mikrotik|routeros/i, source: `${RECOG}http_servers.xml#L4276` },
  { id: 'mikrotik', field: 'title', pattern: /^RouterOS$/i, source: `${NERVA}mikrotik_test.go`, weak: true },

  { id: 'fritzbox', field: 'cert-name', pattern: /(?:^|\.)(?:my)?fritz\.box$/i, source: 'https://github.com/gwarser/filter-lists/issues/12' },
  // Anchored: FRITZ!Repeater and FRITZ!Powerline (recog html_title.xml L236, L244) are AVM but never the gateway.
  { id: 'fritzbox', field: 'title', pattern: /^FRITZ!Box\b/i, source: `${RECOG}html_title.xml#L228` },
  { id: 'fritzbox', field: 'upnp', pattern: /FRITZ!Box|\bAVM Berlin\b/i, source: `${RECOG}http_servers.xml#L3444` },

  // gencert.sh names the certificate after local_domain, `router.asus.com` by default (shared/defaults.c).
  { id: 'asus', field: 'cert-name', pattern: /^router\.asus\.com$/i, source: 'https://github.com/RMerl/asuswrt-merlin.ng/blob/master/release/src/router/httpd/gencert.sh' },
  { id: 'asus', field: 'location', pattern: /\/Main_Login\.asp\b/i, source: 'https://github.com/RMerl/asuswrt-merlin.ng/blob/master/release/src/router/www/Main_Login.asp' },
  { id: 'asus', field: 'title', pattern: /^ASUS Login$/i, source: `${RECOG}html_title.xml#L3626` },
  { id: 'asus', field: 'upnp', pattern: /\bASUS(?:TeK)?\b|\bAsusWRT\b/i, source: 'https://github.com/RMerl/asuswrt-merlin.ng/blob/master/release/src/router/miniupnpd/upnpdescstrings.h' },
  { id: 'asus', field: 'realm', pattern: /^RT-[A-Z0-9]/i, source: `${NMAP}#L7084`, weak: true },

  { id: 'netgear', field: 'cert-name', pattern: /(?:^|\.)routerlogin\.(?:net|com)$/i, source: 'https://www.theregister.com/2020/01/20/netgear_exposed_certificates/' },
  { id: 'netgear', field: 'server', pattern: /Delta Networks|^NETGEAR\b|^IP_SHARER WEB/i, source: `${NMAP}#L7473` },
  { id: 'netgear', field: 'location', pattern: /routerlogin\.(?:net|com)/i, source: 'https://www.theregister.com/2020/01/20/netgear_exposed_certificates/' },
  { id: 'netgear', field: 'title', pattern: /^NETGEAR Router\b/i, source: `${RECOG}html_title.xml#L757` },
  { id: 'netgear', field: 'realm', pattern: /^NETGEAR\b/i, source: `${RECOG}http_wwwauth.xml#L569` },
  { id: 'netgear', field: 'upnp', pattern: /\bNETGEAR\b/i, source: `${RECOG}http_servers.xml#L3568` },

  { id: 'unifi', field: 'cert-name', pattern: /^unifi\.local$/i, source: 'https://github.com/kchristensen/udm-le/issues/108' },
  { id: 'unifi', field: 'cert-name', pattern: /^(?:unifi|CloudKey)$/i, source: `${RECOG}x509_subjects.xml#L955` },
  { id: 'unifi', field: 'cert-o', pattern: /^ubnt\.com$/i, source: `${RECOG}x509_subjects.xml#L965` },
  { id: 'unifi', field: 'title', pattern: /^UniFi (?:OS|Network)$/i, source: `${NERVA}unifi.go` },
  { id: 'unifi', field: 'title', pattern: /^(?:UniFi Security Gateway|Cloud\s*Key)$/i, source: `${RECOG}html_title.xml#L525` },
  { id: 'unifi', field: 'upnp', pattern: /unifi/i, source: `${RECOG}html_title.xml#L3596` }, // kept

  { id: 'edgerouter', field: 'cert-name', pattern: /^(?:UBNT Router UI|UbiquitiRouterUI)$/i, source: `${RECOG}x509_subjects.xml#L1018` },
  { id: 'edgerouter', field: 'title', pattern: /^EdgeOS$/i, source: `${RECOG}html_title.xml#L545` },
  { id: 'edgerouter', field: 'upnp', pattern: /edgerouter|edgeos/i, source: `${RECOG}html_title.xml#L545` }, // kept
  // Any Ubiquiti device (kept): EdgeRouter's fixes were the family's only ones before UniFi had its own.
  { id: 'edgerouter', field: 'upnp', pattern: /ubiquiti|ubnt/i, source: `${RECOG}x509_subjects.xml#L996`, weak: true },

  // `&nbsp;` as recorded raw, or decoded (U+00A0 is whitespace). DSM's title says DiskStation (recog L452).
  { id: 'synology', field: 'title', pattern: /^Synology(?:\s|&nbsp;)+Router\b/i, source: `${RECOG}html_title.xml#L483` },
])

/**
 * The order fields are tried in, most specific first. Certificates: vendor-generated defaults that
 * people rarely replace on a LAN. `Server` headers: exact, set by the firmware. Redirect targets:
 * the firmware's own paths. Titles: exact strings, though some are hostnames. Login realms: old
 * firmware. UPnP names last: miniupnpd names the OS it was built for, so firmware built on OpenWrt
 * says OpenWRT whatever its vendor (genconfig.sh), and a friendly name is often the user's.
 */
export const FIELD_ORDER: readonly FingerprintField[] = Object.freeze(['cert-name', 'cert-o', 'server', 'location', 'title', 'realm', 'upnp'])

/** The table in matching order: strong rows before weak ones, then by `FIELD_ORDER`, then as written (stable). */
const MATCH_ORDER: readonly Fingerprint[] = [...FINGERPRINTS].sort(
  (a, b) => Number(a.weak === true) - Number(b.weak === true) || FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field),
)

/** How each field is named in `VendorReport.via`. */
const VIA: Readonly<Record<FingerprintField, string>> = {
  'cert-name': 'TLS certificate',
  'cert-o': 'TLS certificate',
  server: 'web UI Server header',
  location: 'web UI redirect',
  title: 'web UI title',
  realm: 'web UI login realm',
  upnp: 'upnp',
}

/** One text a field offers, and how to name it as evidence. */
interface Candidate {
  text: string
  label: string
}

/** The texts `field` offers across the sources, in order (UPnP manufacturer, model, friendly name; identities as given). */
function candidates(field: FingerprintField, s: VendorSources): Candidate[] {
  const ids = s.identities ?? []
  const of = (texts: ReadonlyArray<string | null | undefined>, label = ''): Candidate[] =>
    texts.filter((t): t is string => typeof t === 'string' && t !== '').map((text) => ({ text, label: `${label}${text}` }))
  switch (field) {
    case 'upnp':
      return s.upnp ? of([s.upnp.manufacturer, s.upnp.model, s.upnp.friendlyName]) : []
    case 'cert-name':
      return ids.flatMap((i) => (i.certNames === null ? [] : [...of([i.certNames.subject], 'CN='), ...of([i.certNames.issuer], 'issuer CN='), ...of(i.certNames.sans, 'SAN ')]))
    case 'cert-o':
      return ids.flatMap((i) => of([i.certNames?.organization], 'O='))
    default:
      return of(ids.map((i) => i[field]))
  }
}

/**
 * The router family the sources show, by the first row of the table (in `FIELD_ORDER`, strong rows
 * before weak ones) that matches any of them; null when none does. The most specific evidence wins
 * whichever source it comes from: a web UI certificate or title beats a UPnP name, which beats only
 * a weak row. Pure; evidence is the matched text, made printable and capped.
 */
export function matchVendor(s: VendorSources): VendorReport | null {
  for (const fp of MATCH_ORDER) {
    const hit = candidates(fp.field, s).find((c) => fp.pattern.test(c.text))
    if (hit !== undefined) return { id: fp.id, name: VENDOR_NAMES[fp.id], via: VIA[fp.field], evidence: printable(hit.label, MAX_TEXT_CHARS) }
  }
  return null
}

/** A web UI page as an identity to match. */
export function pageIdentity(page: WebUiPage): WebIdentity {
  return { title: page.title, server: page.server, certNames: page.cert, location: page.location, realm: page.realm }
}

/** What `identifyService` saw (e.g. on the public IP) as an identity to match: title, `Server` and certificate. */
export function serviceIdentity(id: ServiceIdentity): WebIdentity {
  return { title: id.http?.title ?? null, server: id.http?.server ?? null, certNames: id.tls, location: null, realm: null }
}

/** The router family the gateway shows over UPnP and its web UI (either may be missing). */
export function gatewayVendor(upnp: UpnpNames | null, webui: WebUiReport | null): VendorReport | null {
  return matchVendor({ upnp, identities: (webui?.pages ?? []).map(pageIdentity) })
}

/** The router family a single identity shows (e.g. what answered on the public IP). */
export function identityVendor(identity: WebIdentity): VendorReport | null {
  return matchVendor({ identities: [identity] })
}
