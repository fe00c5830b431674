import t from 'tap'
import { DNS_TIMEOUT_MS, pointsTo, resolveName, systemLookup, validateHostName, type Lookup } from '../../src/net/dns.js'

t.test('validateHostName', async (t) => {
  t.equal(validateHostName('server.example.org'), 'server.example.org')
  t.equal(validateHostName(' hairpin.lab. '), 'hairpin.lab', 'trailing dot and spaces go')
  t.equal(validateHostName('203.0.113.7'), '203.0.113.7')
  t.equal(validateHostName('2001:db8::1'), '2001:db8::1')
  t.equal(validateHostName('localhost'), 'localhost')
  for (const bad of ['', '.', 'under_score.org', '-lead.org', 'trail-.org', 'a..b', `${'a'.repeat(64)}.org`, `${'a.'.repeat(127)}ab`, 'http://x.org', 'x y', '\u001b[31mred']) {
    t.throws(() => validateHostName(bad), { message: /^--host must be a DNS name/ }, JSON.stringify(bad))
  }
  t.throws(() => validateHostName('\u001b[31mred'), { message: /not "red"/ }, 'escapes removed from the message')
})

t.test('resolveName', async (t) => {
  const fake = (records: Array<{ address: string; family: number }>): Lookup => async () => records
  t.same(await resolveName('x', { lookup: fake([{ address: '203.0.113.7', family: 4 }, { address: '2001:db8::10', family: 6 }, { address: '203.0.113.7', family: 4 }]) }), {
    addresses: ['203.0.113.7', '2001:db8::10'],
    error: null,
  }, 'duplicates dropped, order kept')
  t.same(await resolveName('x', { lookup: fake([{ address: '::ffff:192.168.1.5', family: 6 }]) }), { addresses: ['192.168.1.5'], error: null })
  t.same(await resolveName('x', { lookup: fake([]) }), { addresses: [], error: 'no addresses' })
  const nx: Lookup = async () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }))
  t.same(await resolveName('x', { lookup: nx }), { addresses: [], error: 'ENOTFOUND' })
  const bare: Lookup = async () => Promise.reject(new Error('weird\nfailure'))
  t.same(await resolveName('x', { lookup: bare }), { addresses: [], error: 'weird failure' })
  const hang: Lookup = () => new Promise(() => {})
  t.same(await resolveName('x', { lookup: hang, timeoutMs: 20 }), { addresses: [], error: 'timeout after 20 ms' })
  t.equal(DNS_TIMEOUT_MS, 3000)
})

t.test('the system resolver answers from the hosts file without the network', async (t) => {
  const r = await resolveName('localhost')
  t.equal(r.error, null)
  t.ok(r.addresses.some((a) => a === '127.0.0.1' || a === '::1'))
  t.ok((await systemLookup('127.0.0.1')).length === 1, 'literals need no lookup')
})

t.test('pointsTo', async (t) => {
  const lm = { publicIp: '203.0.113.7', lanPrefix: '192.168.77.0/24', local: ['192.168.77.10', '2001:db8:77::10'] }
  t.equal(pointsTo(['203.0.113.7'], lm), 'public-ip')
  t.equal(pointsTo(['2001:db8:77::10', '203.0.113.7'], lm), 'public-ip', 'the public IP wins: IPv4 clients hairpin')
  t.equal(pointsTo(['192.168.77.10'], lm), 'lan')
  t.equal(pointsTo(['192.168.77.99'], lm), 'lan', 'in the LAN prefix')
  t.equal(pointsTo(['10.1.2.3'], lm), 'lan', 'another private range: still inside')
  t.equal(pointsTo(['169.254.1.1'], lm), 'lan')
  t.equal(pointsTo(['2001:db8:77::10'], lm), 'lan', 'this host itself')
  t.equal(pointsTo(['fd00::1'], lm), 'lan', 'IPv6 unique local')
  t.equal(pointsTo(['fe80::1'], lm), 'lan', 'IPv6 link-local')
  t.equal(pointsTo(['198.51.100.77'], lm), 'elsewhere')
  t.equal(pointsTo(['2001:db8:99::1'], lm), 'elsewhere')
  t.equal(pointsTo([], lm), 'none')
  t.equal(pointsTo(['203.0.113.7'], { publicIp: null, lanPrefix: null, local: [] }), 'elsewhere', 'no public IP known')
  t.equal(pointsTo(['192.168.1.5'], { publicIp: null, lanPrefix: null, local: [] }), 'lan', 'no LAN prefix known: private is still inside')
})
