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
  t.same(s.obs.client, { address: '192.168.77.10', gateway: '192.168.77.1', lanPrefix: '192.168.77.0/24', interface: 'eth0' })
  t.equal(s.obs.ipv6, null, 'no IPv6 path without a global address or an AAAA record')
})

t.test('no public IP: the fault, and this host still placed', async (t) => {
  const f = fakeIO({ discover: async (urls) => ({ address: null, sources: urls.map((url) => ({ url, address: null, error: 'HTTP 500', ms: 1 })) }) })
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
