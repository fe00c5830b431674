import t from 'tap'
import { inPrefix, intToIpv4, ipv4ToInt, networkOf, normalizeAddress, rangeOf } from '../../src/util/ip.js'

t.test('ipv4ToInt and intToIpv4 round-trip', async (t) => {
  t.equal(ipv4ToInt('192.168.77.10'), 0xc0a84d0a)
  t.equal(ipv4ToInt('0.0.0.0'), 0)
  t.equal(ipv4ToInt('255.255.255.255'), 0xffffffff)
  t.equal(intToIpv4(0xc0a84d0a), '192.168.77.10')
  t.equal(ipv4ToInt('256.1.1.1'), null)
  t.equal(ipv4ToInt('::1'), null)
  t.equal(ipv4ToInt('1.2.3'), null)
})

t.test('normalizeAddress strips the IPv4-mapped prefix only', async (t) => {
  t.equal(normalizeAddress('::ffff:192.168.1.5'), '192.168.1.5')
  t.equal(normalizeAddress('::FFFF:10.0.0.1'), '10.0.0.1')
  t.equal(normalizeAddress('192.168.1.5'), '192.168.1.5')
  t.equal(normalizeAddress('2001:db8::1'), '2001:db8::1')
})

t.test('networkOf', async (t) => {
  t.equal(networkOf('192.168.77.10', 24), '192.168.77.0/24')
  t.equal(networkOf('10.1.2.3', 8), '10.0.0.0/8')
  t.equal(networkOf('10.1.2.3', 0), '0.0.0.0/0')
  t.equal(networkOf('10.1.2.3', 32), '10.1.2.3/32')
  t.equal(networkOf('10.1.2.3', 33), null)
  t.equal(networkOf('10.1.2.3', -1), null)
  t.equal(networkOf('10.1.2.3', 1.5), null)
  t.equal(networkOf('nope', 24), null)
})

t.test('inPrefix', async (t) => {
  t.ok(inPrefix('100.100.1.1', '100.64.0.0/10'))
  t.notOk(inPrefix('100.128.0.1', '100.64.0.0/10'))
  t.notOk(inPrefix('1.2.3.4', 'garbage'))
  t.notOk(inPrefix('1.2.3.4', '1.2.3.0/xx'))
})

t.test('rangeOf', async (t) => {
  const cases: Array<[string, ReturnType<typeof rangeOf>]> = [
    ['0.1.2.3', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'shared'],
    ['127.0.0.1', 'loopback'],
    ['169.254.1.1', 'link-local'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.7', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['8.8.8.8', 'public'],
    ['2001:db8::1', null],
  ]
  for (const [ip, range] of cases) t.equal(rangeOf(ip), range, ip)
})
