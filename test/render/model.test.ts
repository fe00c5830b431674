// Tests the observation model every format lays out: the verdict line, every row and its words, and that network text is made printable.
import t from 'tap'
import { diagnose } from '../../src/diagnose/diagnose.js'
import { buildModel, cleanLine, MARKS, observedRows, verdictLine, type Row } from '../../src/render/model.js'
import type { GatewayReport, Observations, Report, ServiceReport } from '../../src/report/report.js'
import { observations, tcpReport, udpReport } from '../support/fixtures.js'

const report = (over: Partial<Observations> = {}): Report => {
  const obs = observations(over)
  return { ...obs, verdict: diagnose(obs) }
}

/** Rows as `label: value`, a sub-row under its parent's name, `(ticket)` after ticket-only ones. */
const lines = (rows: Row[]): string[] => rows.map((r) => `${r.parent === null ? '' : `${r.parent}: `}${r.label}: ${r.value}${r.ticketOnly ? ' (ticket)' : ''}`)
const rowsOf = (over: Partial<Observations> = {}): string[] => lines(observedRows(report(over)))
/** The one row whose line starts with `prefix`. */
function only(rows: string[], prefix: string): string {
  const found = rows.filter((r) => r.startsWith(prefix))
  if (found.length !== 1) throw new Error(`${found.length} rows start with ${prefix}: ${rows.join(' / ')}`)
  return found[0] as string
}

const svc = (over: Partial<ServiceReport> = {}): ServiceReport => ({
  outcome: 'ok',
  kind: 'http',
  banner: null,
  tls: null,
  http: { status: 400, server: 'router', title: null },
  error: null,
  ms: 5,
  description: 'HTTP 400, Server: router',
  ...over,
})

const UPNP: NonNullable<GatewayReport['upnp']> = {
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

t.test('the verdict line follows the exit code', async (t) => {
  t.same(verdictLine(report().verdict), { mark: 'ok', headline: "Hairpin NAT works: the server sees the gateway's address", exitCode: 0 })
  const refused = report({ tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null }) })
  t.same(verdictLine(refused.verdict), { mark: 'fail', headline: 'Hairpin NAT does not work: connection refused, the forward is not reflected', exitCode: 1 })
  const fault = report({ tcp: null, fault: { kind: 'probe-error', code: null, message: 'x' } })
  t.same(verdictLine(fault.verdict), { mark: 'none', headline: 'No verdict: the probe failed', exitCode: 2 })
  const odd = { ...fault.verdict, cause: 'from-the-future' as Report['verdict']['cause'] }
  t.same(verdictLine(odd), { mark: 'none', headline: 'No verdict: a cause this version does not know', exitCode: 2 }, 'an unknown cause is no verdict, not a crash')
  t.same(MARKS, { ok: '✔', fail: '✘', none: '?' })
})

t.test('a working run, every row', async (t) => {
  t.same(rowsOf(), [
    'Port: 8443, mode listen (ticket)',
    'Public IP: 203.0.113.7 (2 of 2 echo services agree)',
    // Every service agreed on the address used: a ticket's detail, not the terminal's.
    'Echo service: http://198.51.100.10/ip → 203.0.113.7, 5 ms (ticket)',
    'Echo service: http://198.51.100.11/json → 203.0.113.7, 6 ms (ticket)',
    'Public IP on this host: no (ticket)',
    'This host: 192.168.77.10 on eth0, LAN 192.168.77.0/24',
    'Gateway: 192.168.77.1',
    'Listener: this host, bound to 0.0.0.0 (ticket)',
    'TCP: ok after 3 ms, to 203.0.113.7:8443',
    'TCP: listener saw: 192.168.77.1 (the gateway)',
    'TCP: arrived at: 192.168.77.10',
    'Strangers: 0 other connections left unanswered',
  ])
  const echo = observedRows(report()).find((r) => r.echo !== undefined)
  t.same(echo?.echo, { url: 'http://198.51.100.10/ip', said: '203.0.113.7', failed: false, ms: 5 })
})

t.test('the public IP, given or asked', async (t) => {
  const flag = rowsOf({ port: null, publicIp: { address: '203.0.113.7', via: 'flag', sources: [], onThisHost: true, candidates: [], confirmedBy: 'flag' }, client: { address: null, gateway: null, lanPrefix: null, interface: null, tunnel: null }, listener: null, tcp: null })
  t.same(flag.slice(0, 6), [
    'Port: none (bad argument), mode listen (ticket)',
    'Public IP: 203.0.113.7 (given with --public-ip)',
    'Public IP on this host: yes: no NAT at all (ticket)',
    'This host: unknown',
    'Gateway: unknown (not in the routing table)',
    'Listener: none (ticket)',
  ])
  t.equal(flag.length, 6, 'nothing probed: no probe rows, no strangers')

  const sources = [
    { url: 'u', address: null, error: null, ms: 1, rejected: null },
    { url: 'v', address: null, error: 'HTTP 500', ms: null, rejected: null },
  ]
  const rows = observedRows(report({ publicIp: { address: null, via: 'echo', sources, onThisHost: null, candidates: [], confirmedBy: null } }))
  t.same(lines(rows).slice(1, 4), ['Public IP: unknown (0 of 2 echo services agree)', 'Echo service: u → failed: no answer, 1 ms', 'Echo service: v → failed: HTTP 500'])
  t.same(rows[3]?.echo, { url: 'v', said: 'HTTP 500', failed: true, ms: null })
  t.notOk(lines(rows).some((l) => l.startsWith('Public IP on this host')))
})

t.test('peer mode: the listener row is worth the terminal', async (t) => {
  t.equal(only(rowsOf({ mode: 'peer' }), 'Listener'), 'Listener: hairpin-check serve on the server (--peer)')
})

t.test('TCP and UDP rows', async (t) => {
  const rows = rowsOf({
    tcp: tcpReport({ outcome: 'wrong-service', observedPeer: null, peerKind: null, serverAddress: null, error: 'EPROTO', answer: '', strangers: 1 }),
    udp: udpReport({ outcome: 'wrong-service', peerKind: 'other', observedPeer: '192.168.77.20', replyFrom: null, attempts: 3, error: 'EMSGSIZE', answer: '', strangers: 1 }),
  })
  t.same(rows.slice(8), [
    'TCP: wrong-service (EPROTO) after 3 ms, to 203.0.113.7:8443',
    'TCP: answered by: a service that closed without a word',
    'UDP: wrong-service (EMSGSIZE) after 4 ms and 3 tries',
    'UDP: listener saw: 192.168.77.20 (neither this host, the gateway nor the public IP)',
    'UDP: arrived at: 192.168.77.10',
    'UDP: answered by: ""',
    'Strangers: 2 other connections left unanswered',
  ])
  const one = rowsOf({ tcp: null, udp: udpReport({ peerKind: 'public-ip', observedPeer: '203.0.113.7', serverAddress: null, answer: 'pong', strangers: 1 }) })
  t.same(one.slice(8), [
    'UDP: ok after 4 ms and 1 try, answer from 203.0.113.7',
    'UDP: listener saw: 203.0.113.7 (the public IP)',
    'UDP: answered by: "pong"',
    'Strangers: 1 other connection left unanswered',
  ])
  t.equal(only(rowsOf({ tcp: tcpReport({ peerKind: 'client', observedPeer: '192.168.77.10', answer: 'SSH-2.0' }) }), 'TCP: listener saw'), 'TCP: listener saw: 192.168.77.10 (this host)')
  t.equal(only(rowsOf({ tcp: tcpReport({ answer: 'SSH-2.0' }) }), 'TCP: answered by'), 'TCP: answered by: "SSH-2.0"')
})

t.test('DNS and IPv6 rows', async (t) => {
  const lan = rowsOf({
    dns: { name: 'app.lab', addresses: ['192.168.77.10', 'fe80::1'], pointsTo: 'lan', error: null, direct: { address: '192.168.77.10', outcome: 'ok', observedPeer: '192.168.77.10', ms: 2 } },
    ipv6: { address: '2001:db8::1', publicAddress: '2001:db8::1', sources: [], target: '2001:db8::1', outcome: 'refused', observedPeer: null, ms: 3, error: 'ECONNREFUSED' },
  })
  t.same(lan.slice(-3), [
    'DNS name: app.lab → 192.168.77.10, fe80::1; points to a LAN address: split-horizon DNS',
    'DNS: direct: 192.168.77.10:8443 ok after 2 ms',
    'IPv6: 2001:db8::1, echo services see 2001:db8::1; [2001:db8::1]:8443 refused (ECONNREFUSED) after 3 ms',
  ])
  const gone = rowsOf({
    dns: { name: 'gone.lab', addresses: [], pointsTo: 'none', error: null, direct: null },
    ipv6: { address: null, publicAddress: null, sources: [], target: null, outcome: null, observedPeer: null, ms: null, error: null },
  })
  t.same(gone.slice(-2), ['DNS name: gone.lab → nothing (no error given); points to nothing', 'IPv6: no global address here; not tested'])
  t.equal(only(rowsOf({ dns: { name: 'x', addresses: [], pointsTo: 'none', error: 'ENOTFOUND', direct: null } }), 'DNS name'), 'DNS name: x → nothing (ENOTFOUND); points to nothing')
  t.equal(only(rowsOf({ dns: { name: 'x', addresses: ['203.0.113.7'], pointsTo: 'public-ip', error: null, direct: null } }), 'DNS name'), 'DNS name: x → 203.0.113.7; points to the public IP: inside clients hairpin')
  t.equal(only(rowsOf({ dns: { name: 'x', addresses: ['198.51.100.9'], pointsTo: 'elsewhere', error: null, direct: null } }), 'DNS name'), 'DNS name: x → 198.51.100.9; points to another address')
  const untimed = rowsOf({ ipv6: { address: '2001:db8::1', publicAddress: null, sources: [], target: '2001:db8::1', outcome: 'ok', observedPeer: null, ms: null, error: null } })
  t.equal(only(untimed, 'IPv6'), 'IPv6: 2001:db8::1; [2001:db8::1]:8443 ok')
})

t.test('gateway rows', async (t) => {
  const gw = (gateway: GatewayReport): string[] => rowsOf({ gateway }).filter((r) => /^(NAT-PMP|PCP|UPnP)/.test(r))
  t.same(gw({ address: '192.168.77.1', natpmp: { resultCode: 0, externalIp: '203.0.113.7', epoch: 5, error: null, ms: 2 }, pcp: { present: true, version: 2, resultCode: 0, error: null, ms: 2 }, upnp: UPNP, webui: null, vendor: null }), [
    'NAT-PMP: external address 203.0.113.7',
    'PCP: version 2',
    'UPnP: Lab Networks HairpinLab 1, Connected, external 203.0.113.7',
    'UPnP mapping: port 8443 → 192.168.77.10:8443 "web"',
  ])
  t.same(
    gw({
      address: null,
      natpmp: { resultCode: 3, externalIp: null, epoch: 5, error: null, ms: 2 },
      pcp: { present: false, version: 0, resultCode: 1, error: null, ms: 2 },
      upnp: { ...UPNP, manufacturer: null, model: null, connectionStatus: null, externalIp: null, mapping: { ...UPNP.mapping!, description: '', internalPort: null } },
      webui: null,
      vendor: null,
    }),
    ['NAT-PMP: result code 3 (network failure: no usable WAN address)', 'PCP: not supported (answers version 0)', 'UPnP: Lab Router', 'UPnP mapping: port 8443 → 192.168.77.10:?'],
  )
  t.same(
    gw({
      address: null,
      natpmp: { resultCode: 4, externalIp: null, epoch: 1, error: null, ms: 1 },
      pcp: { present: null, version: null, resultCode: null, error: 'EACCES', ms: 1 },
      upnp: { ...UPNP, manufacturer: '\u0007', model: null, friendlyName: null, mapping: { ...UPNP.mapping!, description: null } },
      webui: null,
      vendor: null,
    }),
    ['NAT-PMP: result code 4', 'PCP: EACCES', 'UPnP: unnamed, Connected, external 203.0.113.7', 'UPnP mapping: port 8443 → 192.168.77.10:8443'],
    'a name of control characters names nothing',
  )
  t.same(gw({ address: null, natpmp: { resultCode: null, externalIp: null, epoch: null, error: null, ms: 1 }, pcp: { present: null, version: null, resultCode: null, error: null, ms: 1 }, upnp: { ...UPNP, found: false, error: null }, webui: null, vendor: null }), [
    'NAT-PMP: no answer',
    'PCP: no answer',
    'UPnP: no gateway device answered',
  ])
  t.same(gw({ address: null, natpmp: { resultCode: null, externalIp: null, epoch: null, error: 'timeout', ms: 1 }, pcp: null, upnp: { ...UPNP, found: null, error: 'HTTP 500' }, webui: null, vendor: null }), ['NAT-PMP: timeout', 'UPnP: no gateway device (HTTP 500)'])
  const cut = 'not waited for'
  t.same(
    gw({
      address: null,
      natpmp: { resultCode: null, externalIp: null, epoch: null, error: cut, ms: 1 },
      pcp: { present: null, version: null, resultCode: null, error: cut, ms: 1 },
      upnp: { ...UPNP, found: null, error: cut },
      webui: null,
      vendor: null,
    }),
    ['NAT-PMP', 'PCP', 'UPnP'].map((p) => `${p}: not waited for: the hairpin was already proven`),
    'cut once the hairpin was proven: said why',
  )
  t.same(gw({ address: null, natpmp: null, pcp: null, upnp: { ...UPNP, model: null, mapping: null }, webui: null, vendor: null }), ['UPnP: Lab Networks, Connected, external 203.0.113.7', 'UPnP mapping: none for port 8443'])
  t.same(gw({ address: null, natpmp: null, pcp: null, upnp: null, webui: null, vendor: null }), [])
  t.same(rowsOf({ gateway: null }).filter((r) => /^(NAT-PMP|PCP|UPnP)/.test(r)), [])
})

t.test('outside check, target and fault rows', async (t) => {
  const ext = (reachable: boolean | null, seenByListener: boolean | null, error: string | null): string =>
    only(rowsOf({ external: { reachable, via: 'http://198.51.100.10/port/8443', ip: null, error, ms: 40, seenByListener, observedPeer: null, peerKind: null } }), 'From outside')
  t.equal(ext(true, true, null), 'From outside: reachable via http://198.51.100.10/port/8443; our listener saw it')
  t.equal(ext(false, false, null), 'From outside: not reachable via http://198.51.100.10/port/8443; our listener saw nothing')
  t.equal(ext(null, null, null), 'From outside: unknown (no answer) via http://198.51.100.10/port/8443')
  t.equal(ext(null, null, 'HTTP 502'), 'From outside: unknown (HTTP 502) via http://198.51.100.10/port/8443')

  const target = (viaPublicIp: ServiceReport | null, direct: ServiceReport | null, same: boolean | null): string[] =>
    rowsOf({ mode: 'target', tcp: null, listener: null, target: { address: '192.168.77.10', reason: 'flag', viaPublicIp, direct, same } }).filter((r) => r.startsWith('Target'))
  t.same(target(svc(), svc({ description: 'TLS certificate CN=app.lab' }), false), [
    'Target: via public IP: HTTP 400, Server: router',
    'Target: server 192.168.77.10: TLS certificate CN=app.lab',
    'Target: same service: no (ticket)',
  ])
  t.same(target(null, null, null), ['Target: via public IP: not tried', 'Target: server 192.168.77.10: not tried', 'Target: same service: unknown (ticket)'])
  t.equal(target(svc(), svc(), true)[2], 'Target: same service: yes (ticket)')

  t.equal(only(rowsOf({ tcp: null, fault: { kind: 'listen-failed', code: 'EADDRINUSE', message: 'Port 8443 is taken.' } }), 'Fault'), 'Fault: listen-failed (EADDRINUSE): Port 8443 is taken. (ticket)')
  t.equal(only(rowsOf({ tcp: null, fault: { kind: 'probe-error', code: null, message: 'x' } }), 'Fault'), 'Fault: probe-error: x (ticket)')
})

t.test('text from the network is made printable, and capped', async (t) => {
  const evil = '\u001b]0;pwned\u0007\u001b[2J\u202eevil\u0000'
  const huge = `${'a'.repeat(3000)}`
  const r = report({
    publicIp: { address: `203.0.113.7${evil}`, via: 'echo', sources: [{ url: `http://x/${huge}`, address: null, error: evil, ms: 1, rejected: null }], onThisHost: null, candidates: [], confirmedBy: null },
    client: { address: evil, gateway: evil, lanPrefix: evil, interface: evil, tunnel: null },
    listener: { bind: evil },
    tcp: tcpReport({ observedPeer: evil, serverAddress: evil, error: evil, answer: evil }),
    udp: udpReport({ observedPeer: evil, serverAddress: evil, replyFrom: evil, error: evil, answer: evil }),
    dns: { name: evil, addresses: [evil], pointsTo: 'lan', error: null, direct: { address: evil, outcome: 'ok', observedPeer: null, ms: 1 } },
    ipv6: { address: evil, publicAddress: evil, sources: [], target: evil, outcome: 'refused', observedPeer: null, ms: null, error: evil },
    gateway: {
      address: null,
      natpmp: { resultCode: 0, externalIp: evil, epoch: 1, error: null, ms: 1 },
      pcp: { present: null, version: null, resultCode: null, error: evil, ms: 1 },
      upnp: { ...UPNP, manufacturer: evil, model: evil, connectionStatus: evil, externalIp: evil, mapping: { ...UPNP.mapping!, internalClient: evil, description: evil } },
      webui: null,
      vendor: null,
    },
    external: { reachable: null, via: evil, ip: null, error: evil, ms: 1, seenByListener: null, observedPeer: null, peerKind: null },
    target: { address: evil, reason: 'flag', viaPublicIp: svc({ description: evil }), direct: svc({ description: huge }), same: false },
    fault: { kind: 'probe-error', code: evil, message: evil },
  })
  r.verdict.summary = `said ${evil}`
  r.verdict.warnings = [evil]
  r.verdict.fixes = [{ id: 'x', title: evil, why: evil, commands: [`echo ${evil}   # aligned\nsecond ${evil}  `, ''], source: null }]
  const m = buildModel(r)
  const texts = [m.summary, ...m.warnings, ...m.fixes.flatMap((f) => [f.title, f.why, ...f.lines]), ...m.rows.flatMap((row) => [row.label, row.value, row.echo?.url ?? '', row.echo?.said ?? ''])]
  for (const text of texts) t.notMatch(text, /[\u0000-\u001f\u007f-\u009f\u202e]|pwned/, `printable: ${text.slice(0, 40)}`)
  t.equal(m.summary, 'said evil')
  t.same(m.fixes[0]?.lines, ['echo evil   # aligned', 'second evil', ''], 'commands keep their own spacing, one line each')
  t.equal(Array.from(m.rows.find((row) => row.label.startsWith('server'))?.value ?? '').length, 2000, 'long text is capped against floods')
  const echo = m.rows.find((row) => row.echo !== undefined)?.echo
  t.equal(Array.from(echo?.url ?? '').length, 2000)
  t.ok(echo?.url.endsWith('…'))
  t.equal(only(lines(m.rows), 'TCP: answered by'), 'TCP: answered by: "evil"')
})

t.test('cleanLine', async (t) => {
  t.equal(cleanLine('  a\u0007b   c\u001b[31m  '), '  a b   c')
  t.equal(cleanLine(''), '')
})

t.test('what the further checks found: what answered, the firewall here, the router, its web UI, the expectations', async (t) => {
  const answeredBy = {
    viaPublicIp: svc({ description: 'HTTP 400, Server: router' }),
    gateway: svc({ description: 'HTTP 400, Server: router' }),
    forwardTarget: { address: '192.168.77.20', service: svc({ description: 'TLS certificate CN=app.lab' }) },
    router: { id: 'openwrt', name: 'OpenWrt', via: 'web UI title', evidence: 'OpenWrt - LuCI' },
  }
  const rows = rowsOf({ answeredBy })
  t.equal(only(rows, 'Answered: HTTP'), 'Answered: HTTP 400, Server: router')
  t.equal(only(rows, 'Answered: at gateway'), 'Answered: at gateway: 192.168.77.1:8443: HTTP 400, Server: router')
  t.equal(only(rows, 'Answered: at target'), 'Answered: at target: 192.168.77.20:8443 (where UPnP says the forward points): TLS certificate CN=app.lab')
  t.equal(only(rows, 'Answered: looks like'), 'Answered: looks like: OpenWrt (web UI title: OpenWrt - LuCI)')
  const bare = rowsOf({ answeredBy: { ...answeredBy, gateway: null, forwardTarget: null, router: null } })
  t.same(bare.filter((r) => r.startsWith('Answered')), ['Answered: HTTP 400, Server: router'])

  const fw = rowsOf({ hostFirewall: { findings: [{ tool: 'nftables', state: 'blocks', detail: 'policy drop', where: 'inet filter input' }], blocks: true } })
  t.equal(only(fw, 'Firewall here'), 'Firewall here: blocks the port')
  t.equal(only(fw, 'Firewall: nftables'), 'Firewall: nftables: blocks: policy drop (ticket)')
  t.equal(only(rowsOf({ hostFirewall: { findings: [], blocks: false } }), 'Firewall here'), 'Firewall here: none found')
  t.equal(only(rowsOf({ hostFirewall: { findings: [{ tool: 'ufw', state: 'unreadable', detail: 'not root', where: null }], blocks: null } }), 'Firewall here'), 'Firewall here: could not tell')

  const page = { url: 'http://192.168.77.1/', status: 200, server: 'uhttpd', title: 'OpenWrt - LuCI', location: null, realm: null, cert: null, error: null, ms: 3 }
  const gateway: GatewayReport = {
    address: '192.168.77.1',
    natpmp: null,
    pcp: null,
    upnp: null,
    webui: { pages: [page, { ...page, url: 'https://192.168.77.1/', status: null, server: null, title: null, error: 'ECONNREFUSED' }] },
    vendor: { id: 'openwrt', name: 'OpenWrt', via: 'web UI title', evidence: 'OpenWrt - LuCI' },
  }
  const gw = rowsOf({ gateway })
  t.equal(only(gw, 'Router'), 'Router: OpenWrt (web UI title: OpenWrt - LuCI)')
  t.equal(only(gw, 'Web UI: http://'), 'Web UI: http://192.168.77.1/: HTTP 200, title "OpenWrt - LuCI", Server: uhttpd (ticket)')
  t.equal(only(gw, 'Web UI: https://'), 'Web UI: https://192.168.77.1/: ECONNREFUSED (ticket)')

  const r = report()
  const expect = (expectations: Report['expectations']): string[] => lines(observedRows({ ...r, expectations }))
  t.same(expect([{ expect: 'works', holds: true, why: 'x' }]).filter((l) => l.startsWith('Expect')), [], 'the default alone: nothing to say')
  t.same(
    expect([
      { expect: 'works', holds: true, why: 'inside clients get through' },
      { expect: 'source=public-ip', holds: false, why: "the server sees the gateway's address" },
      { expect: 'fails', holds: null, why: 'no verdict' },
    ]).filter((l) => l.startsWith('Expect')),
    ['Expect: works: holds: inside clients get through', "Expect: source=public-ip: does not hold: the server sees the gateway's address", 'Expect: fails: cannot tell: no verdict'],
  )
})

t.test('rejected echo answers, tied candidates, an unconfirmed address, a tunnel, several connections, the outside check from the router', async (t) => {
  const pub = observations().publicIp
  const rows = rowsOf({
    publicIp: {
      ...pub,
      sources: [...pub.sources, { url: 'http://198.51.100.12/ip', address: '10.0.0.1', error: null, ms: 4, rejected: 'a private address (RFC 1918)' }],
      candidates: [
        { address: '203.0.113.7', votes: 1, outcome: 'ok' },
        { address: '198.51.100.9', votes: 1, outcome: 'timeout' },
      ],
      confirmedBy: null,
    },
    client: { ...observations().client, interface: 'wg0', tunnel: true },
    tcp: tcpReport({ attempts: 3 }),
    external: { reachable: true, via: 'http://198.51.100.10/port/8443', ip: '203.0.113.7', error: null, ms: 5, seenByListener: true, observedPeer: '192.168.77.1', peerKind: 'gateway' },
  })
  t.match(only(rows, 'Public IP: 203'), /\(2 of 3 echo services agree, unconfirmed\)/)
  t.equal(only(rows, 'Echo service: http://198.51.100.12'), 'Echo service: http://198.51.100.12/ip → 10.0.0.1, not used: a private address (RFC 1918), 4 ms')
  t.equal(only(rows, 'Public IP: candidates'), 'Public IP: candidates: 203.0.113.7: 1 vote, ok; 198.51.100.9: 1 vote, timeout')
  t.match(only(rows, 'This host'), / on wg0 \(a tunnel: a VPN\)/)
  t.match(only(rows, 'TCP: ok'), /after 3 ms \(3 connections\)/)
  t.match(only(rows, 'From outside'), /our listener saw it from 192\.168\.77\.1 \(the gateway\)$/)
  const byGateway = rowsOf({ publicIp: { ...pub, confirmedBy: 'gateway' } })
  t.match(only(byGateway, 'Public IP: 203'), /, the gateway says so too\)/)
  const unknownKind = rowsOf({ external: { reachable: true, via: 'x', ip: null, error: null, ms: 5, seenByListener: true, observedPeer: '192.168.77.1', peerKind: null } })
  t.match(only(unknownKind, 'From outside'), /saw it from 192\.168\.77\.1$/)
})

t.test('each fix keeps its source', async (t) => {
  const m = buildModel(report({ tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null }) }))
  t.ok(m.fixes.every((f) => f.source === null || /^https:\/\//.test(f.source)))
  const none = buildModel({ ...report(), verdict: { ...report().verdict, fixes: [{ id: 'x', title: 'X', why: 'w', commands: [], source: null }] } })
  t.equal(none.fixes[0]?.source, null)
})
