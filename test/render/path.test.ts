// Tests the path picture: snapshots per cause, ASCII and Unicode, three widths; the width bound; Unicode detection.
import t from 'tap'
import { diagnose } from '../../src/diagnose/diagnose.js'
import { MIN_WIDTH, renderPath, supportsUnicode } from '../../src/render/path.js'
import type { Cause, GatewayReport, Observations, Report, ServiceReport } from '../../src/report/report.js'
import { observations, tcpReport, udpReport } from '../support/fixtures.js'

const report = (over: Partial<Observations> = {}): Report => {
  const obs = observations(over)
  return { ...obs, verdict: diagnose(obs) }
}
const failed = { observedPeer: null, peerKind: null, serverAddress: null } as const
const natpmp = (externalIp: string | null, resultCode = 0): GatewayReport => ({
  address: '192.168.77.1',
  natpmp: { resultCode, externalIp, epoch: 1, error: null, ms: 1 },
  pcp: null,
  upnp: null,
  webui: null,
  vendor: null,
})
const svc = (description: string, outcome: ServiceReport['outcome'] = 'ok'): ServiceReport => ({
  outcome,
  kind: outcome === 'ok' ? 'http' : null,
  banner: null,
  tls: null,
  http: null,
  error: null,
  ms: 5,
  description,
})

/** What answered on the public IP, known to be the router's own: it looks like OpenWrt's web interface. */
const routersOwn: Observations['answeredBy'] = {
  viaPublicIp: svc('HTTP 400, Server: router'),
  gateway: svc('HTTP 400, Server: router'),
  forwardTarget: null,
  router: { id: 'openwrt', name: 'OpenWrt', via: 'web UI title', evidence: 'LuCI' },
}

/** Every cause family the picture draws, with the cause diagnose gives it. */
const CASES: Array<[string, Cause, Report]> = [
  ['works, server sees the gateway (masquerade)', 'hairpin-ok-gateway-source', report()],
  ['works, server sees the public IP', 'hairpin-ok-public-source', report({ tcp: tcpReport({ observedPeer: '203.0.113.7', peerKind: 'public-ip' }) })],
  ['works, server sees the client (other subnet)', 'hairpin-ok-client-source', report({ tcp: tcpReport({ observedPeer: '192.168.77.10', peerKind: 'client' }) })],
  ['works, server sees another address', 'hairpin-ok-other-source', report({ tcp: tcpReport({ observedPeer: '10.9.9.9', peerKind: 'other' }) })],
  ['no reflection: refused', 'no-reflection', report({ tcp: tcpReport({ ...failed, outcome: 'refused', error: 'ECONNREFUSED' }) })],
  [
    "router answered: the router's own service",
    'router-answered',
    report({ tcp: tcpReport({ ...failed, outcome: 'wrong-service', answer: 'HTTP/1.1 400 Bad Request\u001b[31m Server: router' }), answeredBy: routersOwn }),
  ],
  ['router answered: silent close', 'router-answered', report({ tcp: tcpReport({ ...failed, outcome: 'wrong-service', answer: '' }), answeredBy: routersOwn })],
  ['router answered: reset', 'router-answered', report({ tcp: tcpReport({ ...failed, outcome: 'reset', error: 'ECONNRESET' }), answeredBy: routersOwn })],
  ['no SNAT or filtered, same host', 'no-snat-or-filtered', report({ tcp: tcpReport({ ...failed, outcome: 'timeout', ms: 3000 }) })],
  ['no SNAT or filtered, peer', 'no-snat-or-filtered', report({ mode: 'peer', tcp: tcpReport({ ...failed, outcome: 'timeout', ms: 3000 }) })],
  [
    'DNAT without SNAT (UDP answer from the server), peer',
    'dnat-without-snat',
    report({
      mode: 'peer',
      tcp: tcpReport({ ...failed, outcome: 'timeout', ms: 3000 }),
      udp: udpReport({ outcome: 'direct-reply', observedPeer: '192.168.77.10', peerKind: 'client', serverAddress: '192.168.77.20', replyFrom: '192.168.77.20', attempts: 3 }),
    }),
  ],
  ['unreachable', 'unreachable', report({ tcp: tcpReport({ ...failed, outcome: 'unreachable', error: 'EHOSTUNREACH' }) })],
  ['UDP too, both work', 'hairpin-ok-gateway-source', report({ udp: udpReport() })],
  ['UDP refused (ICMP port unreachable)', 'no-reflection', report({ tcp: null, udp: udpReport({ ...failed, outcome: 'refused', replyFrom: null }) })],
  ['UDP unreachable, no error code', 'unreachable', report({ tcp: null, udp: udpReport({ ...failed, outcome: 'unreachable', replyFrom: null }) })],
  ['peer mode, works', 'hairpin-ok-gateway-source', report({ mode: 'peer', listener: null, tcp: tcpReport({ serverAddress: '192.168.77.20' }) })],
  [
    'target mode, same service',
    'target-same',
    report({ mode: 'target', tcp: null, target: { address: '192.168.77.20', reason: 'flag', viaPublicIp: svc('TLS certificate CN=app.lab'), direct: svc('TLS certificate CN=app.lab'), same: true } }),
  ],
  [
    'target mode, different service',
    'target-different',
    report({
      mode: 'target',
      tcp: null,
      target: { address: '192.168.77.20', reason: 'flag', viaPublicIp: svc('HTTP 400, Server: router'), direct: svc('TLS certificate CN=app.lab'), same: false },
    }),
  ],
  [
    'target mode, refused on the public IP',
    'no-reflection',
    report({ mode: 'target', tcp: null, target: { address: '192.168.77.20', reason: 'flag', viaPublicIp: svc('refused', 'refused'), direct: svc('SSH-2.0-OpenSSH_9.6'), same: null } }),
  ],
  [
    'target mode, the server does not answer',
    'target-unreachable',
    report({ mode: 'target', tcp: null, target: { address: '192.168.77.20', reason: 'port-in-use', viaPublicIp: svc('HTTP 200'), direct: svc('no answer', 'timeout'), same: null } }),
  ],
  ['CGNAT in front of the gateway', 'cgnat', report({ tcp: tcpReport({ ...failed, outcome: 'timeout', ms: 3000 }), gateway: natpmp('100.64.7.2') })],
  [
    'double NAT, the gateway has no usable WAN address',
    'double-nat',
    report({ mode: 'peer', tcp: tcpReport({ ...failed, outcome: 'refused' }), udp: udpReport(), gateway: natpmp(null, 3) }),
  ],
  ['not behind NAT', 'not-behind-nat', report({ publicIp: { address: '203.0.113.7', via: 'flag', sources: [], onThisHost: true, candidates: [], confirmedBy: 'flag' }, client: { address: '203.0.113.7', gateway: '203.0.113.1', lanPrefix: null, interface: 'eth0', tunnel: null } })],
  ['not behind NAT, blocked', 'not-behind-nat', report({ publicIp: { address: '203.0.113.7', via: 'flag', sources: [], onThisHost: true, candidates: [], confirmedBy: 'flag' }, tcp: tcpReport({ ...failed, outcome: 'timeout' }) })],
]

const WIDTHS = [40, 80, 120] as const
const cols = (line: string): number => Array.from(line).length

for (const [name, cause, r] of CASES) {
  t.test(name, async (t) => {
    t.equal(r.verdict.cause, cause, 'the fixture diagnoses as intended')
    for (const unicode of [true, false]) {
      for (const width of WIDTHS) {
        const lines = renderPath(r, { unicode, width, colorLevel: 0 })
        t.ok(lines.length > 0, 'something is drawn')
        t.matchSnapshot(lines.join('\n'), `${unicode ? 'unicode' : 'ascii'} ${width}`)
      }
    }
  })
}

t.test('no line is wider than asked, in any case', async (t) => {
  for (const [name, , r] of CASES) {
    for (const unicode of [true, false]) {
      for (const width of [...WIDTHS, MIN_WIDTH, 33, 57]) {
        const lines = renderPath(r, { unicode, width, colorLevel: 0 })
        const over = lines.filter((l) => cols(l) > width)
        t.same(over, [], `${name}, ${unicode ? 'unicode' : 'ascii'}, ${width} columns`)
        t.notOk(lines.some((l) => /\u001b|\s$/.test(l)), 'no escapes, no trailing spaces')
        if (!unicode) t.notOk(lines.some((l) => /[^\x20-\x7e]/.test(l)), 'ASCII only')
      }
    }
  }
})

t.test('one line per hop when it fits, two when it does not', async (t) => {
  const wide = renderPath(report(), { unicode: true, width: 80, colorLevel: 0 })
  t.same(wide.length, 6, 'title, four hops, caption')
  t.equal(wide[2], '  gateway  192.168.77.1  ──DNAT+SNAT─▶ listener 192.168.77.10 saw 192.168.77.1')
  const narrow = renderPath(report(), { unicode: true, width: 40, colorLevel: 0 })
  t.same(narrow.slice(3, 6), ['  gateway  192.168.77.1  ──DNAT+SNAT─▶', '      listener 192.168.77.10', '        saw 192.168.77.1'], 'a note that does not fit moves whole')
})

t.test('colour', async (t) => {
  const r = report({ tcp: tcpReport({ ...failed, outcome: 'refused' }) })
  const lines = renderPath(r, { unicode: true, width: 80, colorLevel: 1 })
  t.matchSnapshot(lines.join('\n'), 'refused, colour level 1')
  t.match(lines.join('\n'), /\u001b\[31m✘\u001b\[39m/)
  t.match(lines.join('\n'), /\u001b\[1mTCP to 203\.0\.113\.7:8443\u001b\[22m/)
  const ok = renderPath(report(), { unicode: false, width: 80, colorLevel: 3 }).join('\n')
  t.match(ok, /\u001b\[32m\[ok\]\u001b\[39m/)
  t.equal(ok.replace(/\u001b\[[0-9;]*m/g, ''), renderPath(report(), { unicode: false, width: 80, colorLevel: 0 }).join('\n'), 'colour changes nothing else')
})

t.test('nothing to draw', async (t) => {
  const noIp = report({ publicIp: { address: null, via: 'echo', sources: [], onThisHost: null, candidates: [], confirmedBy: null }, tcp: null, fault: { kind: 'no-public-ip', code: null, message: 'x' } })
  t.same(renderPath(noIp, { unicode: true, width: 80, colorLevel: 0 }), [])
  t.same(renderPath(report({ port: null, tcp: null, fault: { kind: 'bad-input', code: null, message: 'bad port' } }), { unicode: true, width: 80, colorLevel: 0 }), [])
  t.same(renderPath(report({ tcp: tcpReport({ ...failed, outcome: 'error', error: 'EINVAL' }) }), { unicode: true, width: 80, colorLevel: 0 }), [], 'probe-error')
  t.same(renderPath(report({ tcp: null }), { unicode: true, width: 80, colorLevel: 0 }), [], 'nothing tested')
  // A probe error beside a verdict from elsewhere (hand-made: diagnose never pairs them) draws nothing for it.
  const odd = report({ tcp: tcpReport({ ...failed, outcome: 'error' }) })
  odd.verdict = { ...odd.verdict, cause: 'dns-unresolved' }
  t.same(renderPath(odd, { unicode: true, width: 80, colorLevel: 0 }), [])
})

t.test('text from the network is made printable and fits', async (t) => {
  const wide = '路由器'.repeat(30)
  const r = report({ tcp: tcpReport({ ...failed, outcome: 'wrong-service', answer: `\u001b]0;pwned\u0007${wide}` }) })
  for (const width of [MIN_WIDTH, 40, 80]) {
    const lines = renderPath(r, { unicode: true, width, colorLevel: 0 })
    const text = lines.join('\n')
    t.notMatch(text, /\u001b|pwned/)
    t.match(text, /路由器/)
    const colsOf = (l: string): number => Array.from(l).reduce((n, ch) => n + (/[\u2e80-\ua4cf]/.test(ch) ? 2 : 1), 0)
    t.same(lines.filter((l) => colsOf(l) > width), [], `${width} columns, double-width characters counted twice`)
  }
  // Combining accents take no column of their own, and a cut never parts them from their letter.
  const accented = report({ tcp: tcpReport({ ...failed, outcome: 'wrong-service', answer: 'e\u0301'.repeat(50) }) })
  for (const width of [MIN_WIDTH, 40]) {
    const lines = renderPath(accented, { unicode: true, width, colorLevel: 0 })
    t.ok(lines.some((l) => l.length > width), 'accents not counted as columns')
    t.same(lines.filter((l) => l.replace(/\u0301/g, '').length > width || /^\s*\u0301/.test(l)), [], `${width} columns, accents with their letters`)
  }
  const hostile = report({ client: { address: '192.168.77.10\u202e', gateway: null, lanPrefix: null, interface: null, tunnel: null } })
  const text = renderPath(hostile, { unicode: true, width: 80, colorLevel: 0 }).join('\n')
  t.notMatch(text, /\u202e/)
  t.match(text, /gateway {2}unknown/, 'an unknown gateway says so')
})

t.test('odd widths', async (t) => {
  const base = renderPath(report(), { unicode: true, width: 80, colorLevel: 0 })
  t.same(renderPath(report(), { unicode: true, width: Number.NaN, colorLevel: 0 }), base, 'not a number: 80')
  t.same(renderPath(report(), { unicode: true, width: 80.9, colorLevel: 0 }), base, 'fractions round down')
  t.same(renderPath(report(), { unicode: true, width: 3, colorLevel: 0 }), renderPath(report(), { unicode: true, width: MIN_WIDTH, colorLevel: 0 }), 'tiny: the minimum')
})

t.test('target mode, every way the public IP can answer', async (t) => {
  const draw = (target: Partial<NonNullable<Report['target']>>): string => {
    const full = { address: '192.168.77.20', reason: 'flag' as const, viaPublicIp: null, direct: null, same: null, ...target }
    return renderPath(report({ mode: 'target', tcp: null, target: full }), { unicode: false, width: 80, colorLevel: 0 }).join('\n')
  }
  const none = draw({})
  t.match(none, /client +192\.168\.77\.10 --connect-> gateway 203\.0\.113\.7 +not tried/)
  t.match(none, /client +192\.168\.77\.10 --connect-> server +192\.168\.77\.20 not tried/)
  t.notMatch(none, /Answered|paths/)
  t.match(draw({ viaPublicIp: svc('reset', 'reset') }), /gateway 203\.0\.113\.7 +--RST-+> client +192\.168\.77\.10 \[x\] reset/)
  t.match(draw({ viaPublicIp: svc('unreachable', 'unreachable') }), /--ICMP-+> client +192\.168\.77\.10 \[x\] unreachable/)
  t.match(draw({ viaPublicIp: svc('no answer', 'timeout') }), /gateway 203\.0\.113\.7 +\[x\] no answer/)
  t.match(draw({ viaPublicIp: svc('broken', 'error') }), /gateway 203\.0\.113\.7 +\[x\] error/)
})

t.test('supportsUnicode follows is-unicode-supported', async (t) => {
  const cases: Array<[string, NodeJS.ProcessEnv, NodeJS.Platform, boolean]> = [
    ['Linux console', { TERM: 'linux' }, 'linux', false],
    ['xterm on Linux', { TERM: 'xterm-256color' }, 'linux', true],
    ['no TERM on macOS', {}, 'darwin', true],
    ['CI on Linux', { CI: 'true' }, 'linux', true],
    ['plain Windows console', {}, 'win32', false],
    ['CI on Windows, no terminal hint (2.x dropped the CI rule)', { CI: 'true' }, 'win32', false],
    ['Windows Terminal', { WT_SESSION: 'abc' }, 'win32', true],
    ['empty WT_SESSION', { WT_SESSION: '' }, 'win32', false],
    ['VS Code on Windows', { TERM_PROGRAM: 'vscode' }, 'win32', true],
    ['Terminus on Windows', { TERM_PROGRAM: 'Terminus-Sublime' }, 'win32', true],
    ['old Terminus', { TERMINUS_SUBLIME: '1' }, 'win32', true],
    ['cmder', { ConEmuTask: '{cmd::Cmder}' }, 'win32', true],
    ['other ConEmu task', { ConEmuTask: '{Shells::cmd}' }, 'win32', false],
    ['JetBrains', { TERMINAL_EMULATOR: 'JetBrains-JediTerm' }, 'win32', true],
    ['Alacritty', { TERM: 'alacritty' }, 'win32', true],
    ['rxvt-unicode', { TERM: 'rxvt-unicode-256color' }, 'win32', true],
    ['Windows with TERM=linux', { TERM: 'linux' }, 'win32', false],
  ]
  for (const [name, env, platform, want] of cases) t.equal(supportsUnicode(env, platform), want, name)
})

t.test('something else answered: drawn as the settled cause says', async (t) => {
  const foreign = tcpReport({ outcome: 'wrong-service', observedPeer: null, peerKind: null, serverAddress: null, answer: 'HTTP/1.1 400' })
  const draw = (cause: 'hairpin-ok-other-host' | 'other-service-answered' | 'router-answered'): string => {
    const obs = observations({ tcp: foreign })
    const r: Report = { ...obs, verdict: { hairpin: null, cause, protocol: 'tcp', summary: '', warnings: [], fixes: [] } }
    return renderPath(r, { unicode: false, width: 100, colorLevel: 0 }).join('\n')
  }
  t.match(draw('hairpin-ok-other-host'), /server +another host.*\[ok\] your server[\s\S]*\[ok\] The forward reached your server on another host/)
  t.match(draw('other-service-answered'), /Something other than this host's listener answered: "HTTP\/1\.1 400"\.\s+Your\s+server\s+on\s+another\s+host,\s+or\s+the\s+router's\s+own\s+service/)
  t.notMatch(draw('other-service-answered'), /\[x\]/, 'no failure is drawn: it is not known')
  const obs = observations({ tcp: tcpReport({ outcome: 'reset', observedPeer: null, peerKind: null, serverAddress: null }) })
  const reset: Report = { ...obs, verdict: { hairpin: null, cause: 'other-service-answered', protocol: 'tcp', summary: '', warnings: [], fixes: [] } }
  t.match(renderPath(reset, { unicode: false, width: 100, colorLevel: 0 }).join('\n'), /--RST-+> client +192\.168\.77\.10 reset/)
  t.match(draw('router-answered'), /The router's own service answered instead of the listener/)
})
