// Tests for the router fingerprints: recorded real strings (each with its source), the collisions the research names, and the matching order.
import t from 'tap'
import { MAX_TEXT_CHARS } from '../../src/net/service.js'
import { hasInvisibles } from '../../src/util/sanitize.js'
import {
  FIELD_ORDER,
  FINGERPRINTS,
  gatewayVendor,
  identityVendor,
  matchVendor,
  pageIdentity,
  serviceIdentity,
  VENDOR_NAMES,
  type CertNames,
  type UpnpNames,
  type VendorId,
  type WebIdentity,
} from '../../src/gateway/fingerprints.js'
import type { ServiceIdentity, WebUiPage } from '../../src/report/report.js'

const web = (over: Partial<WebIdentity>): WebIdentity => ({ title: null, server: null, certNames: null, location: null, realm: null, ...over })
const cert = (over: Partial<CertNames>): CertNames => ({ subject: null, organization: null, issuer: null, sans: [], ...over })
const upnp = (manufacturer: string | null, model: string | null = null, friendlyName: string | null = null): UpnpNames => ({ manufacturer, model, friendlyName })

const RECOG = 'rapid7/recog@14fa1a72 xml/'

/** One recorded string per row kind, at least one per vendor: [what was seen, where it is recorded, id, via]. */
const REAL: Array<[WebIdentity | UpnpNames, string, VendorId, string]> = [
  [web({ certNames: cert({ subject: 'OpenWrt', organization: 'OpenWrt08f8a59c', issuer: 'OpenWrt' }) }), 'openwrt/openwrt PR #15366 (certificate dump)', 'openwrt', 'TLS certificate'],
  [web({ location: '/cgi-bin/luci' }), 'openwrt/luci modules/luci-base/root/www/index.html', 'openwrt', 'web UI redirect'],
  [web({ title: 'OpenWrt - LuCI' }), 'nuclei-templates http/exposed-panels/openwrt-login.yaml', 'openwrt', 'web UI title'],
  [upnp('OpenWRT', 'OpenWRT router'), 'miniupnpd genconfig.sh (OpenWRT special case)', 'openwrt', 'upnp'],
  [web({ title: 'RouterOS router configuration page' }), `${RECOG}html_title.xml L664`, 'mikrotik', 'web UI title'],
  [web({ server: 'Mikrotik HttpProxy' }), `${RECOG}http_servers.xml L1078`, 'mikrotik', 'web UI Server header'],
  [upnp('MikroTik', 'Router OS', 'MikroTik Router'), 'an IGD description (RouterOS)', 'mikrotik', 'upnp'],
  [web({ title: 'pfSense - Login' }), `${RECOG}html_title.xml L3927`, 'pfsense', 'web UI title'],
  [web({ title: 'Netgate pfSense Plus - Login' }), `${RECOG}html_title.xml L3941`, 'pfsense', 'web UI title'],
  [web({ certNames: cert({ subject: 'pfSense-58fb5b0b06777', organization: 'pfSense webConfigurator Self-Signed Certificate' }) }), `${RECOG}x509_subjects.xml L1073`, 'pfsense', 'TLS certificate'],
  [web({ certNames: cert({ subject: 'pfSense-5c76251e4d3e4', organization: 'pfSense GUI default Self-Signed Certificate' }) }), 'pfsense/pfsense src/etc/inc/certs.inc', 'pfsense', 'TLS certificate'],
  [web({ server: 'OPNsense' }), `${RECOG}http_servers.xml L4399`, 'opnsense', 'web UI Server header'],
  [web({ title: 'Login | OPNsense' }), `${RECOG}html_title.xml L3955`, 'opnsense', 'web UI title'],
  [web({ certNames: cert({ organization: 'OPNsense.localdomain' }) }), `${RECOG}x509_subjects.xml L1094`, 'opnsense', 'TLS certificate'],
  [web({ certNames: cert({ subject: 'OPNsense.internal', organization: 'OPNsense self-signed web certificate' }) }), 'opnsense/core webgui.inc', 'opnsense', 'TLS certificate'],
  [web({ title: 'FRITZ!Box' }), `${RECOG}html_title.xml L228; franzs/fritzbox_upload_certificate#13`, 'fritzbox', 'web UI title'],
  [web({ certNames: cert({ subject: 'fritz.box', sans: ['fritz.box', 'www.fritz.box', 'myfritz.box'] }) }), 'gwarser/filter-lists#12', 'fritzbox', 'TLS certificate'],
  [upnp('AVM Berlin', 'FRITZ!Box 7590', 'FRITZ!Box 7590'), 'IGD description of a FRITZ!Box 7590', 'fritzbox', 'upnp'],
  [web({ title: 'ASUS Login' }), `${RECOG}html_title.xml L3626`, 'asus', 'web UI title'],
  [web({ certNames: cert({ subject: 'router.asus.com', issuer: 'router.asus.com' }) }), 'asuswrt gencert.sh, local_domain default', 'asus', 'TLS certificate'],
  [web({ location: '/Main_Login.asp' }), 'asuswrt-merlin.ng www/Main_Login.asp', 'asus', 'web UI redirect'],
  [upnp('ASUSTeK Computer Inc.', 'RT-AX88U', 'ASUS RT-AX88U'), 'asuswrt-merlin.ng miniupnpd/upnpdescstrings.h', 'asus', 'upnp'],
  [web({ location: '/webpages/login.html' }), 'nmap-service-probes L10127', 'tplink', 'web UI redirect'],
  [web({ realm: 'TP-LINK Wireless N Router WR841N' }), `${RECOG}http_wwwauth.xml L398`, 'tplink', 'web UI login realm'],
  [web({ realm: 'TD-8840T 2.0' }), `${RECOG}http_wwwauth.xml L345`, 'tplink', 'web UI login realm'],
  [web({ server: 'TP-LINK HTTPD/1.0' }), `${RECOG}http_servers.xml L4132`, 'tplink', 'web UI Server header'],
  [web({ certNames: cert({ subject: 'TP-LINK CA', organization: 'TP-LINK Technologies CO., LTD.' }) }), `${RECOG}x509_subjects.xml L1680`, 'tplink', 'TLS certificate'],
  [web({ realm: 'NETGEAR R7000P' }), `${RECOG}http_wwwauth.xml L569`, 'netgear', 'web UI login realm'],
  [web({ realm: 'NETGEAR Orbi' }), `${RECOG}http_wwwauth.xml L558`, 'netgear', 'web UI login realm'],
  [web({ title: 'NETGEAR Router WNR2000v4' }), `${RECOG}html_title.xml L757`, 'netgear', 'web UI title'],
  [web({ server: 'Embedded HTTPD v1.00, 1999(c) Delta Networks Inc.' }), 'nmap-service-probes L7473', 'netgear', 'web UI Server header'],
  [web({ certNames: cert({ subject: 'www.routerlogin.net' }) }), 'The Register, 2020-01-20', 'netgear', 'TLS certificate'],
  [web({ title: 'UniFi OS' }), 'praetorian-inc/nerva unifi.go', 'unifi', 'web UI title'],
  [web({ title: 'UniFi Network' }), `${RECOG}html_title.xml L3596; nuclei unifi-panel.yaml`, 'unifi', 'web UI title'],
  [web({ certNames: cert({ subject: 'UniFi', organization: 'ubnt.com' }) }), `${RECOG}x509_subjects.xml L965`, 'unifi', 'TLS certificate'],
  [web({ certNames: cert({ issuer: 'unifi.local' }) }), 'kchristensen/udm-le#108', 'unifi', 'TLS certificate'],
  [web({ title: 'EdgeOS' }), `${RECOG}html_title.xml L545`, 'edgerouter', 'web UI title'],
  [web({ certNames: cert({ subject: 'UBNT Router UI', organization: 'Ubiquiti Networks' }) }), `${RECOG}x509_subjects.xml L1018`, 'edgerouter', 'TLS certificate'],
  [web({ title: 'Synology&nbsp;Router&nbsp;-&nbsp;synology' }), `${RECOG}html_title.xml L483 (raw)`, 'synology', 'web UI title'],
  [web({ title: 'Synology Router - synology' }), `${RECOG}html_title.xml L483 (decoded)`, 'synology', 'web UI title'],
  [web({ certNames: cert({ subject: 'SophosApplianceCertificate_C330AC22W713PAF', organization: 'Green House Data' }) }), `${RECOG}x509_subjects.xml L1116`, 'sophos', 'TLS certificate'],
  [web({ certNames: cert({ subject: 'CyberoamApplianceCertificate_C35316263111', organization: 'Cyberoam' }) }), `${RECOG}x509_subjects.xml L933`, 'sophos', 'TLS certificate'],
  [web({ server: 'xxxx', location: '/webconsole/webpages/login.jsp' }), 'praetorian-inc/nerva sophos_test.go', 'sophos', 'web UI redirect'],
  [web({ title: 'Sophos' }), 'praetorian-inc/nerva sophos.go', 'sophos', 'web UI title'],
  [web({ server: 'xxxxxxxx-xxxxx' }), `${RECOG}http_servers.xml L4791; nuclei fortios-panel.yaml`, 'fortigate', 'web UI Server header'],
  [web({ certNames: cert({ subject: 'FG100ETK1800118', organization: 'Fortinet' }) }), `${RECOG}x509_subjects.xml L880`, 'fortigate', 'TLS certificate'],
  [web({ location: '/remote/login' }), 'nuclei fortinet/fortinet-fortigate-panel.yaml', 'fortigate', 'web UI redirect'],
  [web({ title: 'FortiGate' }), `${RECOG}html_title.xml L504`, 'fortigate', 'web UI title'],
]

const match = (x: WebIdentity | UpnpNames): ReturnType<typeof matchVendor> => ('manufacturer' in x ? matchVendor({ upnp: x }) : identityVendor(x))

t.test('recorded real strings, one vendor each', async (t) => {
  for (const [seen, source, id, via] of REAL) t.match(match(seen), { id, name: VENDOR_NAMES[id], via }, `${id} by ${via}: ${source}`)
  const covered = new Set(REAL.map(([, , id]) => id))
  t.same([...covered].sort(), Object.keys(VENDOR_NAMES).sort(), 'every vendor has a recorded string')
})

t.test("src/diagnose/vendor.ts's UPnP patterns all have an equivalent", async (t) => {
  const said: Array<[string, VendorId]> = [
    ['MikroTik', 'mikrotik'],
    ['RouterOS', 'mikrotik'],
    ['OpenWrt', 'openwrt'],
    ['LEDE', 'openwrt'],
    ['pfSense', 'pfsense'],
    ['Netgate', 'pfsense'],
    ['OPNsense', 'opnsense'],
    ['Deciso B.V.', 'opnsense'],
    ['Ubiquiti Networks', 'edgerouter'],
    ['UBNT', 'edgerouter'],
    ['EdgeRouter X', 'edgerouter'],
    ['EdgeOS', 'edgerouter'],
    ['UniFi Dream Machine', 'unifi'],
  ]
  for (const [text, id] of said) {
    for (const names of [upnp(text), upnp(null, text), upnp(null, null, text)]) t.match(matchVendor({ upnp: names }), { id, via: 'upnp', evidence: text }, text)
  }
  t.equal(matchVendor({ upnp: upnp('Debian', 'MiniUPnPd', 'router') }), null, "a plain miniupnpd names its OS, no router family")
  t.equal(matchVendor({ upnp: upnp('Soledeck GmbH') }), null, '"lede" only as a word')
  t.match(matchVendor({ upnp: upnp('', 'MikroTik') }), { id: 'mikrotik', evidence: 'MikroTik' }, 'empty names are skipped')
})

t.test('collisions the research names', async (t) => {
  // TP-Link Archer firmware is built on OpenWrt: its miniupnpd may say OpenWRT and its API lives under /cgi-bin/luci.
  t.match(gatewayVendor(upnp('OpenWRT'), { pages: [page({ location: '/webpages/login.html' })] }), { id: 'tplink', via: 'web UI redirect' })
  t.match(matchVendor({ identities: [web({ location: '/cgi-bin/luci/;stok=/login?form=login' }), web({ location: '/webpages/index.html' })] }), { id: 'tplink' }, 'TP-Link before the /cgi-bin/luci rule')
  t.match(identityVendor(web({ location: '/cgi-bin/luci/;stok=/locale' })), { id: 'openwrt' }, 'alone, the LuCI path is OpenWrt')
  // Obfuscated Server headers: Sophos sends four x, Fortinet 8-5.
  t.match(identityVendor(web({ server: 'xxxx' })), { id: 'sophos', via: 'web UI Server header' })
  t.match(identityVendor(web({ server: 'xxxxxxxx-xxxxx' })), { id: 'fortigate' })
  for (const server of ['xxxxx', 'xxxx-xxxx', 'xxxxxxxx-xxxxxx', 'xxxxxxxxx-xxxxx']) t.equal(identityVendor(web({ server })), null, server)
  // Synology DSM shares SRM's certificate and framework: not a router.
  const dsm = web({ title: 'DS918&nbsp;-&nbsp;Synology&nbsp;DiskStation', certNames: cert({ subject: 'synology.com', organization: 'Synology Inc.', issuer: 'synology.com' }) })
  t.equal(identityVendor(dsm), null, 'DSM is not SRM')
  // AVM and MikroTik devices that are not the router.
  for (const title of ['FRITZ!Repeater', 'FRITZ!WLAN Repeater', 'FRITZ!Powerline', 'MikroTik SwOS']) t.equal(identityVendor(web({ title })), null, title)
  // Shared names that must never decide alone.
  const generic = [
    web({ title: 'Login', server: 'nginx' }),
    web({ title: 'Web Login', server: 'lighttpd', location: '/login' }),
    web({ title: 'index', server: 'uhttpd', location: 'https://192.168.1.1/' }),
    web({ title: 'Wireless Router', server: 'httpd/2.0', realm: 'Router' }),
    web({ title: 'router - Login', server: 'Boa/0.94.14rc21' }),
    web({ certNames: cert({ subject: '192.168.1.1', organization: 'Internet Widgits Pty Ltd', sans: ['192.168.1.1'] }) }),
  ]
  for (const id of generic) t.equal(identityVendor(id), null, JSON.stringify(id).slice(0, 80))
})

t.test('the most specific evidence wins, whichever source it comes from', async (t) => {
  t.same(FIELD_ORDER, ['cert-name', 'cert-o', 'server', 'location', 'title', 'realm', 'upnp'])
  // A generic Ubiquiti UPnP name is weak: the UniFi console's title decides.
  t.same(gatewayVendor(upnp('Ubiquiti Networks', 'UDM'), { pages: [page({ title: 'UniFi OS' })] }), { id: 'unifi', name: 'Ubiquiti UniFi', via: 'web UI title', evidence: 'UniFi OS' })
  t.match(gatewayVendor(upnp('Ubiquiti Networks'), null), { id: 'edgerouter', via: 'upnp' }, 'alone it still names the family')
  // A default certificate beats a title that is a hostname.
  t.match(matchVendor({ identities: [web({ title: 'OpenWrt' }), web({ certNames: cert({ organization: 'pfSense GUI default Self-Signed Certificate' }) })] }), { id: 'pfsense', via: 'TLS certificate' })
  // A vendor-named UPnP string beats a weak web row, and loses to a strong one.
  t.match(gatewayVendor(upnp('MikroTik'), { pages: [page({ title: 'OpenWrt' })] }), { id: 'mikrotik', via: 'upnp' })
  t.match(gatewayVendor(upnp('MikroTik'), { pages: [page({ title: 'FRITZ!Box' })] }), { id: 'fritzbox', via: 'web UI title' })
  // Weak rows alone still count.
  t.match(identityVendor(web({ title: 'OpenWrt | Status' })), { id: 'openwrt', via: 'web UI title' })
  t.match(identityVendor(web({ title: 'RouterOS' })), { id: 'mikrotik' })
  t.match(identityVendor(web({ server: 'Router Webserver' })), { id: 'tplink' })
  t.match(identityVendor(web({ realm: 'RT-N66U' })), { id: 'asus', via: 'web UI login realm' })
  t.equal(matchVendor({}), null)
  t.equal(gatewayVendor(null, { pages: [] }), null)
})

t.test('evidence names where it was found, printable and capped', async (t) => {
  const seen = (c: Partial<CertNames>): string | undefined => identityVendor(web({ certNames: cert(c) }))?.evidence
  t.equal(seen({ subject: 'FG100ETK1800118', organization: 'Fortinet' }), 'O=Fortinet')
  t.equal(seen({ subject: 'SophosApplianceCertificate' }), 'CN=SophosApplianceCertificate')
  t.equal(seen({ subject: 'udm.example', issuer: 'unifi.local' }), 'issuer CN=unifi.local')
  t.equal(seen({ subject: '192.168.178.1', sans: ['192.168.178.1', 'fritz.box'] }), 'SAN fritz.box')
  const hostile = identityVendor(web({ title: `FRITZ!Box \u001b[31m${'\u202e'.repeat(3)}${'x'.repeat(500)}` }))
  t.equal(hostile?.id, 'fritzbox')
  t.ok(Array.from(hostile!.evidence).length <= MAX_TEXT_CHARS)
  t.notOk(hasInvisibles(hostile!.evidence))
})

t.test('identities from pages and from service identification', async (t) => {
  const p = page({ title: 'T', server: 'S', location: '/L', realm: 'R', cert: { subject: 'C', organization: null, issuer: null, sans: [] } })
  t.same(pageIdentity(p), { title: 'T', server: 'S', certNames: { subject: 'C', organization: null, issuer: null, sans: [] }, location: '/L', realm: 'R' })
  const tls = { fingerprint256: 'AB', subject: 'FGT30D3X15038375', issuer: 'FGT30D3X15038375', validTo: null, alpn: null, organization: 'Fortinet', sans: [], trusted: false, validForName: null }
  const answered: ServiceIdentity = { outcome: 'ok', kind: 'tls', banner: null, tls, http: { status: 200, server: 'xxxxxxxx-xxxxx', title: null }, error: null, ms: 3 }
  t.same(serviceIdentity(answered), { title: null, server: 'xxxxxxxx-xxxxx', certNames: tls, location: null, realm: null })
  t.match(identityVendor(serviceIdentity(answered)), { id: 'fortigate', via: 'TLS certificate', evidence: 'O=Fortinet' })
  const plain: ServiceIdentity = { ...answered, kind: 'http', tls: null, http: { status: 200, server: null, title: 'Login | OPNsense' } }
  t.match(identityVendor(serviceIdentity(plain)), { id: 'opnsense', via: 'web UI title' })
  t.same(serviceIdentity({ ...answered, kind: 'ssh', tls: null, http: null, banner: 'SSH-2.0-OpenSSH_9.2' }), web({}))
})

t.test('the table: every row sourced, stateless, and named', async (t) => {
  for (const fp of FINGERPRINTS) {
    t.match(fp.source, /^https:\/\/\S+$/, `${fp.id} ${fp.field} has a source URL`)
    t.notOk(fp.pattern.global || fp.pattern.sticky, `${fp.pattern} keeps no state`)
    t.ok(fp.pattern.ignoreCase, `${fp.pattern} ignores case`)
    t.ok(FIELD_ORDER.includes(fp.field))
    t.type(VENDOR_NAMES[fp.id], 'string')
  }
  t.same(Object.keys(VENDOR_NAMES).sort(), ['asus', 'edgerouter', 'fortigate', 'fritzbox', 'mikrotik', 'netgear', 'openwrt', 'opnsense', 'pfsense', 'sophos', 'synology', 'tplink', 'unifi'])
  t.ok(Object.isFrozen(FINGERPRINTS) && Object.isFrozen(VENDOR_NAMES))
})

function page(over: Partial<WebUiPage>): WebUiPage {
  return { url: 'http://192.168.1.1/', status: 200, server: null, title: null, location: null, realm: null, cert: null, error: null, ms: 1, ...over }
}
