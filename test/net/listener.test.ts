import t, { type Test } from 'tap'
import { connect, createServer, type Socket } from 'node:net'
import { describeListenError, keepStranger, MAX_SIGHTINGS_KEPT, MAX_STRANGER_PEERS_KEPT, startListener, type HairpinListener } from '../../src/net/listener.js'
import { helloLine, verifyProof } from '../../src/net/proof.js'

const key = Buffer.alloc(32, 1)
const nonce = 'a'.repeat(32)

/** Connects, sends `payload` (if any), and collects everything until the listener closes. */
function exchange(l: HairpinListener, payload: string | null, opts: { endAfterSend?: boolean } = {}): Promise<{ got: string; socket: Socket }> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: l.port })
    let got = ''
    socket.setEncoding('latin1')
    socket.on('connect', () => {
      if (payload !== null) socket.write(payload)
      if (opts.endAfterSend) socket.end()
    })
    socket.on('data', (d: string) => (got += d))
    socket.on('error', () => {})
    socket.on('close', () => resolve({ got, socket }))
  })
}

async function listener(t: Test, opts: { helloDeadlineMs?: number; maxPending?: number; maxPendingPerSource?: number } = {}): Promise<HairpinListener> {
  const l = await startListener({ bind: '127.0.0.1', port: 0, key, ...opts })
  t.teardown(() => l.close())
  return l
}

t.test('answers the expected nonce with a proof of what it saw', async (t) => {
  const l = await listener(t)
  t.equal(l.address, '127.0.0.1')
  t.ok(l.port > 0)
  l.expect(nonce)
  const { got } = await exchange(l, helloLine(nonce))
  const proof = verifyProof(key, nonce, got.trimEnd())
  t.equal(proof?.peer, '127.0.0.1')
  t.same(l.sightings.map((s) => s.peer), ['127.0.0.1'])
  t.equal(l.sightings[0]?.nonce, nonce)
  t.equal(l.strangers, 0)
})

t.test('a replayed nonce gets nothing', async (t) => {
  const l = await listener(t)
  l.expect(nonce)
  t.not((await exchange(l, helloLine(nonce))).got, '')
  t.equal((await exchange(l, helloLine(nonce))).got, '', 'second use of the nonce')
  t.equal(l.strangers, 1)
})

t.test('strangers are closed without a byte', async (t) => {
  const l = await listener(t, { helloDeadlineMs: 150 })
  l.expect(nonce)
  const cases: Array<[string, string | null, boolean?]> = [
    ['unknown nonce', helloLine('b'.repeat(32))],
    ['HTTP request', 'GET / HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['bytes after the hello', `${helloLine(nonce)}more`],
    ['a long line without newline', 'x'.repeat(200)],
    ['nothing at all (deadline)', null],
    ['closes before the hello', 'HAIRPIN', true],
  ]
  for (const [name, payload, end] of cases) {
    const { got } = await exchange(l, payload, { endAfterSend: end ?? false })
    t.equal(got, '', name)
  }
  t.equal(l.strangers, cases.length)
  t.same(l.strangerPeers, cases.map(() => '127.0.0.1'), 'who they were')
  t.same(l.sightings, [], 'nothing proven')
  // The real nonce still works: strangers did not use it up.
  t.not((await exchange(l, helloLine(nonce))).got, '')
})

t.test('a hello split across packets still counts', async (t) => {
  const l = await listener(t)
  l.expect(nonce)
  const got = await new Promise<string>((resolve) => {
    const s = connect({ host: '127.0.0.1', port: l.port })
    let data = ''
    s.on('data', (d) => (data += d))
    s.on('connect', () => {
      const line = helloLine(nonce)
      s.write(line.slice(0, 10))
      setTimeout(() => s.write(line.slice(10)), 30)
    })
    s.on('close', () => resolve(data))
  })
  t.ok(verifyProof(key, nonce, got.trimEnd()))
})

t.test('when full, the oldest waiting connection gives way, never the newest', async (t) => {
  const l = await listener(t, { maxPending: 1, helloDeadlineMs: 5000 })
  l.expect(nonce)
  const hog = connect({ host: '127.0.0.1', port: l.port })
  hog.on('error', () => {})
  const hogClosed = new Promise((r) => hog.on('close', r))
  await new Promise((r) => hog.on('connect', r))
  await new Promise((r) => setTimeout(r, 50))
  // Our own probe arrives while a stranger holds the only slot: it still gets its proof.
  const { got } = await exchange(l, helloLine(nonce))
  t.ok(verifyProof(key, nonce, got.trimEnd()), 'the newcomer with the nonce is answered')
  await hogClosed
  t.equal(l.strangers, 1, 'the stranger holding the slot was closed')
  await l.close()
  await l.close() // twice is fine
})

t.test('one source cannot hold every slot', async (t) => {
  const l = await listener(t, { maxPending: 10, maxPendingPerSource: 2, helloDeadlineMs: 5000 })
  const socks = await Promise.all(
    [0, 1, 2].map(
      () =>
        new Promise<Socket>((resolve) => {
          const s = connect({ host: '127.0.0.1', port: l.port })
          s.on('error', () => {})
          s.on('connect', () => resolve(s))
        }),
    ),
  )
  const firstClosed = await Promise.race([new Promise((r) => socks[0]!.on('close', () => r(true))), new Promise((r) => setTimeout(() => r(false), 2000))])
  t.ok(firstClosed, 'the third connection from 127.0.0.1 pushed out the first')
  t.notOk(socks[2]!.destroyed, 'the newest waits for its hello')
  for (const s of socks) s.destroy()
})

t.test('listen errors carry the system code', async (t) => {
  const blocker = createServer()
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r))
  t.teardown(() => blocker.close())
  const port = (blocker.address() as { port: number }).port
  await t.rejects(startListener({ bind: '127.0.0.1', port, key }), { code: 'EADDRINUSE' })
  await t.rejects(startListener({ bind: '192.0.2.123', port: 0, key }), { code: 'EADDRNOTAVAIL' })
})

t.test('describeListenError says what to do', async (t) => {
  const e = (code?: string): NodeJS.ErrnoException => Object.assign(new Error('boom'), code ? { code } : {})
  t.match(describeListenError(e('EACCES'), '0.0.0.0', 443), /sudo.*ip_unprivileged_port_start=443/)
  t.match(describeListenError(e('EACCES'), '0.0.0.0', 8443), /permission denied/)
  t.match(describeListenError(e('EADDRINUSE'), '0.0.0.0', 443), /already listens on port 443/)
  t.match(describeListenError(e('EADDRNOTAVAIL'), '10.9.9.9', 443), /10\.9\.9\.9 is not an address of this host/)
  t.match(describeListenError(e('EMFILE'), '0.0.0.0', 443), /: EMFILE$/)
  t.match(describeListenError(e(), '0.0.0.0', 443), /: boom$/)
  for (const code of ['EACCES', 'EADDRINUSE', 'EADDRNOTAVAIL']) t.notMatch(describeListenError(e(code), '0.0.0.0', 80), /\n/, 'one line')
})

t.test("'any' mode answers every well-formed nonce once, within the rate", async (t) => {
  const seen: string[] = []
  const l = await startListener({ bind: '127.0.0.1', port: 0, key, accept: 'any', rateLimit: { max: 2, windowMs: 60_000 }, onSighting: (s) => seen.push(s.nonce) })
  t.teardown(() => l.close())
  const a = 'd'.repeat(32)
  const b = 'e'.repeat(32)
  t.ok(verifyProof(key, a, (await exchange(l, helloLine(a))).got.trimEnd()), 'no expect() needed')
  t.equal((await exchange(l, helloLine(a))).got, '', 'the same nonce again: nothing')
  t.ok(verifyProof(key, b, (await exchange(l, helloLine(b))).got.trimEnd()))
  t.equal((await exchange(l, helloLine('f'.repeat(32)))).got, '', 'over the rate for 127.0.0.1: nothing')
  t.same(seen, [a, b])
  t.equal(l.strangers, 2)
})

t.test('sightings kept in memory are bounded', async (t) => {
  const l = await listener(t)
  for (let i = 0; i <= MAX_SIGHTINGS_KEPT; i++) {
    const n = i.toString(16).padStart(32, '0')
    l.expect(n)
    await exchange(l, helloLine(n))
  }
  t.equal(l.sightings.length, MAX_SIGHTINGS_KEPT)
  t.equal(l.sightings[0]?.nonce, (1).toString(16).padStart(32, '0'), 'the oldest went first')
  t.equal(l.sightings[0]?.local, '127.0.0.1', 'the address the connection arrived at')
})

t.test('keepStranger: the newest addresses only, a flood cannot grow the list', async (t) => {
  const peers: string[] = []
  for (let i = 0; i < MAX_STRANGER_PEERS_KEPT + 5; i++) keepStranger(peers, `10.0.0.${i}`)
  t.equal(peers.length, MAX_STRANGER_PEERS_KEPT)
  t.equal(peers[0], '10.0.0.5', 'the oldest went first')
  t.equal(peers.at(-1), `10.0.0.${MAX_STRANGER_PEERS_KEPT + 4}`)
})

t.test('connections still waiting for their hello when the listener closes are counted as strangers once close() resolves', async (t) => {
  const l = await startListener({ bind: '127.0.0.1', port: 0, key, helloDeadlineMs: 60_000 })
  const waiting = [exchange(l, null), exchange(l, 'HAIRP')]
  await new Promise((r) => setTimeout(r, 200)) // on loopback both are accepted, and wait, long before this
  t.equal(l.strangers, 0, 'still waiting: not counted yet')
  await l.close()
  t.equal(l.strangers, 2, 'closed unanswered by the listener: strangers')
  t.same((await Promise.all(waiting)).map((w) => w.got), ['', ''], 'not a byte sent')
})
