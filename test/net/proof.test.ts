import t from 'tap'
import { helloLine, MAX_HELLO_BYTES, MAX_PROOF_BYTES, parseHello, proofLine, PROTOCOL, proofMac, verifyProof } from '../../src/net/proof.js'

const key = Buffer.alloc(32, 7)
const otherKey = Buffer.alloc(32, 8)
const nonce = '0123456789abcdef0123456789abcdef'

t.test('hello round-trip', async (t) => {
  const line = helloLine(nonce)
  t.equal(line, `${PROTOCOL} ${nonce}\n`)
  t.equal(Buffer.byteLength(line), MAX_HELLO_BYTES)
  t.equal(parseHello(line.trimEnd()), nonce)
})

t.test('malformed hellos are refused', async (t) => {
  for (const bad of ['', 'GET / HTTP/1.1', `${PROTOCOL}`, `${PROTOCOL} ${nonce} extra`, `HAIRPIN-CHECK/2 ${nonce}`, `${PROTOCOL} ${nonce.toUpperCase()}`, `${PROTOCOL} ${nonce.slice(1)}`]) {
    t.equal(parseHello(bad), null, JSON.stringify(bad))
  }
})

t.test('proof verifies only with the right key, nonce and observation', async (t) => {
  const line = proofLine(key, nonce, { peer: '192.168.77.1', peerPort: 40000, local: '192.168.77.10' }).trimEnd()
  t.ok(Buffer.byteLength(line) < MAX_PROOF_BYTES)
  t.same(verifyProof(key, nonce, line), { peer: '192.168.77.1', peerPort: 40000, local: '192.168.77.10' })
  t.equal(verifyProof(otherKey, nonce, line), null, 'another key (another run)')
  t.equal(verifyProof(key, 'f'.repeat(32), line), null, 'another nonce (replay)')
  const swapped = line.replace('192.168.77.1', '203.0.113.7')
  t.equal(verifyProof(key, nonce, swapped), null, 'tampered peer')
  t.equal(verifyProof(key, nonce, line.replace(' 40000 ', ' 40001 ')), null, 'tampered port')
  t.equal(verifyProof(key, nonce, line.replace('192.168.77.10', '192.168.77.11')), null, 'tampered local address')
  const v6 = proofLine(key, nonce, { peer: 'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255', peerPort: 65535, local: 'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255' })
  t.ok(Buffer.byteLength(v6) <= MAX_PROOF_BYTES, 'the longest proof fits the cap')
})

t.test('malformed proofs are refused', async (t) => {
  const mac = proofMac(key, nonce, { peer: '1.2.3.4', peerPort: 1, local: '10.0.0.1' })
  const bad = [
    '',
    'HTTP/1.1 400 Bad Request',
    `${PROTOCOL} NO 1.2.3.4 1 10.0.0.1 ${mac}`,
    `${PROTOCOL} OK 1.2.3.4 1 10.0.0.1`,
    `${PROTOCOL} OK 1.2.3.4 1 ${mac}`,
    `${PROTOCOL} OK 1.2.3.4 x 10.0.0.1 ${mac}`,
    `${PROTOCOL} OK 1.2.3.4 99999 10.0.0.1 ${mac}`,
    `${PROTOCOL} OK 1.2.3.4 1 10.0.0.1 ${mac.slice(2)}`,
    `${PROTOCOL} OK 1.2.3.4 1 10.0.0.1 ${'z'.repeat(64)}`,
    `XAIRPIN-CHECK/1 OK 1.2.3.4 1 10.0.0.1 ${mac}`,
  ]
  for (const line of bad) t.equal(verifyProof(key, nonce, line), null, line.slice(0, 30))
  t.same(verifyProof(key, nonce, `${PROTOCOL} OK 1.2.3.4 1 10.0.0.1 ${mac}`), { peer: '1.2.3.4', peerPort: 1, local: '10.0.0.1' })
})
