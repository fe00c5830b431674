import t from 'tap'
import { diagnose } from '../../src/diagnose/diagnose.js'
import { FIXES_WITH_COMMANDS, HUMAN_MAX_LINES, renderHuman, screenLines } from '../../src/render/human.js'
import type { Observations, Report } from '../../src/report/report.js'
import { observations, tcpReport, udpReport } from '../support/fixtures.js'

const report = (over: Partial<Observations> = {}): Report => {
  const obs = observations(over)
  return { ...obs, verdict: diagnose(obs) }
}
const plain = (r: Report, quiet = false): string => renderHuman(r, { colorLevel: 0, quiet })

t.test('a working hairpin', async (t) => {
  const out = plain(report())
  t.match(out, /^✔ Hairpin NAT works: the server sees the gateway's address\n\n  Hairpin NAT works: 203\.0\.113\.7:8443/)
  t.match(out, /Public IP\s+203\.0\.113\.7 \(2 of 2 echo services agree\)/)
  t.notMatch(out, /· http:\/\/198\.51\.100\.10\/ip/, 'every service agreed: the count says it, the services are for a ticket')
  t.match(out, /This host\s+192\.168\.77\.10 on eth0, LAN 192\.168\.77\.0\/24/)
  t.match(out, /Gateway\s+192\.168\.77\.1\n/)
  t.match(out, /TCP\s+ok after 3 ms, to 203\.0\.113\.7:8443/)
  t.match(out, /Listener saw\s+192\.168\.77\.1 \(the gateway\)/)
  t.match(out, /Strangers\s+0 other connections left unanswered/)
  t.match(out, /Improvements, most useful first\n {2}1\. /)
  t.match(out, /cause: hairpin-ok-gateway-source · hairpin-check 0\.0\.0-test · 42 ms\n$/)
  t.notMatch(out, /\u001b\[/)
  t.notMatch(out, /Warnings/)
})

t.test('a failing hairpin lists fixes with commands', async (t) => {
  // A wide terminal: three fixes with their commands fit the screen.
  const out = renderHuman(report({ tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null, error: 'ECONNREFUSED', strangers: 1 }) }), { colorLevel: 0, width: 400 })
  t.match(out, /^✘ Hairpin NAT does not work: connection refused/)
  t.match(out, /TCP\s+refused \(ECONNREFUSED\) after 3 ms/)
  t.notMatch(out, /Listener saw/)
  t.match(out, /Strangers\s+1 other connection left unanswered/)
  t.match(out, /Warnings\n {2}! 1 other connection or datagram reached/)
  t.match(out, /Fixes, most likely first\n {2}1\. .+\n {5}.+\n {7}\S/)
  // The first FIXES_WITH_COMMANDS fixes with their commands, the rest by title, and how to see them all.
  t.match(out, /\n {2}\d+(?:–\d+)?\. The same for [^\n]*Linux router with nftables/, 'a later fix by its system')
  t.notMatch(out, /nft add rule/, 'its commands are not shown')
  t.notMatch(out, /OPNsense, OPNsense/, 'a system with two variants is named once')
  t.match(out, /\n {2}\(--all-fixes shows the commands of all \d+; --format markdown or --json keeps them too\)\n/)
  const all = renderHuman(report({ tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null, error: 'ECONNREFUSED' }) }), { colorLevel: 0, allFixes: true })
  t.match(all, /nft add rule ip hairpin_check hairpin_pre ip saddr 192\.168\.77\.0\/24 ip daddr 203\.0\.113\.7 tcp dport 8443 dnat to 192\.168\.77\.10/, '--all-fixes: every fix with its commands')
  t.notMatch(all, /--all-fixes shows/)
  t.equal(FIXES_WITH_COMMANDS, 3)
  const drop = { tool: 'nftables', state: 'blocks' as const, detail: 'input policy drop', where: 'inet filter input' }
  const few = plain(report({ tcp: tcpReport({ outcome: 'timeout', observedPeer: null, peerKind: null }), hostFirewall: { findings: [drop], blocks: true } }))
  t.match(few, /Open port 8443|host-firewall|firewall/i, 'host-firewall: one fix')
  t.notMatch(few, /--all-fixes shows/, 'no more fixes than are shown with commands: no hint')
})

t.test('what a foreign service said', async (t) => {
  const said = plain(report({ tcp: tcpReport({ outcome: 'wrong-service', observedPeer: null, peerKind: null, answer: 'HTTP/1.1 400 Bad Request' }) }))
  t.match(said, /Answered by\s+"HTTP\/1\.1 400 Bad Request"/)
  const mute = plain(report({ tcp: tcpReport({ outcome: 'wrong-service', observedPeer: null, peerKind: null, answer: '' }) }))
  t.match(mute, /Answered by\s+a service that closed without a word/)
})

t.test('inconclusive and unusual runs', async (t) => {
  const sources = [{ url: 'https://a.example/ip', address: null, error: 'HTTP 500', ms: null, rejected: null }]
  const noIp = plain(report({ publicIp: { address: null, via: 'echo', sources, onThisHost: null, candidates: [], confirmedBy: null }, tcp: null, fault: { kind: 'no-public-ip', code: null, message: 'could not learn' } }))
  t.match(noIp, /^\? No verdict: the public IP could not be learned/)
  t.match(noIp, /Public IP\s+unknown \(0 of 1 echo services agree\)/)
  t.match(noIp, /· https:\/\/a\.example\/ip {2}HTTP 500\n/)
  t.notMatch(noIp, /Connection/)
  const unknownSource = plain(report({ publicIp: { address: null, via: 'echo', sources: [{ url: 'u', address: null, error: null, ms: 1, rejected: null }], onThisHost: null, candidates: [], confirmedBy: null }, tcp: null }))
  t.match(unknownSource, /· u {2}no answer {2}1 ms/)

  const flag = plain(report({ publicIp: { address: '203.0.113.7', via: 'flag', sources: [], onThisHost: true, candidates: [], confirmedBy: 'flag' }, client: { address: null, gateway: null, lanPrefix: null, interface: null, tunnel: null } }))
  t.match(flag, /^✔ No NAT: this host holds the public IP itself/)
  t.match(flag, /Public IP\s+203\.0\.113\.7 \(given with --public-ip\)/)
  t.match(flag, /This host\s+unknown\n/)
  t.match(flag, /Gateway\s+unknown \(not in the routing table\)/)
  t.notMatch(flag, /Fixes/)
})

t.test('--quiet prints the verdict line only', async (t) => {
  t.equal(plain(report(), true), "✔ Hairpin NAT works: the server sees the gateway's address\n")
})

t.test('colour', async (t) => {
  const coloured = renderHuman(report(), { colorLevel: 1 })
  t.match(coloured, /\u001b\[32m✔\u001b\[39m/)
  const red = renderHuman(report({ tcp: tcpReport({ outcome: 'timeout', observedPeer: null, peerKind: null }) }), { colorLevel: 1 })
  t.match(red, /\u001b\[31m✘/)
  const yellow = renderHuman(report({ tcp: null, fault: { kind: 'probe-error', code: null, message: 'x' } }), { colorLevel: 1 })
  t.match(yellow, /\u001b\[33m\?/)
})

t.test('every peer kind has words', async (t) => {
  for (const [peerKind, words] of [['public-ip', 'the public IP'], ['client', 'this host'], ['other', 'neither this host']] as const) {
    t.match(plain(report({ tcp: tcpReport({ peerKind }) })), new RegExp(`Listener saw\\s+\\S+ \\(${words}`))
  }
})

t.test('multi-line commands stay indented', async (t) => {
  const r = report({ tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null }) })
  r.verdict.fixes = [{ id: 'x', title: 'X', why: 'because', commands: ['line one\nline two'], source: null }]
  t.match(plain(r), / {7}line one\n {7}line two\n/)
})

t.test('UDP, DNS, IPv6, peer and target sections', async (t) => {
  const out = plain(
    report({
      mode: 'peer',
      udp: udpReport({ outcome: 'direct-reply', observedPeer: '192.168.77.20', peerKind: 'other', replyFrom: '192.168.77.10', attempts: 3, strangers: 1 }),
      dns: { name: 'app.lab', addresses: ['192.168.77.10'], pointsTo: 'lan', error: null, direct: { address: '192.168.77.10', outcome: 'ok', observedPeer: '192.168.77.20', ms: 2 } },
      ipv6: { address: '2001:db8:77::10', publicAddress: '2001:db8:77::10', sources: [], target: '2001:db8:77::10', outcome: 'ok', observedPeer: null, ms: 1, error: null },
    }),
  )
  t.match(out, /Listener\s+hairpin-check serve on the server \(--peer\)/)
  t.match(out, /UDP\s+direct-reply after 4 ms and 3 tries, answer from 192\.168\.77\.10/)
  t.match(out, /Listener saw\s+192\.168\.77\.20 \(neither/)
  t.match(out, /Strangers\s+1 other connection left unanswered/)
  t.match(out, /DNS name\s+app\.lab → 192\.168\.77\.10; points to a LAN address: split-horizon DNS/)
  t.match(out, /Direct\s+192\.168\.77\.10:8443 ok after 2 ms/)
  t.match(out, /IPv6\s+2001:db8:77::10, echo services see 2001:db8:77::10; \[2001:db8:77::10\]:8443 ok after 1 ms/)
  t.match(out, /^✔ Inside clients get through: the name resolves to the LAN address/)

  const quiet = plain(
    report({
      udp: udpReport({ outcome: 'timeout', observedPeer: null, peerKind: null, replyFrom: null, attempts: 1 }),
      dns: { name: 'gone.lab', addresses: [], pointsTo: 'none', error: 'ENOTFOUND', direct: null },
      ipv6: { address: null, publicAddress: null, sources: [], target: '2001:db8::9', outcome: null, observedPeer: null, ms: null, error: null },
    }),
  )
  t.match(quiet, /UDP\s+timeout after 4 ms and 1 try\n/)
  t.match(quiet, /DNS name\s+gone\.lab → nothing \(ENOTFOUND\); points to nothing/)
  t.match(quiet, /IPv6\s+no global address here; not tested/)
  t.match(quiet, /^✘ The name does not resolve from here/)
  const v6Direct = plain(report({ ipv6: { address: '2001:db8::1', publicAddress: null, sources: [], target: '2001:db8::1', outcome: 'refused', observedPeer: null, ms: null, error: null } }))
  t.match(v6Direct, /IPv6\s+2001:db8::1; \[2001:db8::1\]:8443 refused\n/)

  const svc = { outcome: 'ok' as const, kind: 'http' as const, banner: null, tls: null, http: { status: 400, server: 'router', title: null }, error: null, ms: 5, description: 'HTTP 400, Server: router' }
  const target = plain(
    report({ mode: 'target', tcp: null, target: { address: '192.168.77.10', reason: 'flag', viaPublicIp: svc, direct: { ...svc, description: 'TLS certificate CN=app.lab' }, same: false } }),
  )
  t.match(target, /^✘ Hairpin NAT does not work: another service answers on the public IP/)
  t.match(target, /Via public IP\s+HTTP 400, Server: router/)
  t.match(target, /Server 192\.168\.77\.10 TLS certificate CN=app\.lab/)
  t.notMatch(target, /Strangers/, 'nothing listened: no strangers line')
  const untried = plain(report({ mode: 'target', tcp: null, target: { address: 'unknown', reason: 'port-in-use', viaPublicIp: null, direct: null, same: null } }))
  t.match(untried, /Via public IP\s+not tried/)
  t.match(untried, /^\? No verdict: the server itself does not answer/)
})

t.test('gateway and outside-check lines', async (t) => {
  const upnp = {
    found: true,
    location: 'http://192.168.77.1:5000/rootDesc.xml',
    manufacturer: 'Lab Networks',
    model: 'HairpinLab 1',
    friendlyName: 'Lab Router',
    serviceType: 'urn:schemas-upnp-org:service:WANIPConnection:1',
    connectionStatus: 'Connected',
    externalIp: '203.0.113.7',
    mapping: { internalClient: '192.168.77.10', internalPort: 8443, enabled: true, description: 'web', leaseDuration: 0 },
    error: null,
    ms: 9,
  }
  const out = plain(
    report({
      gateway: {
        address: '192.168.77.1',
        natpmp: { resultCode: 0, externalIp: '203.0.113.7', epoch: 5, error: null, ms: 2 },
        pcp: { present: true, version: 2, resultCode: 0, error: null, ms: 2 },
        upnp,
        webui: null,
        vendor: null,
      },
      external: { reachable: true, via: 'http://198.51.100.10/port/8443', ip: '203.0.113.7', error: null, ms: 40, seenByListener: true, observedPeer: null, peerKind: null },
    }),
  )
  t.match(out, /NAT-PMP\s+external address 203\.0\.113\.7/)
  t.match(out, /PCP\s+version 2/)
  t.match(out, /UPnP\s+Lab Networks HairpinLab 1, Connected, external 203\.0\.113\.7/)
  t.match(out, /UPnP mapping\s+port 8443 → 192\.168\.77\.10:8443 "web"/)
  t.match(out, /From outside\s+reachable via http:\/\/198\.51\.100\.10\/port\/8443; our listener saw it/)

  const other = plain(
    report({
      gateway: {
        address: '192.168.77.1',
        natpmp: { resultCode: 3, externalIp: '0.0.0.0', epoch: 5, error: null, ms: 2 },
        pcp: { present: false, version: 0, resultCode: 1, error: null, ms: 2 },
        upnp: { ...upnp, manufacturer: null, model: null, friendlyName: null, connectionStatus: null, externalIp: null, mapping: { ...upnp.mapping, description: null } },
        webui: null,
        vendor: null,
      },
      external: { reachable: false, via: 'u', ip: null, error: null, ms: 40, seenByListener: false, observedPeer: null, peerKind: null },
    }),
  )
  t.match(other, /NAT-PMP\s+result code 3 \(network failure: no usable WAN address\)/)
  t.match(other, /PCP\s+not supported \(answers version 0\)/)
  t.match(other, /UPnP\s+unnamed\n/)
  t.match(other, /UPnP mapping\s+port 8443 → 192\.168\.77\.10:8443\n/)
  t.match(other, /From outside\s+not reachable via u; our listener saw nothing/)

  const quiet = plain(
    report({
      gateway: {
        address: null,
        natpmp: { resultCode: null, externalIp: null, epoch: null, error: 'no answer', ms: 2000 },
        pcp: { present: null, version: null, resultCode: null, error: null, ms: 2000 },
        upnp: { ...upnp, found: false, error: null },
        webui: null,
        vendor: null,
      },
      external: { reachable: null, via: 'u', ip: null, error: 'HTTP 500', ms: 40, seenByListener: null, observedPeer: null, peerKind: null },
    }),
  )
  t.match(quiet, /NAT-PMP\s+no answer\n/)
  t.match(quiet, /PCP\s+no answer\n/)
  t.match(quiet, /UPnP\s+no gateway device answered/)
  t.match(quiet, /From outside\s+unknown \(HTTP 500\) via u\n/)
  t.match(plain(report({ gateway: { address: null, natpmp: { resultCode: null, externalIp: null, epoch: null, error: null, ms: 1 }, pcp: null, upnp: null, webui: null, vendor: null } })), /NAT-PMP\s+no answer\n/)
  const failed = plain(report({ gateway: { address: null, natpmp: { resultCode: 4, externalIp: null, epoch: 1, error: null, ms: 1 }, pcp: null, upnp: { ...upnp, found: null, error: 'timeout' }, webui: null, vendor: null } }))
  t.match(failed, /NAT-PMP\s+result code 4\n/)
  t.match(failed, /UPnP\s+no gateway device \(timeout\)/)
  t.notMatch(failed, /PCP/)
  const none = plain(report({ gateway: { address: null, natpmp: null, pcp: null, upnp: { ...upnp, mapping: null }, webui: null, vendor: null } }))
  t.match(none, /UPnP mapping\s+none for port 8443/)
  t.notMatch(none, /NAT-PMP/)
  const cg = plain(report({ tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null }), gateway: { address: null, natpmp: { resultCode: 0, externalIp: '100.64.7.2', epoch: 1, error: null, ms: 1 }, pcp: null, upnp: null, webui: null, vendor: null } }))
  t.match(cg, /^✘ Hairpin NAT does not work: your ISP's carrier-grade NAT is in front of the router/)
  const dn = plain(report({ tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null }), gateway: { address: null, natpmp: { resultCode: 0, externalIp: '192.168.1.2', epoch: 1, error: null, ms: 1 }, pcp: null, upnp: null, webui: null, vendor: null } }))
  t.match(dn, /^✘ Hairpin NAT does not work: another NAT is in front of the router \(double NAT\)/)
})

t.test('the path picture sits between the summary and the observations', async (t) => {
  const out = renderHuman(report(), { colorLevel: 0, unicode: false, width: 100 })
  t.match(out, /\n\nPath\nTCP to 203\.0\.113\.7:8443\n {2}client .*--SYN--/)
  t.ok(out.indexOf('Path') < out.indexOf('Observed'))
  t.match(renderHuman(report(), { colorLevel: 0 }), /──SYN─/, 'unicode by default')
  const none = plain(report({ publicIp: { address: null, via: 'echo', sources: [], onThisHost: null, candidates: [], confirmedBy: null }, tcp: null, fault: { kind: 'no-public-ip', code: null, message: 'x' } }))
  t.notMatch(none, /\nPath\n/, 'nothing to draw: no section')
})

t.test('where the probe arrived, what answered over UDP, and errors', async (t) => {
  const out = plain(report({ udp: udpReport({ outcome: 'wrong-service', observedPeer: null, peerKind: null, replyFrom: null, error: 'EMSGSIZE', answer: 'pong' }) }))
  t.match(out, /TCP\s+ok after 3 ms, to 203\.0\.113\.7:8443\n {2}Listener saw\s+192\.168\.77\.1 \(the gateway\)\n {2}Arrived at\s+192\.168\.77\.10\n/)
  t.match(out, /UDP\s+wrong-service \(EMSGSIZE\) after 4 ms and 1 try\n {2}Arrived at\s+192\.168\.77\.10\n {2}Answered by\s+"pong"\n/)
  const v6 = plain(report({ ipv6: { address: '2001:db8::1', publicAddress: null, sources: [], target: '2001:db8::1', outcome: 'refused', observedPeer: null, ms: null, error: 'ECONNREFUSED' } }))
  t.match(v6, /IPv6\s+2001:db8::1; \[2001:db8::1\]:8443 refused \(ECONNREFUSED\)\n/)
  t.notMatch(plain(report({ tcp: tcpReport({ serverAddress: null }) })), /Arrived at/)
})

t.test('ticket-only rows stay out of the terminal', async (t) => {
  const out = plain(
    report({
      publicIp: { address: '203.0.113.7', via: 'flag', sources: [], onThisHost: false, candidates: [], confirmedBy: 'flag' },
      mode: 'target',
      tcp: null,
      target: { address: '192.168.77.10', reason: 'flag', viaPublicIp: null, direct: null, same: null },
      fault: { kind: 'target-unreachable', code: null, message: 'nothing answers' },
    }),
  )
  t.notMatch(out, /Port\s|Public IP on this host|Listener\s|Same service|Fault/)
  t.match(out, /Via public IP\s+not tried\n {2}Server 192\.168\.77\.10 not tried\n/)
})

t.test('text from the network is made printable in every line', async (t) => {
  const hostile = '\u001b]0;pwned\u0007\u001b[2J\u202eevil\u0000'
  const r = report({
    publicIp: { address: '203.0.113.7', via: 'echo', sources: [{ url: `http://x/${hostile}`, address: null, error: hostile, ms: 1, rejected: null }], onThisHost: null, candidates: [], confirmedBy: null },
    client: { address: `192.168.77.10${hostile}`, gateway: hostile, lanPrefix: null, interface: hostile, tunnel: null },
    tcp: tcpReport({ outcome: 'wrong-service', observedPeer: null, peerKind: null, answer: hostile, error: hostile }),
    dns: { name: `app${hostile}`, addresses: [], pointsTo: 'none', error: hostile, direct: null },
  })
  r.verdict.warnings = [hostile]
  r.verdict.fixes = [{ id: 'x', title: hostile, why: hostile, commands: [`echo ${hostile}`], source: null }]
  const out = plain(r)
  t.notMatch(out, /[\u0000-\u0009\u000b-\u001f\u202e]/, 'no escapes or controls, only line feeds')
  t.match(out, /· http:\/\/x\/ evil {2}evil {2}1 ms/)
  t.match(out, /Answered by\s+"evil"/)
})

t.test('up to three fixes with commands; the rest by system, runs with one reason in one entry', async (t) => {
  const r = report({ tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null }) })
  const fix = (title: string, why: string) => ({ id: title, title, why, commands: [`do ${title}`], source: null })
  r.verdict.fixes = [fix('A: one', 'same'), fix('B: two', 'same'), fix('C: three', 'other'), fix('D: four', 'same'), fix('Five without a system', 'same'), fix('F: six', 'new'), fix('G: seven', 'new'), fix('H', 'last')]
  const out = plain(r)
  t.match(out, /\n {2}1\. A: one\n {5}same\n {7}do A: one\n {2}2\. B: two\n {7}do B: two\n {2}3\. C: three\n {5}other\n {7}do C: three\n/, 'three with commands; a reason given just before is not repeated')
  t.match(out, /\n {2}4–5\. The same for D, Five without a system\n {2}6–7\. F: six; also for G\n {2}8\. H\n/)
  t.match(out, /--all-fixes shows the commands of all 8/)
})

t.test('services that disagree keep their lines', async (t) => {
  const sources = [
    { url: 'http://198.51.100.10/ip', address: '203.0.113.7', error: null, ms: 5, rejected: null },
    { url: 'http://198.51.100.11/ip', address: null, error: 'HTTP 500', ms: 6, rejected: null },
  ]
  const out = plain(report({ publicIp: { address: '203.0.113.7', via: 'echo', sources, onThisHost: null, candidates: [], confirmedBy: 'single-source' } }))
  t.match(out, /· http:\/\/198\.51\.100\.10\/ip {2}203\.0\.113\.7 {2}5 ms/)
  t.match(out, /· http:\/\/198\.51\.100\.11\/ip {2}HTTP 500 {2}6 ms/)
})

t.test('a silent hairpin with an unknown router fits 45 screen lines at 100 columns', async (t) => {
  // Five echo services, as by default; every fix of the catalogue for the cause.
  const sources = [1, 2, 3, 4, 5].map((n) => ({ url: `https://echo${n}.example/ip`, address: '203.0.113.7', error: null, ms: 30 + n, rejected: null }))
  const r = report({ publicIp: { address: '203.0.113.7', via: 'echo', sources, onThisHost: null, candidates: [], confirmedBy: 'agreement' }, tcp: tcpReport({ outcome: 'timeout', observedPeer: null, peerKind: null }) })
  t.ok(r.verdict.fixes.length > 20, 'a long catalogue')
  const out = renderHuman(r, { colorLevel: 0, width: 100 })
  const lines = out.trimEnd().split('\n')
  t.ok(screenLines(lines, 100) <= HUMAN_MAX_LINES, `${screenLines(lines, 100)} screen lines`)
  t.equal(HUMAN_MAX_LINES, 45)
  t.match(out, /\n {2}1\. .+\n {5}.+\n {7}\S/, 'the first fix with its commands')
  t.match(out, /The same for [^\n]*OpenWrt/, 'the same fix for other systems, by name')
  t.match(out, /\d+–\d+\. Split-horizon DNS with dnsmasq: [^\n]*; also\s+for Pi-hole v6/, 'split-horizon DNS, one entry for every system')
  const numbers = [...out.matchAll(/^ {2}(\d+)(?:–(\d+))?\. /gm)].flatMap((m) => [Number(m[1]), Number(m[2] ?? m[1])])
  t.equal(Math.max(...numbers), r.verdict.fixes.length, 'every fix keeps its number')
  const all = renderHuman(r, { colorLevel: 0, width: 100, allFixes: true })
  t.ok(screenLines(all.trimEnd().split('\n'), 100) > HUMAN_MAX_LINES, '--all-fixes: everything, however long')
  t.equal(screenLines(['', 'x'.repeat(100), 'y'.repeat(101)], 100), 4, 'long lines count as they wrap')
})
