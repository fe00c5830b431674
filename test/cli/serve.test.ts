import t from 'tap'
import { newToken } from '../../src/net/token.js'
import { fakeIO } from '../support/fixtures.js'
import { oneLine, runCli as run } from '../support/cli.js'

t.test('serve prints the token, logs probes, stops on the signal', async (t) => {
  const stop = new AbortController()
  const f = fakeIO()
  let sighting: ((s: { nonce: string; peer: string; peerPort: number; local: string }) => void) | undefined
  f.io.listen = async (o) => {
    sighting = o.onSighting
    return { address: o.bind, port: o.port, strangers: 1, strangerPeers: [], sightings: [], expect: () => {}, close: async () => {} }
  }
  const token = newToken((n) => Buffer.alloc(n, 2))
  const running = run(['serve', '8443', '--token', token], { io: f.io, stop: stop.signal })
  // The command's modules load first: wait until it listens.
  for (let i = 0; i < 200 && sighting === undefined; i++) await new Promise((r) => setTimeout(r, 10))
  sighting?.({ nonce: 'n', peer: '192.168.77.20', peerPort: 40000, local: '192.168.77.10' })
  stop.abort()
  const r = await running
  t.equal(r.code, 0)
  const lines = r.out.trimEnd().split('\n')
  t.equal(lines[0], token, 'the token alone on the first line')
  t.equal(lines[1], '2026-11-26T12:00:10.000Z tcp probe from 192.168.77.20:40000 to 192.168.77.10')
  t.match(r.err, /serving TCP\+UDP on \[::\]:8443; on another LAN host run: hairpin-check 8443 --peer hc1\.\S+ --udp\n/, 'all addresses: dual-stack first')
  t.match(r.err, /stopped after 1 probe \(3 others left unanswered\)/)

  const json = new AbortController()
  json.abort()
  const j = await run(['serve', '8443', '--json', '--no-udp'], { io: fakeIO().io, stop: json.signal })
  const events = j.out.trimEnd().split('\n').map((l) => JSON.parse(l))
  t.equal(events[0].type, 'listening')
  t.match(events[0].token, /^hc1\./, 'a new token when none was given')
  t.same(events[0].protocols, ['tcp'])
  t.equal(events.at(-1).type, 'stopped')
  const plural = new AbortController()
  plural.abort()
  const p = await run(['serve', '8443', '--no-udp'], { io: fakeIO().io, stop: plural.signal })
  t.match(p.err, /stopped after 0 probes \(2 others left unanswered\)/)
  const bound = new AbortController()
  bound.abort()
  const b = await run(['serve', '8443', '--bind', '192.168.77.10', '--no-udp'], { io: fakeIO().io, stop: bound.signal })
  t.match(b.err, /serving TCP on 192\.168\.77\.10:8443/)
  t.match(p.err, /on another LAN host run: hairpin-check 8443 --peer hc1\.\S+\n/, 'no --udp hint without UDP')
})

t.test('serve: a port that cannot be opened is exit 2 and one line', async (t) => {
  const f = fakeIO({ listen: async () => Promise.reject(Object.assign(new Error('x'), { code: 'EADDRINUSE' })) })
  const r = await run(['serve', '8443'], { io: f.io })
  t.equal(r.code, 2)
  t.match(r.err, /^hairpin-check: cannot listen on 0\.0\.0\.0:8443: something already listens/)
  oneLine(t, r.err)
  const bound = await run(['serve', '8443', '--bind', '192.168.77.10'], { io: f.io })
  t.match(bound.err, /cannot listen on 192\.168\.77\.10:8443/, 'the address asked for')
})
