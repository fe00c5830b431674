// Tests the Markdown report: snapshots of typical runs, escaping of hostile text, fences, every optional row.
import t from 'tap'
import { diagnose } from '../../src/diagnose/diagnose.js'
import { renderMarkdown, type MarkdownOptions } from '../../src/render/markdown.js'
import type { GatewayReport, Observations, Report, ServiceReport } from '../../src/report/report.js'
import { observations, tcpReport, udpReport } from '../support/fixtures.js'

const report = (over: Partial<Observations> = {}): Report => {
  const obs = observations(over)
  return { ...obs, verdict: diagnose(obs) }
}
const ENV: MarkdownOptions = { environment: { os: 'linux 6.1.0 x64', node: 'v20.20.2' } }
const md = (r: Report, opts: Partial<MarkdownOptions> = {}): string => renderMarkdown(r, { ...ENV, ...opts })

/** The document before the raw JSON, where everything from the report is escaped. */
const head = (out: string): string => out.slice(0, out.indexOf('<details>'))
/** The table rows of the observations (header and delimiter row excluded). */
const rows = (out: string): string[] => head(out).split('\n').filter((l) => l.startsWith('| ') && l !== '| Check | Result |')
/** Cell separators in a table row: pipes not escaped by a backslash (an escaped backslash does not count). */
const separators = (row: string): number => row.replace(/\\./g, '').split('|').length - 1
/** The raw JSON block's text. */
function rawJson(out: string): string {
  const m = /<details><summary>Raw report \(JSON\)<\/summary>\n\n(`{3,})json\n([\s\S]*?)\n\1\n\n<\/details>\n$/.exec(out)
  if (m === null) throw new Error('no raw JSON block')
  return m[2] as string
}
const failing = (): Report => report({ tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null, error: 'ECONNREFUSED', strangers: 1 }) })

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

t.test('snapshots', async (t) => {
  t.test('a working hairpin', async (t) => {
    const out = md(report())
    t.match(out, /^# ✔ Hairpin NAT works: the server sees the gateway's address\n\nHairpin NAT works: /)
    t.match(out, /\n## Improvements, most useful first\n/)
    t.matchSnapshot(out)
  })
  t.test('a failing hairpin, with fixes, commands and the path', async (t) => {
    const out = md(failing(), { path: ['client 192.168.77.10 --SYN--> 203.0.113.7:8443 (router)', '  router: refused'] })
    t.match(out, /^# ✘ Hairpin NAT does not work: connection refused/)
    t.match(out, /\n## Path\n\n```\nclient 192\.168\.77\.10 --SYN--> 203\.0\.113\.7:8443 \(router\)\n {2}router: refused\n```\n/)
    t.match(out, /\n## Fixes, most likely first\n\n### 1\. /)
    t.match(out, /```sh\n[^`]*nft add rule ip hairpin_check hairpin_pre ip saddr 192\.168\.77\.0\/24 ip daddr 203\.0\.113\.7 tcp dport 8443 dnat to 192\.168\.77\.10\n/)
    // Every fix, with its commands (no FIXES_WITH_COMMANDS cut as in the terminal), and its documentation under it.
    t.equal(out.match(/\n### \d+\. /g)?.length, failing().verdict.fixes.length, 'every fix')
    t.match(out, /\n```\n\nSource: <https:\/\/openwrt\.org\/[^>\s]*>\n/)
    t.notMatch(out, /--all-fixes/)
    t.match(out, /\n## Warnings\n\n- 1 other connection or datagram reached the listener/)
    t.matchSnapshot(out)
  })
  t.test('a peer with UDP, DNS, IPv6, the gateway and an outside check', async (t) => {
    const out = md(
      report({
        mode: 'peer',
        tcp: tcpReport({ outcome: 'timeout', observedPeer: null, peerKind: null, serverAddress: null, ms: 2000 }),
        udp: udpReport({ outcome: 'direct-reply', observedPeer: '192.168.77.20', peerKind: 'other', replyFrom: '192.168.77.10', attempts: 3, strangers: 1 }),
        dns: { name: 'app.example.org', addresses: ['203.0.113.7'], pointsTo: 'public-ip', error: null, direct: null },
        ipv6: { address: '2001:db8:77::10', publicAddress: '2001:db8:77::10', sources: [], target: '2001:db8:77::10', outcome: 'ok', observedPeer: null, ms: 1, error: null },
        gateway: {
          address: '192.168.77.1',
          natpmp: { resultCode: 0, externalIp: '203.0.113.7', epoch: 5, error: null, ms: 2 },
          pcp: { present: true, version: 2, resultCode: 0, error: null, ms: 2 },
          upnp: UPNP,
          webui: null,
          vendor: null,
        },
        external: { reachable: true, via: 'http://198.51.100.10/port/8443', ip: '203.0.113.7', error: null, ms: 40, seenByListener: true, observedPeer: null, peerKind: null },
      }),
    )
    t.match(out, /^# ✘ Hairpin NAT does not work: the server answers directly \(DNAT without SNAT\)/)
    t.match(out, /\| UDP \| direct-reply after 4 ms and 3 tries, answer from 192\.168\.77\.10 \|/)
    t.match(out, /\| Listener \| hairpin-check serve on the server \(--peer\) \|/)
    t.match(out, /\| UDP: listener saw \| 192\.168\.77\.20 \(neither this host, the gateway nor the public IP\) \|/, 'the same words as the terminal')
    t.match(out, /Cause: `dnat-without-snat` \(about TCP\)\. Hairpin NAT on the public IP: does not work\. Exit code 1\./)
    t.matchSnapshot(out)
  })
  t.test('a target comparison', async (t) => {
    const out = md(
      report({
        mode: 'target',
        listener: null,
        tcp: null,
        target: { address: '192.168.77.10', reason: 'flag', viaPublicIp: svc(), direct: svc({ kind: 'tls', http: null, description: 'TLS certificate CN=app.lab (SHA-256 AB:CD:EF:01:…)' }), same: false },
      }),
    )
    t.match(out, /\| Target: via public IP \| HTTP 400, Server: router \|/)
    t.match(out, /\| Target: server 192\.168\.77\.10 \| TLS certificate CN=app\.lab \(SHA-256 AB:CD:EF:01:…\) \|/)
    t.match(out, /\| Target: same service \| no \|/)
    t.match(out, /\| Listener \| none \|/)
    t.notMatch(out, /Strangers/)
    t.matchSnapshot(out)
  })
  t.test('no verdict', async (t) => {
    const sources = [{ url: 'https://a.example/ip', address: null, error: 'HTTP 500', ms: null, rejected: null }]
    const out = md(
      report({
        publicIp: { address: null, via: 'echo', sources, onThisHost: null, candidates: [], confirmedBy: null },
        tcp: null,
        fault: { kind: 'no-public-ip', code: null, message: 'no echo service answered; pass --public-ip ADDR' },
      }),
    )
    t.match(out, /^# \? No verdict: the public IP could not be learned\n/)
    t.match(out, /\| Echo service \| https:\/\/a\.example\/ip → failed: HTTP 500 \|/)
    t.match(out, /\| Fault \| no-public-ip: no echo service answered; pass --public-ip ADDR \|/)
    t.match(out, /Hairpin NAT on the public IP: not decided\. Exit code 2\./)
    t.notMatch(out, /## Fixes/)
    t.matchSnapshot(out)
  })
})

t.test('the raw report is the JSON report, folded away', async (t) => {
  const r = failing()
  const out = md(r)
  t.same(JSON.parse(rawJson(out)), r)
  t.match(out, /\n\n<details><summary>Raw report \(JSON\)<\/summary>\n\n```json\n\{\n/)
})

t.test('text from the network is escaped and cannot break the table', async (t) => {
  const evil = 'HTTP/1.1 200 OK | `rm -rf /` <script>alert(1)</script> *bold* [x](y) @admin #1 \\| &amp;'
  const r = report({
    publicIp: {
      address: '203.0.113.7',
      via: 'echo',
      sources: [
        { url: 'http://198.51.100.10/ip', address: null, error: evil, ms: 7, rejected: null },
        { url: 'http://198.51.100.11/ip', address: '203.0.113.7', error: null, ms: 6, rejected: null },
      ],
      onThisHost: false,
      candidates: [{ address: '203.0.113.7', votes: 1, outcome: null }],
      confirmedBy: null,
    },
    tcp: tcpReport({ outcome: 'wrong-service', observedPeer: null, peerKind: null, answer: `${evil}\n\u001b[31mred\u001b[0m\u202eevil` }),
  })
  const out = head(md(r))
  t.notMatch(out, /<script>/, 'no raw HTML')
  t.match(out, /\\<script\\>alert\(1\)\\<\/script\\>/)
  t.match(out, /\\`rm -rf \/\\`/)
  t.match(out, /\\\*bold\\\*/)
  t.match(out, /\\\[x\\\]\(y\)/)
  t.match(out, /\\@admin \\#1/)
  t.match(out, /\\&amp;/)
  t.notMatch(out, /\u001b|\u202e/, 'no escape sequences or bidi overrides')
  for (const row of rows(out)) t.equal(separators(row), 3, `two cells: ${row.slice(0, 40)}`)
  t.match(out, /\| TCP: answered by \| "HTTP\/1\.1 200 OK \\\| /)
  t.match(out, /\| Echo service \| http:\/\/198\.51\.100\.10\/ip → failed: HTTP\/1\.1 200 OK \\\| /)
  // The raw JSON keeps the exact text, with invisible characters escaped as JSON escapes.
  const raw = rawJson(md(r))
  t.match(raw, /\\u202e/)
  t.notMatch(raw, /\u202e/)
  t.equal((JSON.parse(raw) as Report).tcp?.answer, r.tcp?.answer)
})

t.test('lines that would start a block are escaped', async (t) => {
  const r = failing()
  r.verdict.summary = '1. not a list'
  r.verdict.warnings = ['- not an item', '+ nor this', '=== nor a heading underline', '12) nor this', '# nor a heading']
  r.verdict.fixes = [{ id: 'x', title: '## title', why: '- why', commands: [], source: null }]
  const out = md(r)
  t.match(out, /\n\n1\\\. not a list\n\n/)
  t.match(out, /\n- \\- not an item\n- \\\+ nor this\n- \\=== nor a heading underline\n- 12\\\) nor this\n- \\# nor a heading\n/)
  t.match(out, /\n### 1\. \\#\\# title\n\n\\- why\n\n## Environment/, 'no commands: no code block')
})

t.test("each fix's source: a bare URL in angle brackets, under its commands", async (t) => {
  const r = failing()
  r.verdict.fixes = [
    { id: 'a', title: 'A', why: 'w', commands: ['echo a'], source: 'https://example.org/docs#nat' },
    { id: 'b', title: 'B', why: 'w', commands: [], source: 'https://example.org/a b<script>' },
    { id: 'c', title: 'C', why: 'w', commands: ['echo c'], source: null },
  ]
  const out = md(r)
  t.match(out, /\n### 1\. A\n\nw\n\n```sh\necho a\n```\n\nSource: <https:\/\/example\.org\/docs#nat>\n/)
  t.match(out, /\n### 2\. B\n\nw\n\nSource: <https:\/\/example\.org\/a%20b%3Cscript%3E>\n/, 'nothing in it can end the autolink')
  t.match(out, /\n### 3\. C\n\nw\n\n```sh\necho c\n```\n\n## Environment/, 'no source: no line')
})

t.test('code fences outgrow any backtick run inside', async (t) => {
  const r = failing()
  r.verdict.fixes = [
    { id: 'a', title: 'A', why: 'w', commands: ['echo ```', 'echo ````` and `', 'two\nlines \u001b[2Jcleared'], source: null },
    { id: 'b', title: 'B', why: 'w', commands: ['echo `one`'], source: null },
  ]
  const out = md(r, { path: ['a ````` path'] })
  t.match(out, /\n``````sh\necho ```\necho ````` and `\ntwo\nlines cleared\n``````\n/, 'six backticks around a run of five; one block per fix')
  t.match(out, /\n```sh\necho `one`\n```\n/)
  t.match(out, /\n## Path\n\n``````\na ````` path\n``````\n/)
  t.notMatch(out, /\u001b/)
  r.verdict.summary = 'has ``` a fence'
  const json = md(r)
  t.match(json, /\n``````json\n/, 'the raw JSON fence too: it holds the fix commands as well')
  t.equal((JSON.parse(rawJson(json)) as Report).verdict.summary, 'has ``` a fence')
})

t.test('the cause as a code span, even with backticks', async (t) => {
  const r = failing()
  r.verdict.cause = '`odd`' as Report['verdict']['cause']
  r.verdict.protocol = null
  t.match(md(r), /Cause: `` `odd` ``\. Hairpin/)
})

t.test('an empty path draws no section; a redacted report says so', async (t) => {
  const r = report()
  t.notMatch(md(r, { path: [] }), /## Path/)
  t.notMatch(md(r), /Redacted/)
  t.match(md({ ...r, redacted: true } as Report), /\n- Redacted: public addresses, names and certificate fingerprints are masked\n/)
  t.match(md(r, { environment: { os: 'linux | x', node: 'v20 `x`' } }), /\n- OS: linux \\\| x\n- Node: v20 \\`x\\`\n- Tool: hairpin-check 0\.0\.0-test, report schema 1\n- Run: started 2026-11-26T00:00:00\.000Z, took 42 ms\n/)
})

t.test('every optional row', async (t) => {
  const flag = md(
    report({
      port: null,
      publicIp: { address: '203.0.113.7', via: 'flag', sources: [], onThisHost: true, candidates: [], confirmedBy: 'flag' },
      client: { address: null, gateway: null, lanPrefix: null, interface: null, tunnel: null },
      listener: null,
      tcp: tcpReport({ outcome: 'error', error: 'EHOSTDOWN', peerKind: 'public-ip', observedPeer: '203.0.113.7', serverAddress: null, answer: '' }),
    }),
  )
  t.match(flag, /\| Port \| none \(bad argument\), mode listen \|/)
  t.match(flag, /\| Public IP \| 203\.0\.113\.7 \(given with --public-ip\) \|/)
  t.match(flag, /\| Public IP on this host \| yes: no NAT at all \|/)
  t.match(flag, /\| This host \| unknown \|/)
  t.match(flag, /\| Gateway \| unknown \(not in the routing table\) \|/)
  t.match(flag, /\| TCP \| error \(EHOSTDOWN\) after 3 ms, to 203\.0\.113\.7:none \(bad argument\) \|/)
  t.match(flag, /\| TCP: listener saw \| 203\.0\.113\.7 \(the public IP\) \|/)
  t.notMatch(flag, /TCP: arrived at/)
  t.match(flag, /\| TCP: answered by \| a service that closed without a word \|/)

  const unknownIp = md(report({ publicIp: { address: null, via: 'echo', sources: [{ url: 'u', address: null, error: null, ms: 1, rejected: null }], onThisHost: null, candidates: [], confirmedBy: null } }))
  t.match(unknownIp, /\| Public IP \| unknown \(0 of 1 echo services agree\) \|/)
  t.match(unknownIp, /\| Echo service \| u → failed: no answer, 1 ms \|/)
  t.notMatch(unknownIp, /Public IP on this host/)

  const udp = md(
    report({
      tcp: tcpReport({ peerKind: 'client', observedPeer: '192.168.77.10' }),
      udp: udpReport({ outcome: 'wrong-service', peerKind: null, observedPeer: null, replyFrom: null, attempts: 1, error: 'EMSGSIZE', answer: 'pong' }),
      dns: { name: 'gone.lab', addresses: [], pointsTo: 'none', error: null, direct: null },
      ipv6: { address: null, publicAddress: null, sources: [], target: null, outcome: null, observedPeer: null, ms: null, error: null },
    }),
  )
  t.match(udp, /\| TCP: listener saw \| 192\.168\.77\.10 \(this host\) \|/)
  t.match(udp, /\| UDP \| wrong-service \(EMSGSIZE\) after 4 ms and 1 try \|/)
  t.match(udp, /\| UDP: answered by \| "pong" \|/)
  t.notMatch(udp, /UDP: listener saw/)
  t.match(udp, /\| DNS name \| gone\.lab → nothing \(no error given\); points to nothing \|/)
  t.match(udp, /\| IPv6 \| no global address here; not tested \|/)

  const more = md(
    report({
      udp: udpReport({ peerKind: 'public-ip', observedPeer: '203.0.113.7' }),
      dns: { name: 'app.lab', addresses: ['192.168.77.10', 'fe80::1'], pointsTo: 'lan', error: null, direct: { address: '192.168.77.10', outcome: 'ok', observedPeer: '192.168.77.10', ms: 2 } },
      ipv6: { address: '2001:db8::1', publicAddress: null, sources: [], target: '2001:db8::1', outcome: 'refused', observedPeer: null, ms: null, error: 'ECONNREFUSED' },
    }),
  )
  t.match(more, /\| UDP \| ok after 4 ms and 1 try, answer from 203\.0\.113\.7 \|/)
  t.match(more, /\| UDP: listener saw \| 203\.0\.113\.7 \(the public IP\) \|\n\| UDP: arrived at \| 192\.168\.77\.10 \|\n/)
  t.match(more, /\| DNS name \| app\.lab → 192\.168\.77\.10, fe80::1; points to a LAN address: split-horizon DNS \|/)
  t.match(more, /\| DNS: direct \| 192\.168\.77\.10:8443 ok after 2 ms \|/)
  t.match(more, /\| IPv6 \| 2001:db8::1; \\\[2001:db8::1\\\]:8443 refused \(ECONNREFUSED\) \|/)

  const udpOnly = md(report({ mode: 'target', listener: null, tcp: null, udp: udpReport({ strangers: 2 }) }))
  t.match(udpOnly, /\| Strangers \| 2 other connections left unanswered \|/)
  t.notMatch(udpOnly, /\| TCP/)

  const elsewhere = md(report({ dns: { name: 'old.example', addresses: ['198.51.100.99'], pointsTo: 'elsewhere', error: null, direct: null } }))
  t.match(elsewhere, /points to another address \|/)
})

t.test('gateway rows', async (t) => {
  const with_ = (gateway: GatewayReport): string => md(report({ gateway }))
  const out = with_({
    address: '192.168.77.1',
    natpmp: { resultCode: 3, externalIp: '0.0.0.0', epoch: 5, error: null, ms: 2 },
    pcp: { present: false, version: 0, resultCode: 1, error: null, ms: 2 },
    upnp: { ...UPNP, manufacturer: null, model: null, connectionStatus: null, externalIp: null, mapping: { ...UPNP.mapping!, description: null, internalPort: null } },
    webui: null,
    vendor: null,
  })
  t.match(out, /\| NAT-PMP \| result code 3 \(network failure: no usable WAN address\) \|/)
  t.match(out, /\| PCP \| not supported \(answers version 0\) \|/)
  t.match(out, /\| UPnP \| Lab Router \|/)
  t.match(out, /\| UPnP mapping \| port 8443 → 192\.168\.77\.10:\? \|/)

  const quiet = with_({
    address: null,
    natpmp: { resultCode: null, externalIp: null, epoch: null, error: 'timeout', ms: 2000 },
    pcp: { present: null, version: null, resultCode: null, error: null, ms: 2000 },
    upnp: { ...UPNP, found: false, error: null },
    webui: null,
    vendor: null,
  })
  t.match(quiet, /\| NAT-PMP \| timeout \|/)
  t.match(quiet, /\| PCP \| no answer \|/)
  t.match(quiet, /\| UPnP \| no gateway device answered \|/)
  t.notMatch(quiet, /UPnP mapping/)

  const failed = with_({
    address: null,
    natpmp: { resultCode: 4, externalIp: null, epoch: 1, error: null, ms: 1 },
    pcp: null,
    upnp: { ...UPNP, found: null, error: 'HTTP 500 | <b>' },
    webui: null,
    vendor: null,
  })
  t.match(failed, /\| NAT-PMP \| result code 4 \|/)
  t.match(failed, /\| UPnP \| no gateway device \(HTTP 500 \\\| \\<b\\>\) \|/)
  t.notMatch(failed, /\| PCP/)

  const bare = with_({ address: null, natpmp: { resultCode: null, externalIp: null, epoch: null, error: null, ms: 1 }, pcp: { present: null, version: null, resultCode: null, error: 'EACCES', ms: 1 }, upnp: { ...UPNP, manufacturer: null, model: null, friendlyName: null, mapping: null }, webui: null, vendor: null })
  t.match(bare, /\| NAT-PMP \| no answer \|/)
  t.match(bare, /\| PCP \| EACCES \|/)
  t.match(bare, /\| UPnP \| unnamed, Connected, external 203\.0\.113\.7 \|/)
  t.match(bare, /\| UPnP mapping \| none for port 8443 \|/)

  const none = with_({ address: null, natpmp: null, pcp: null, upnp: null, webui: null, vendor: null })
  t.notMatch(none, /NAT-PMP|PCP|UPnP/)
})

t.test('outside check and target rows', async (t) => {
  const notReachable = md(report({ external: { reachable: false, via: 'u', ip: null, error: null, ms: 40, seenByListener: false, observedPeer: null, peerKind: null } }))
  t.match(notReachable, /\| From outside \| not reachable via u; our listener saw nothing \|/)
  const unknown = md(report({ external: { reachable: null, via: 'u', ip: null, error: null, ms: 40, seenByListener: null, observedPeer: null, peerKind: null } }))
  t.match(unknown, /\| From outside \| unknown \(no answer\) via u \|/)
  const failedCheck = md(report({ external: { reachable: null, via: 'u', ip: null, error: 'HTTP 502', ms: 40, seenByListener: null, observedPeer: null, peerKind: null } }))
  t.match(failedCheck, /\| From outside \| unknown \(HTTP 502\) via u \|/)

  const untried = md(report({ mode: 'target', tcp: null, target: { address: '192.168.77.10', reason: 'port-in-use', viaPublicIp: null, direct: null, same: null } }))
  t.match(untried, /\| Target: via public IP \| not tried \|/)
  t.match(untried, /\| Target: server 192\.168\.77\.10 \| not tried \|/)
  t.match(untried, /\| Target: same service \| unknown \|/)
  const same = md(report({ mode: 'target', tcp: null, target: { address: '192.168.77.10', reason: 'flag', viaPublicIp: svc(), direct: svc(), same: true } }))
  t.match(same, /^# ✔ Hairpin NAT works: the public IP reaches the same service as the server/)
  t.match(same, /\| Target: same service \| yes \|/)

  const fault = md(report({ tcp: null, fault: { kind: 'listen-failed', code: 'EADDRINUSE', message: 'Port 8443 is taken.' } }))
  t.match(fault, /\| Fault \| listen-failed \(EADDRINUSE\): Port 8443 is taken\. \|/)
})
