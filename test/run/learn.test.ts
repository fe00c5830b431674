// The learn phase alone: the public IP, this host's place, the name and the IPv6 path.
import t from 'tap'
import { learnAddresses } from '../../src/run/learn.js'
import { startRun } from '../../src/run/state.js'
import { fakeIO, runOptions } from '../support/fixtures.js'

t.test('the public IP, this host and its gateway', async (t) => {
  const s = startRun(runOptions({ ipv6: false }), fakeIO().io)
  await learnAddresses(s)
  t.equal(s.obs.publicIp.address, '203.0.113.7')
  t.equal(s.obs.publicIp.onThisHost, false)
  t.same(s.obs.client, { address: '192.168.77.10', gateway: '192.168.77.1', lanPrefix: '192.168.77.0/24', interface: 'eth0', tunnel: false })
  t.equal(s.obs.ipv6, null, 'no IPv6 path without a global address or an AAAA record')
  t.same(s.obs.publicIp.candidates, [{ address: '203.0.113.7', votes: 2, outcome: null }])
  t.equal(s.obs.publicIp.confirmedBy, 'agreement', 'both echo services gave it')
})

t.test('a route through a tunnel interface', async (t) => {
  const interfaces = { wg0: [{ address: '192.168.77.10', netmask: '255.255.255.0', family: 'IPv4', mac: '', internal: false, cidr: '192.168.77.10/24' }] } as never
  const s = startRun(runOptions({ ipv6: false }), fakeIO({ interfaces }).io)
  await learnAddresses(s)
  t.equal(s.obs.client.interface, 'wg0')
  t.equal(s.obs.client.tunnel, true, 'a VPN: the echo services saw its exit')
  const nowhere = startRun(runOptions({ ipv6: false }), fakeIO({ source: '10.1.2.3' }).io)
  await learnAddresses(nowhere)
  t.equal(nowhere.obs.client.interface, null)
  t.equal(nowhere.obs.client.tunnel, null, 'no interface holds the source address: not known')
})

t.test('what vouches for the echo answer', async (t) => {
  const answers = (said: Array<string | null>, candidates: Array<{ address: string; votes: number }>) =>
    fakeIO({
      discover: async (urls) => ({
        address: candidates[0]?.address ?? null,
        sources: urls.map((url, i) => ({ url, address: said[i] ?? null, error: said[i] ? null : 'HTTP 500', ms: 1, rejected: null })),
        candidates,
      }),
    }).io
  const confirmed = async (urls: string[], io: ReturnType<typeof answers>) => {
    const s = startRun(runOptions({ ipv6: false, echoUrls: urls }), io)
    await learnAddresses(s)
    return s.obs.publicIp
  }
  const two = ['http://198.51.100.10/ip', 'http://198.51.100.11/json']
  const three = [...two, 'http://198.51.100.12/ip']
  t.equal((await confirmed(two.slice(0, 1), answers(['203.0.113.7'], [{ address: '203.0.113.7', votes: 1 }]))).confirmedBy, 'single-source', 'the only service asked')
  t.equal((await confirmed(two, answers(['203.0.113.7', null], [{ address: '203.0.113.7', votes: 1 }]))).confirmedBy, null, 'one answer among two asked')
  const tie = await confirmed(two, answers(['203.0.113.7', '198.51.100.99'], [{ address: '203.0.113.7', votes: 1 }, { address: '198.51.100.99', votes: 1 }]))
  t.equal(tie.confirmedBy, null, 'a tie')
  t.same(tie.candidates, [{ address: '203.0.113.7', votes: 1, outcome: null }, { address: '198.51.100.99', votes: 1, outcome: null }], 'every candidate, not yet probed')
  const majority = await confirmed(three, answers(['203.0.113.7', '198.51.100.99', '203.0.113.7'], [{ address: '203.0.113.7', votes: 2 }, { address: '198.51.100.99', votes: 1 }]))
  t.equal(majority.confirmedBy, 'agreement', 'two agree, one dissents')
  const none = await confirmed(two, answers([null, null], []))
  t.equal(none.confirmedBy, null, 'no answer at all')
  t.equal(none.address, null)

  const s = startRun(runOptions({ ipv6: false, publicIp: '203.0.113.9' }), fakeIO().io)
  await learnAddresses(s)
  t.same(s.obs.publicIp, { address: '203.0.113.9', via: 'flag', sources: [], onThisHost: false, candidates: [], confirmedBy: 'flag' }, '--public-ip: no echo service asked')
})

t.test('no public IP: the fault, and this host still placed', async (t) => {
  const f = fakeIO({ discover: async (urls) => ({ address: null, sources: urls.map((url) => ({ url, address: null, error: 'HTTP 500', ms: 1, rejected: null })), candidates: [] }) })
  const s = startRun(runOptions(), f.io)
  await learnAddresses(s)
  t.equal(s.obs.fault?.kind, 'no-public-ip')
  t.equal(s.obs.client.address, '192.168.77.10')
})

t.test('a name that resolves into the LAN, with an AAAA record', async (t) => {
  const lookup = async () => [
    { address: '192.168.77.10', family: 4 },
    { address: '2001:db8:77::10', family: 6 },
  ]
  const s = startRun(runOptions({ host: 'app.lab', ipv6: false }), fakeIO({ lookup }).io)
  await learnAddresses(s)
  t.equal(s.obs.dns?.pointsTo, 'lan')
  t.equal(s.learned.dnsLan, '192.168.77.10')
  t.equal(s.obs.ipv6?.target, '2001:db8:77::10', 'the AAAA record is the IPv6 path')
})
