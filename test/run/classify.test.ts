import t from 'tap'
import { classifyPeer } from '../../src/run/classify.js'

const known = { client: '192.168.77.10', gateway: '192.168.77.1', publicIp: '203.0.113.7' }

t.test('classifies each kind of peer', async (t) => {
  t.equal(classifyPeer('192.168.77.10', known), 'client')
  t.equal(classifyPeer('192.168.77.1', known), 'gateway')
  t.equal(classifyPeer('203.0.113.7', known), 'public-ip')
  t.equal(classifyPeer('192.168.77.99', known), 'other')
  t.equal(classifyPeer('::ffff:192.168.77.1', known), 'gateway', 'IPv4-mapped form')
  t.equal(classifyPeer(null, known), null)
})

t.test('unknown addresses never match', async (t) => {
  const none = { client: null, gateway: null, publicIp: null }
  t.equal(classifyPeer('192.168.77.1', none), 'other')
})

t.test('the client wins when it holds the public address itself', async (t) => {
  t.equal(classifyPeer('203.0.113.7', { ...known, client: '203.0.113.7' }), 'client')
})
