// What the hairpinned probe is for the comparisons every reader shares.

import t from 'tap'
import {
  addressMatches,
  allOf,
  anyOf,
  inInterfaceMatches,
  negate,
  portInList,
  portMatches,
  portSlashProto,
  probeText,
  protocolMatches,
  tri,
} from '../../../src/host/firewall/match.js'

const tcp = { port: 8443, protocol: 'tcp' as const }

t.test('three-valued logic', async (t) => {
  t.equal(tri(true), 'yes')
  t.equal(tri(false), 'no')
  t.equal(allOf([]), 'yes')
  t.equal(allOf(['yes', 'maybe']), 'maybe')
  t.equal(allOf(['maybe', 'no']), 'no')
  t.equal(anyOf([]), 'no')
  t.equal(anyOf(['no', 'maybe']), 'maybe')
  t.equal(anyOf(['maybe', 'yes']), 'yes')
  t.equal(negate('yes'), 'no')
  t.equal(negate('no'), 'yes')
  t.equal(negate('maybe'), 'maybe')
  t.equal(negate('yes', false), 'yes')
})

t.test('protocolMatches by name, number, all/any', async (t) => {
  t.equal(protocolMatches('tcp', tcp), 'yes')
  t.equal(protocolMatches('TCP', tcp), 'yes')
  t.equal(protocolMatches('udp', tcp), 'no')
  t.equal(protocolMatches(6, tcp), 'yes')
  t.equal(protocolMatches('17', { port: 53, protocol: 'udp' }), 'yes')
  t.equal(protocolMatches('17', tcp), 'no')
  t.equal(protocolMatches('all', tcp), 'yes')
  t.equal(protocolMatches('Any', tcp), 'yes')
  t.equal(protocolMatches('icmpv4', tcp), 'no')
})

t.test('portInList reads both range styles and knows what it cannot read', async (t) => {
  t.equal(portInList('80,443,8000:8100', 8080), true)
  t.equal(portInList('8000-8100, 9443', 9443), true)
  t.equal(portInList('80,443', 8443), false)
  t.equal(portInList('RPC', 8443), null)
  t.equal(portInList('RPC,8443', 8443), true, 'a numeric hit wins over an unreadable item')
  t.equal(portMatches('Teredo', 8443), 'maybe')
  t.equal(portMatches('22', 8443), 'no')
  t.equal(portMatches('8443', 8443), 'yes')
})

t.test('addressMatches: loopback, multicast and broadcast never hold the probe', async (t) => {
  t.equal(addressMatches('127.0.0.0/8'), 'no')
  t.equal(addressMatches('127.0.0.1'), 'no')
  t.equal(addressMatches('224.0.0.251/32'), 'no')
  t.equal(addressMatches('239.255.255.250'), 'no')
  t.equal(addressMatches('255.255.255.255'), 'no')
  t.equal(addressMatches('0.0.0.0/0'), 'yes')
  t.equal(addressMatches('192.168.1.0/24'), 'maybe')
  t.equal(addressMatches('10.0.0.0/255.0.0.0'), 'maybe')
  t.equal(addressMatches('127.0.0.0/255.0.0.0'), 'no', 'netmask form')
  t.equal(addressMatches('0.0.0.0/0.0.0.0'), 'yes')
  t.equal(addressMatches('100.0.0.0/4'), 'maybe', 'a prefix wider than loopback may hold anything')
  t.equal(addressMatches('fe80::/10'), 'maybe', 'not IPv4: not judged')
  t.equal(addressMatches('300.1.1.1'), 'maybe')
  t.equal(addressMatches('1.2.3.4/33'), 'maybe')
})

t.test('inInterfaceMatches: the hairpinned packet never arrives on lo', async (t) => {
  t.equal(inInterfaceMatches('lo'), 'no')
  t.equal(inInterfaceMatches('+'), 'yes')
  t.equal(inInterfaceMatches('*'), 'yes')
  t.equal(inInterfaceMatches('eth0'), 'maybe')
  t.equal(inInterfaceMatches('lo+'), 'maybe')
})

t.test('how the probe is named', async (t) => {
  t.equal(probeText(tcp), 'tcp dport 8443')
  t.equal(portSlashProto({ port: 53, protocol: 'udp' }), '53/udp')
})
