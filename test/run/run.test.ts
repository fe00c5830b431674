import t from 'tap'
import type { NetworkInterfaceInfo } from 'node:os'
import { FIREWALL_READ_MS, MAX_CANDIDATES, SETTLE_RESERVE_MS } from '../../src/run/hairpin.js'
import { describeProbeError } from '../../src/run/run.js'
import { fakeIO as fake, probeReport, runOptions } from '../support/fixtures.js'

const opts = runOptions

t.test('a full run through every step', async (t) => {
  const f = fake()
  const r = await probeReport(opts(), f.io)
  t.equal(r.schemaVersion, 1)
  t.equal(r.tool.name, 'hairpin-check')
  t.equal(r.port, 8443)
  t.equal(r.publicIp.address, '203.0.113.7')
  t.equal(r.publicIp.via, 'echo')
  t.equal(r.publicIp.sources.length, 2)
  t.equal(r.publicIp.onThisHost, false)
  t.same(r.client, { address: '192.168.77.10', gateway: '192.168.77.1', lanPrefix: '192.168.77.0/24', interface: 'eth0', tunnel: false })
  t.same(r.listener, { bind: '0.0.0.0' })
  // The TCP time is the staggered attempts' on the run's clock (the fake clock ticks 5 ms a reading), not one probe's own.
  const { ms: tcpMs, ...tcp } = r.tcp!
  t.same(tcp, { outcome: 'ok', observedPeer: '192.168.77.1', peerKind: 'gateway', serverAddress: '192.168.77.10', attempts: 1, strangers: 2, error: null, answer: null })
  t.ok(Number.isInteger(tcpMs) && tcpMs > 0, `TCP time from the run's clock (${tcpMs} ms)`)
  t.equal(f.probeOpts.length, 1, 'the first attempt proved: no second one')
  t.equal(r.publicIp.confirmedBy, 'agreement')
  t.same(r.publicIp.candidates, [{ address: '203.0.113.7', votes: 2, outcome: null }], 'one candidate: not probed on its own')
  t.equal(r.answeredBy, null, 'our listener answered: nothing to identify')
  t.equal(r.hostFirewall, null, 'a quick proof: the firewall is not read')
  t.same(f.firewallOpts, [])
  t.same(f.identified, [])
  t.equal(r.fault, null)
  t.equal(r.verdict.cause, 'hairpin-ok-gateway-source')
  t.equal(r.verdict.hairpin, true)
  t.ok(r.durationMs > 1000, 'counted from process start')
  t.equal(r.startedAt, new Date(Date.parse('2026-11-26T12:00:10.000Z') - (1005 + 0)).toISOString())
  t.equal(f.closed, 2, 'closed right after the probe, and again (harmlessly) at the end')
  t.equal(f.listenOpts[0]?.key.length, 32, 'a per-run key')
  const p = f.probeOpts[0]!
  t.equal(p.host, '203.0.113.7')
  t.equal(p.port, 8443)
  t.equal(p.nonce, 'ab'.repeat(16))
  t.ok(p.timeoutMs > 0 && p.timeoutMs < 6000, 'the rest of the budget')
  // The fake clock reads 1000 and more by now: the probes get what is left, less the reserve for settling.
  t.ok(p.timeoutMs <= 6000 - 1000 - SETTLE_RESERVE_MS, `the settling reserve is kept back (${p.timeoutMs} ms)`)
  t.same(f.log, ['Listening on 0.0.0.0:8443', 'Asking 2 echo services for the public IP', 'Connecting to 203.0.113.7:8443 from inside'])
})

t.test('a short budget keeps back at most a third for settling', async (t) => {
  const f = fake()
  await probeReport(opts({ deadline: 2000 }), f.io)
  const p = f.probeOpts[0]!
  // About 950 ms are left when the probes start: a third of it is kept, not the whole reserve.
  t.ok(p.timeoutMs > 500 && p.timeoutMs < 950, `two thirds of what is left (${p.timeoutMs} ms)`)
})

t.test('something else answered: confirmed by a second attempt, then identified', async (t) => {
  const wrong = { outcome: 'wrong-service' as const, observedPeer: null, answer: 'HTTP/1.1 200 OK' }
  const f = fake({ probe: wrong })
  const r = await probeReport(opts(), f.io)
  t.equal(f.probeOpts.length, 2, 'one foreign answer may be a late hello: a second attempt must agree')
  t.equal(r.tcp?.attempts, 2)
  t.equal(r.tcp?.outcome, 'wrong-service')
  t.same(f.identified, ['203.0.113.7', '192.168.77.1'], 'what answered on the public IP, and what answers at the gateway')
  t.equal(r.answeredBy?.viaPublicIp.description, 'HTTP 200, Server: app')
  t.equal(r.answeredBy?.gateway?.description, 'HTTP 200, Server: app')
  t.equal(r.answeredBy?.forwardTarget, null)
  t.equal(r.verdict.cause, 'router-answered', "the same service answers at the gateway's LAN address")
  t.match(f.log.join('\n'), /Something else answered on 203\.0\.113\.7:8443: identifying it/)

  const elsewhere = fake({ probe: wrong, identify: (host) => (host === '192.168.77.1' ? { http: { status: 401, server: 'router', title: null } } : {}) })
  const other = await probeReport(opts(), elsewhere.io)
  t.equal(other.verdict.cause, 'other-service-answered', 'another service at the gateway: nothing settles it')
  t.equal(other.verdict.hairpin, null)

  const luci = fake({ probe: { outcome: 'reset', observedPeer: null, error: 'ECONNRESET' }, identify: (host) => (host === '203.0.113.7' ? { http: { status: 200, server: null, title: 'OpenWrt - LuCI' } } : { outcome: 'refused', kind: null, http: null }) })
  const router = await probeReport(opts(), luci.io)
  t.equal(luci.probeOpts.length, 2, 'a reset needs a second attempt too')
  t.equal(router.answeredBy?.router?.id, 'openwrt', 'it looks like router firmware')
  t.equal(router.verdict.cause, 'router-answered')

  const mapped = { found: true, location: null, manufacturer: null, model: null, friendlyName: null, serviceType: null, connectionStatus: 'Connected', externalIp: '203.0.113.7', error: null, ms: 5 }
  const forward = fake({
    probe: wrong,
    identify: (host) => (host === '192.168.77.1' ? { outcome: 'refused', kind: null, http: null } : {}),
    gateway: { upnp: { ...mapped, mapping: { internalClient: '192.168.77.50', internalPort: 8443, enabled: true, description: 'web', leaseDuration: 0 } } },
  })
  const served = await probeReport(opts(), forward.io)
  t.same(forward.identified, ['203.0.113.7', '192.168.77.1', '192.168.77.50'], "the UPnP forward's target is identified too")
  t.equal(served.answeredBy?.forwardTarget?.address, '192.168.77.50')
  t.equal(served.verdict.cause, 'hairpin-ok-other-host', "the same service as at the forward's target")
  t.equal(served.verdict.hairpin, true)

  const target = fake({ probe: wrong })
  await probeReport(opts({ target: '192.168.77.10' }), target.io)
  t.same(target.identified.sort(), ['192.168.77.10', '203.0.113.7'], '--target identifies both ends itself: nothing more')
  const peer = fake({ probe: wrong, source: '192.168.77.20' })
  const viaPeer = await probeReport(opts({ peerKey: Buffer.alloc(32) }), peer.io)
  t.same(peer.identified, ['203.0.113.7', '192.168.77.1'], 'with --peer too')
  t.equal(viaPeer.answeredBy?.viaPublicIp.outcome, 'ok')
})

t.test("a slow probe reads this host's firewall, and silence then may be its fault", async (t) => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
  const slow = (over: Parameters<typeof fake>[0]) => {
    const f = fake({ probe: { outcome: 'timeout', observedPeer: null }, ...over })
    const probe = f.io.probe
    f.io.probe = async (o) => {
      await sleep(350) // past FIREWALL_AFTER_MS
      return probe(o)
    }
    return f
  }
  const blocks = { findings: [{ tool: 'nftables', state: 'blocks' as const, detail: 'inet filter input: policy drop', where: 'inet filter input' }], blocks: true }
  const f = slow({ firewall: blocks })
  const r = await probeReport(opts(), f.io)
  t.same(f.firewallOpts, [{ port: 8443, protocol: 'tcp', timeoutMs: FIREWALL_READ_MS }])
  t.same(r.hostFirewall, blocks)
  t.equal(r.verdict.cause, 'host-firewall')
  t.equal(r.verdict.hairpin, null, "the router's hairpin is not tested through a closed port")

  const open = slow({})
  const r2 = await probeReport(opts(), open.io)
  t.same(r2.hostFirewall, { findings: [], blocks: false })
  t.equal(r2.verdict.cause, 'no-snat-or-filtered', 'the firewall lets the port in: silence is the router')

  const udp = slow({ firewall: blocks })
  await probeReport(opts({ tcp: false, udp: true, deadline: 1500 }), { ...udp.io, probeUdp: async (o) => (await sleep(350), udp.io.probeUdp(o)) })
  t.equal(udp.firewallOpts[0]?.protocol, 'udp', 'UDP alone: the UDP port')

  const refusedSlowly = slow({ probe: { outcome: 'refused', observedPeer: null }, firewall: blocks })
  const r3 = await probeReport(opts(), refusedSlowly.io)
  t.equal(refusedSlowly.firewallOpts.length, 1, 'read while the probes were slow')
  t.equal(r3.hostFirewall, null, 'only silence makes it matter')
  t.equal(r3.verdict.cause, 'no-reflection')

  const peer = slow({ firewall: blocks, source: '192.168.77.20' })
  const r4 = await probeReport(opts({ peerKey: Buffer.alloc(32) }), peer.io)
  t.same(peer.firewallOpts, [], 'the serve listens on another host: this host\'s firewall is not in the way')
  t.equal(r4.hostFirewall, null)
})

t.test('tied echo answers: each is probed, and the one that proves is the public IP', async (t) => {
  const tied = (addresses: string[]) =>
    fake({
      discover: async (urls) => ({
        address: addresses[0]!,
        sources: urls.map((url, i) => ({ url, address: addresses[i] ?? null, error: null, ms: 4, rejected: null })),
        candidates: addresses.map((address) => ({ address, votes: 1 })),
      }),
      probe: (host) => (host === '203.0.113.7' ? {} : { outcome: 'refused', observedPeer: null }),
    })
  const f = tied(['198.51.100.99', '203.0.113.7'])
  const r = await probeReport(opts(), f.io)
  t.same(f.probeOpts.map((p) => p.host).sort(), ['198.51.100.99', '203.0.113.7'])
  t.equal(r.publicIp.address, '203.0.113.7', 'the answer that reached our listener')
  t.same(r.publicIp.candidates, [
    { address: '198.51.100.99', votes: 1, outcome: 'refused' },
    { address: '203.0.113.7', votes: 1, outcome: 'ok' },
  ])
  t.equal(r.publicIp.confirmedBy, null, 'still a tie among the echo services')
  t.equal(r.tcp?.outcome, 'ok')
  t.equal(r.verdict.cause, 'hairpin-ok-gateway-source')

  const many = tied(['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4'])
  const r2 = await probeReport(opts({ echoUrls: ['a', 'b', 'c', 'd'] }), many.io)
  t.equal(new Set(many.probeOpts.map((p) => p.host)).size, MAX_CANDIDATES, 'three at most')
  t.equal(r2.publicIp.address, '198.51.100.1', 'none proved: the first answer stays')
  t.same(r2.publicIp.candidates.map((c) => c.outcome), ['refused', 'refused', 'refused', null], 'the fourth was not probed')
  t.equal(r2.verdict.cause, 'public-ip-uncertain', 'a failure through addresses nothing confirms')

  const gw = fake({
    discover: async (urls) => ({ address: '203.0.113.7', sources: urls.map((url, i) => ({ url, address: i === 0 ? '203.0.113.7' : null, error: i === 0 ? null : 'HTTP 500', ms: 4, rejected: null })), candidates: [{ address: '203.0.113.7', votes: 1 }] }),
    probe: { outcome: 'refused', observedPeer: null },
    gateway: { natpmp: { resultCode: 0, externalIp: '203.0.113.7', epoch: 1, error: null, ms: 2 } },
  })
  const r3 = await probeReport(opts(), gw.io)
  t.equal(r3.publicIp.confirmedBy, 'gateway', 'one echo answer, and the gateway reports the same external address')
  t.equal(r3.verdict.cause, 'no-reflection')
})

t.test('echo services get at most half the time left', async (t) => {
  let given = 0
  const f = fake({
    discover: async (urls, deadline) => {
      given = deadline
      return { address: '203.0.113.7', sources: [], candidates: [] }
    },
  })
  await probeReport(opts({ deadline: 3000 }), f.io)
  t.ok(given > 0 && given <= 1500, `echo deadline ${given}`)
  const late = fake({ discover: async (_u, d) => ((given = d), { address: null, sources: [], candidates: [] }) })
  await probeReport(opts({ deadline: 0 }), late.io)
  t.equal(given, 1, 'never zero or negative')
})

t.test('--public-ip skips discovery', async (t) => {
  let asked = false
  const f = fake({ discover: async () => ((asked = true), { address: null, sources: [], candidates: [] }) })
  const r = await probeReport(opts({ publicIp: '203.0.113.7' }), f.io)
  t.notOk(asked)
  t.equal(r.publicIp.via, 'flag')
  t.same(r.publicIp.sources, [])
  t.equal(r.verdict.hairpin, true)
})

t.test('no public IP: no probe, listener closed', async (t) => {
  const f = fake({ discover: async (urls) => ({ address: null, sources: urls.map((url) => ({ url, address: null, error: 'HTTP 500', ms: 1, rejected: null })), candidates: [] }) })
  const r = await probeReport(opts(), f.io)
  t.equal(r.tcp, null)
  t.equal(r.publicIp.onThisHost, null)
  t.equal(r.verdict.cause, 'no-public-ip')
  t.equal(r.fault?.kind, 'no-public-ip')
  t.match(r.fault?.message, /^could not learn the public IP: none of the 2 echo services .*198\.51\.100\.10: HTTP 500/)
  t.equal(f.probeOpts.length, 0)
  t.equal(f.closed, 1)
})

t.test('listen failure: fault, no echo traffic', async (t) => {
  let asked = false
  const f = fake({
    listen: async () => {
      throw Object.assign(new Error('listen EACCES'), { code: 'EACCES' })
    },
    discover: async () => ((asked = true), { address: null, sources: [], candidates: [] }),
  })
  const r = await probeReport(opts(), f.io)
  t.notOk(asked, 'the echo services are not asked for nothing')
  t.equal(r.listener, null)
  t.equal(r.fault?.kind, 'listen-failed')
  t.equal(r.fault?.code, 'EACCES')
  t.match(r.fault?.message, /permission denied/)
  t.equal(r.verdict.cause, 'listen-failed')
  const bare = fake({ listen: async () => Promise.reject(new Error('weird')) })
  const r2 = await probeReport(opts(), bare.io)
  t.equal(r2.fault?.code, null)
  t.match(r2.fault?.message, /weird/)
})

t.test('a probe error becomes a fault', async (t) => {
  const f = fake({ probe: { outcome: 'error', observedPeer: null, error: 'EADDRNOTAVAIL' } })
  const r = await probeReport(opts(), f.io)
  t.equal(r.fault?.kind, 'probe-error')
  t.equal(r.fault?.code, 'EADDRNOTAVAIL')
  t.equal(r.verdict.cause, 'probe-error')
})

t.test('unknown source address and interface', async (t) => {
  const f = fake({ source: null })
  const r = await probeReport(opts(), f.io)
  t.same(r.client, { address: null, gateway: '192.168.77.1', lanPrefix: null, interface: null, tunnel: null })
  const g = fake({ interfaces: {} })
  const r2 = await probeReport(opts(), g.io)
  t.equal(r2.client.interface, null)
})

t.test('the public IP on this host: not behind NAT', async (t) => {
  const ifaces = { eth0: [{ address: '203.0.113.7', netmask: '255.255.255.0', family: 'IPv4', mac: '', internal: false, cidr: '203.0.113.7/24' }] } as unknown as NodeJS.Dict<NetworkInterfaceInfo[]>
  const f = fake({ interfaces: ifaces, source: '203.0.113.7', probe: { observedPeer: '203.0.113.7' } })
  const r = await probeReport(opts(), f.io)
  t.equal(r.publicIp.onThisHost, true)
  t.equal(r.verdict.cause, 'not-behind-nat')
})

t.test('an exception mid-run still closes the listener', async (t) => {
  const f = fake({ discover: async () => Promise.reject(new Error('boom')) })
  await t.rejects(probeReport(opts(), f.io), /boom/)
  t.equal(f.closed, 1)
})

const V6_IFACES = {
  eth0: [
    { address: '192.168.77.10', netmask: '255.255.255.0', family: 'IPv4', mac: '', internal: false, cidr: '192.168.77.10/24' },
    { address: '2001:db8:77::10', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '', internal: false, cidr: '2001:db8:77::10/64', scopeid: 0 },
  ],
  gone: undefined, // an interface that went away while Node listed them
} as unknown as NodeJS.Dict<NetworkInterfaceInfo[]>

t.test('UDP next to TCP', async (t) => {
  const f = fake({ udp: { outcome: 'direct-reply', observedPeer: '192.168.77.10', replyFrom: '192.168.77.10', attempts: 3 } })
  const r = await probeReport(opts({ udp: true }), f.io)
  t.equal(f.udpListenOpts.length, 1)
  t.equal(f.udpProbeOpts[0]?.host, '203.0.113.7')
  t.equal(f.udpProbeOpts[0]?.nonce, 'ab'.repeat(16))
  t.same(r.udp, {
    outcome: 'direct-reply',
    observedPeer: '192.168.77.10',
    peerKind: 'client',
    serverAddress: '192.168.77.10',
    replyFrom: '192.168.77.10',
    ms: 4,
    attempts: 3,
    strangers: 2,
    error: null,
    answer: null,
  })
  t.equal(r.verdict.cause, 'dnat-without-snat')
  t.equal(r.verdict.protocol, 'udp')
  const only = await probeReport(opts({ udp: true, tcp: false }), fake().io)
  t.equal(only.tcp, null)
  t.equal(only.verdict.cause, 'hairpin-ok-gateway-source')
  t.equal(only.verdict.protocol, 'udp')
})

t.test('--peer: no local listener, the key given', async (t) => {
  const f = fake({ probe: { observedPeer: '192.168.77.20', serverAddress: '192.168.77.10' }, source: '192.168.77.20' })
  const key = Buffer.alloc(32, 5)
  const r = await probeReport(opts({ peerKey: key, udp: true }), f.io)
  t.equal(f.listenOpts.length + f.udpListenOpts.length, 0, 'nothing listens here')
  t.equal(r.mode, 'peer')
  t.equal(r.listener, null)
  t.same(f.probeOpts[0]?.key, key)
  t.same(f.udpProbeOpts[0]?.key, key)
  t.equal(r.tcp?.peerKind, 'client')
  t.equal(r.tcp?.strangers, 0)
  t.equal(r.tcp?.serverAddress, '192.168.77.10')
})

t.test('--host: where the name points, and the direct probe into the LAN', async (t) => {
  const lookup = (addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
  const pub = await probeReport(opts({ host: 'hairpin.lab' }), fake({ lookup: lookup(['203.0.113.7']) }).io)
  t.same(pub.dns, { name: 'hairpin.lab', addresses: ['203.0.113.7'], pointsTo: 'public-ip', error: null, direct: null })
  t.equal(pub.verdict.cause, 'hairpin-ok-gateway-source')

  const f = fake({ lookup: lookup(['192.168.77.10']), probe: (host) => (host === '192.168.77.10' ? { observedPeer: '192.168.77.10' } : { outcome: 'refused', observedPeer: null }) })
  const split = await probeReport(opts({ host: 'hairpin.lab' }), f.io)
  t.same(f.probeOpts.map((p) => p.host), ['203.0.113.7', '192.168.77.10'])
  const { ms: directMs, ...direct } = split.dns!.direct!
  t.same(direct, { address: '192.168.77.10', outcome: 'ok', observedPeer: '192.168.77.10' })
  t.ok(directMs > 0, 'the staggered attempts\' time')
  t.equal(split.verdict.cause, 'split-horizon-dns')
  t.equal(split.verdict.hairpin, false, 'the public IP itself still fails')

  const none = await probeReport(opts({ host: 'missing.lab' }), fake({ lookup: async () => Promise.reject(Object.assign(new Error('x'), { code: 'ENOTFOUND' })) }).io)
  t.same(none.dns, { name: 'missing.lab', addresses: [], pointsTo: 'none', error: 'ENOTFOUND', direct: null })
  t.equal(none.verdict.cause, 'dns-unresolved')
  const udpOnly = fake({ lookup: lookup(['192.168.77.10']) })
  await probeReport(opts({ host: 'x.lab', tcp: false, udp: true }), udpOnly.io)
  t.equal(udpOnly.probeOpts.length, 0, 'the direct probe is TCP: not without TCP')
})

t.test('IPv6: our global address, the echo services over IPv6, and the direct path', async (t) => {
  const f = fake({ interfaces: V6_IFACES })
  const r = await probeReport(opts(), f.io)
  t.same(f.listenOpts.map((o) => o.bind), ['0.0.0.0', '2001:db8:77::10'])
  t.same(f.probeOpts.map((p) => p.host), ['203.0.113.7', '2001:db8:77::10'])
  const { ms: v6Ms, ...v6 } = r.ipv6!
  t.same(v6, {
    address: '2001:db8:77::10',
    publicAddress: '2001:db8:77::10',
    sources: [{ url: 'http://[2001:db8:100::10]/ip', address: '2001:db8:77::10', error: null, ms: 4, rejected: null }],
    target: '2001:db8:77::10',
    outcome: 'ok',
    observedPeer: '192.168.77.1',
    error: null,
  })
  t.ok(v6Ms! > 0, 'the staggered attempts\' time')
  const off = await probeReport(opts({ ipv6: false }), fake({ interfaces: V6_IFACES }).io)
  t.equal(off.ipv6, null, '--no-ipv6')
  t.equal((await probeReport(opts(), fake().io)).ipv6, null, 'no global address, no AAAA: not checked')
  const noEcho = fake({ interfaces: V6_IFACES })
  const r2 = await probeReport(opts({ echoUrlsV6: [] }), noEcho.io)
  t.equal(r2.ipv6?.publicAddress, null)
  t.same(r2.ipv6?.sources, [])

  // The v6 listener could not open: that path is not tested.
  let n = 0
  const failing = fake({
    interfaces: V6_IFACES,
    listen: async (o) => {
      if (n++ === 1) throw Object.assign(new Error('x'), { code: 'EADDRNOTAVAIL' })
      return { address: o.bind, port: o.port, strangers: 0, strangerPeers: [], sightings: [], expect: () => {}, close: async () => {} }
    },
  })
  const r3 = await probeReport(opts(), failing.io)
  t.equal(r3.ipv6?.target, null)
  t.equal(r3.ipv6?.outcome, null)

  // A name with an AAAA record is probed there, listening or not.
  const peer = fake({ lookup: async () => [{ address: '203.0.113.7', family: 4 }, { address: '2001:db8:77::99', family: 6 }] })
  const r4 = await probeReport(opts({ host: 'v6.lab', peerKey: Buffer.alloc(32) }), peer.io)
  t.equal(r4.ipv6?.target, '2001:db8:77::99')
  t.equal(r4.ipv6?.address, null)
  t.same(peer.probeOpts.map((p) => p.host), ['203.0.113.7', '2001:db8:77::99'])
})

t.test('--target: compare what answers instead of listening', async (t) => {
  const f = fake({ identify: (host) => (host === '203.0.113.7' ? { http: { status: 400, server: 'router', title: null } } : {}) })
  const r = await probeReport(opts({ target: '192.168.77.10', host: 'app.lab' }), f.io)
  t.equal(r.mode, 'target')
  t.equal(f.listenOpts.length, 0)
  t.same(f.identified.sort(), ['192.168.77.10', '203.0.113.7'])
  t.equal(r.target?.address, '192.168.77.10')
  t.equal(r.target?.reason, 'flag')
  t.equal(r.target?.same, false)
  t.equal(r.target?.viaPublicIp?.description, 'HTTP 400, Server: router')
  t.equal(r.verdict.cause, 'target-different')
  t.equal(r.tcp, null)
  const same = await probeReport(opts({ target: '192.168.77.10' }), fake().io)
  t.equal(same.verdict.cause, 'target-same')
})

t.test('the port is taken: this host is the target', async (t) => {
  const busy = () =>
    fake({
      listen: async () => {
        throw Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' })
      },
    })
  const f = busy()
  const r = await probeReport(opts(), f.io)
  t.equal(r.mode, 'target')
  t.equal(r.fault, null)
  t.same(r.target?.reason, 'port-in-use')
  t.equal(r.target?.address, '192.168.77.10')
  t.equal(r.verdict.cause, 'target-same')
  const unknown = busy()
  f.io.sourceAddressFor = async () => null
  const r2 = await probeReport(opts(), { ...unknown.io, sourceAddressFor: async () => null })
  t.equal(r2.target?.address, 'unknown')
  t.equal(r2.target?.direct, null)
  t.equal(r2.verdict.cause, 'target-unreachable')
  const withUdp = await probeReport(opts({ udp: true }), busy().io)
  t.equal(withUdp.fault?.kind, 'listen-failed', 'with --udp, a taken port is a fault: UDP cannot be compared')
})

t.test('the gateway is asked alongside, unless --no-gateway', async (t) => {
  const f = fake({ gateway: { natpmp: { resultCode: 0, externalIp: '100.64.7.2', epoch: 1, error: null, ms: 2 } }, probe: { outcome: 'refused', observedPeer: null } })
  const r = await probeReport(opts(), f.io)
  t.equal(f.gatewayOpts.length, 1)
  const skip = { now: undefined, timeoutMs: undefined, signal: undefined, hold: undefined, onUnheldDone: undefined }
  t.same({ ...f.gatewayOpts[0], ...skip }, { gateway: '192.168.77.1', client: '192.168.77.10', port: 8443, protocol: 'TCP', ...skip })
  t.ok(f.gatewayOpts[0]!.timeoutMs <= 2000)
  t.equal(r.gateway?.natpmp?.externalIp, '100.64.7.2')
  t.equal(r.verdict.cause, 'cgnat')
  const off = fake()
  t.equal((await probeReport(opts({ gateway: false }), off.io)).gateway, null)
  t.equal(off.gatewayOpts.length, 0)
  const udp = fake()
  await probeReport(opts({ tcp: false, udp: true }), udp.io)
  t.equal(udp.gatewayOpts[0]?.protocol, 'UDP')
  const lost = fake({ source: null })
  await probeReport(opts(), lost.io)
  t.same([lost.gatewayOpts[0]?.gateway, lost.gatewayOpts[0]?.client], ['192.168.77.1', null], 'no source address: the lowest-metric gateway')
  const failed = fake({ listen: async () => Promise.reject(Object.assign(new Error('x'), { code: 'EACCES' })) })
  t.equal((await probeReport(opts(), failed.io)).gateway, null, 'no verdict possible: the gateway is not bothered')
  t.equal(failed.gatewayOpts.length, 0)
})

t.test('--external: the outside check runs while the listener listens', async (t) => {
  let strangers = 0
  const f = fake({
    listen: async (o) => ({ address: o.bind, port: o.port, strangerPeers: [], sightings: [], expect: () => {}, close: async () => {}, get strangers() { return strangers } }),
    external: async (url) => {
      strangers++ // the checker's connection reaches our listener as a stranger
      return { reachable: true, via: url, ip: '203.0.113.7', error: null, ms: 40 }
    },
  })
  const r = await probeReport(opts({ external: 'http://198.51.100.10/port/8443' }), f.io)
  t.same(f.externalUrls, ['http://198.51.100.10/port/8443'])
  t.same(r.external, { reachable: true, via: 'http://198.51.100.10/port/8443', ip: '203.0.113.7', error: null, ms: 40, seenByListener: true, observedPeer: null, peerKind: null })
  // The checker's connection arrives from the gateway's LAN address: the router masquerades outside clients too.
  const peers: string[] = ['198.51.100.77']
  const masquerading = fake({
    listen: async (o) => ({ address: o.bind, port: o.port, strangerPeers: peers, sightings: [], expect: () => {}, close: async () => {}, get strangers() { return peers.length } }),
    external: async (url) => {
      peers.push('192.168.77.1')
      return { reachable: true, via: url, ip: '203.0.113.7', error: null, ms: 40 }
    },
  })
  const masq = await probeReport(opts({ external: 'u' }), masquerading.io)
  t.equal(masq.external?.observedPeer, '192.168.77.1', 'the newest stranger is the checker')
  t.equal(masq.external?.peerKind, 'gateway')
  t.match(masq.verdict.warnings.join('\n'), /the router masquerades outside clients too/)
  const short = fake()
  const skipped = await probeReport(opts({ external: 'u', deadline: 1100 }), short.io)
  t.same(short.externalUrls, [], 'too little time left: the checker is not asked')
  t.match(skipped.external?.error, /^not asked: only \d+ ms of the --timeout budget were left$/)
  t.equal(skipped.external?.reachable, null)
  const quiet = fake({ external: { reachable: true } })
  const q = await probeReport(opts({ external: 'u' }), quiet.io)
  t.equal(q.external?.seenByListener, false, 'reachable, yet our listener saw nothing (after waiting a moment)')
  // The listener notices the checker's connection only just after the answer: still seen.
  let late = 0
  const slow = fake({
    listen: async (o) => ({ address: o.bind, port: o.port, strangerPeers: [], sightings: [], expect: () => {}, close: async () => {}, get strangers() { return late } }),
    external: async (url) => {
      setTimeout(() => late++, 30)
      return { reachable: true, via: url, ip: '203.0.113.7', error: null, ms: 40 }
    },
  })
  t.equal((await probeReport(opts({ external: 'u' }), slow.io)).external?.seenByListener, true)
  const unreachable = await probeReport(opts({ external: 'u' }), fake({ external: { reachable: false } }).io)
  t.equal(unreachable.external?.seenByListener, false, 'not reachable: no waiting')
  const peer = await probeReport(opts({ external: 'u', peerKey: Buffer.alloc(32) }), fake().io)
  t.equal(peer.external?.seenByListener, null, 'nothing of ours listened')
  const target = await probeReport(opts({ external: 'u', target: '192.168.77.10' }), fake().io)
  t.equal(target.external?.reachable, true, 'also in --target mode')
  t.equal((await probeReport(opts(), fake().io)).external, null)
})

t.test('a stop signal ends the run where it is, with what was seen, listeners closed', async (t) => {
  const stop = new AbortController()
  const f = fake({
    discover: async () => {
      setTimeout(() => stop.abort('SIGINT'), 5)
      return new Promise(() => {}) // an echo service that never answers
    },
  })
  const r = await probeReport(opts({ signal: stop.signal }), f.io)
  t.equal(r.fault?.kind, 'interrupted')
  t.equal(r.fault?.code, 'SIGINT')
  t.match(r.fault?.message, /^interrupted by SIGINT before the verdict/)
  t.equal(r.verdict.cause, 'interrupted')
  t.equal(r.verdict.hairpin, null)
  t.equal(f.closed, 1, 'the listener was closed')
  t.same(r.listener, { bind: '0.0.0.0' }, 'what was seen so far is kept')
  t.equal(r.tcp, null)

  const early = new AbortController()
  early.abort('SIGTERM')
  const r2 = await probeReport(opts({ signal: early.signal }), fake().io)
  t.equal(r2.fault?.code, 'SIGTERM', 'already stopped: ends at the first step')
  const plain = new AbortController()
  plain.abort()
  t.equal((await probeReport(opts({ signal: plain.signal }), fake().io)).fault?.code, 'interrupted', 'an abort without a reason still ends the run')
  const stuck = new AbortController()
  const listening = fake({
    listen: () => {
      setTimeout(() => stuck.abort('SIGINT'), 5)
      return new Promise(() => {}) // a bind that never completes
    },
  })
  const r3 = await probeReport(opts({ signal: stuck.signal }), listening.io)
  t.equal(r3.fault?.kind, 'interrupted', 'also while listening')
  t.equal(r3.listener, null)
  // Other failures are not swallowed as interruptions.
  await t.rejects(probeReport(opts({ signal: new AbortController().signal }), fake({ discover: async () => Promise.reject(new Error('boom')) }).io), /boom/)
})

t.test("this host's own network failing is a fault, not a verdict", async (t) => {
  const noRoute = await probeReport(opts(), fake({ source: null, probe: { outcome: 'unreachable', observedPeer: null, error: 'ENETUNREACH' } }).io)
  t.equal(noRoute.fault?.kind, 'probe-error')
  t.match(noRoute.fault?.message, /no route to it \(ENETUNREACH\); check the default route/)
  t.equal(noRoute.verdict.cause, 'probe-error')
  const icmp = await probeReport(opts(), fake({ probe: { outcome: 'unreachable', observedPeer: null, error: 'ENETUNREACH' } }).io)
  t.equal(icmp.verdict.cause, 'unreachable', 'with a local route, ENETUNREACH came from the network: a verdict')
  t.match(describeProbeError('ENETDOWN', '203.0.113.7', 443), /network is down \(ENETDOWN\)/)
  t.match(describeProbeError('EADDRNOTAVAIL', '203.0.113.7', 443), /no usable local address/)
  t.match(describeProbeError('EWEIRD', '203.0.113.7', 443), /failed: EWEIRD$/)
})

t.test('the network going away mid-run is a fault, not silence from the router', async (t) => {
  let calls = 0
  const f = fake({ probe: { outcome: 'timeout', observedPeer: null } })
  f.io.sourceAddressFor = async () => (calls++ < 2 ? '192.168.77.10' : null) // gone by the time the probes end
  const r = await probeReport(opts(), f.io)
  t.equal(r.fault?.kind, 'probe-error')
  t.match(r.fault?.message, /lost its route to 203\.0\.113\.7 during the test/)
  const still = fake({ probe: { outcome: 'timeout', observedPeer: null } })
  t.equal((await probeReport(opts(), still.io)).verdict.cause, 'no-snat-or-filtered', 'the route is still there: silence is a verdict')
  const udpGone = fake({ udp: { outcome: 'timeout', observedPeer: null, replyFrom: null } })
  let n = 0
  udpGone.io.sourceAddressFor = async () => (n++ < 2 ? '192.168.77.10' : null)
  t.equal((await probeReport(opts({ udp: true }), udpGone.io)).fault?.kind, 'probe-error', 'UDP silence too')
})
