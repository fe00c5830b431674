import t, { type Test } from 'tap'
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram'
import { MAX_SIGHTINGS_KEPT } from '../../src/net/listener.js'
import { helloLine, MAX_HELLO_BYTES, parseHello, proofLine, verifyProof } from '../../src/net/proof.js'
import {
  probeUdp,
  replySource,
  startUdpListener,
  UDP_ANSWERS_PER_NONCE,
  UDP_PRIME,
  UDP_PRIME_PAYLOAD,
  UDP_RETRY_INTERVAL_MS,
  type UdpListener,
  type UdpListenerOptions,
  type UdpProbeOptions,
  type UdpSighting,
} from '../../src/net/udp.js'

const key = Buffer.alloc(32, 3)
const nonce = 'c'.repeat(32)
const now = (): number => performance.now()
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const nonceOf = (i: number): string => i.toString(16).padStart(32, '0')

/** A UDP socket on `address` (loopback) that does `onMessage` with each datagram. */
async function udpServer(t: Test, onMessage: (msg: Buffer, rinfo: RemoteInfo, self: Socket) => void, address = '127.0.0.1'): Promise<Socket> {
  const s = createSocket('udp4')
  s.on('message', (msg, rinfo) => onMessage(msg, rinfo, s))
  await new Promise<void>((r) => s.bind(0, address, r))
  t.teardown(() => new Promise<void>((r) => s.close(() => r())))
  return s
}

async function listener(t: Test, opts: Partial<UdpListenerOptions> = {}): Promise<UdpListener> {
  const l = await startUdpListener({ bind: '127.0.0.1', port: 0, key, ...opts })
  t.teardown(() => l.close())
  return l
}

/** A client socket on 127.0.0.1 that collects what comes back. */
async function client(t: Test): Promise<{ send(payload: string | Buffer, port: number): void; got: string[]; port: number }> {
  const got: string[] = []
  const s = await udpServer(t, (msg) => got.push(msg.toString('latin1')))
  return { send: (payload, port) => s.send(payload, port, '127.0.0.1'), got, port: s.address().port }
}

/** Waits for `cond`, turning the event loop; throws after two seconds rather than hang the run. */
async function until(cond: () => boolean): Promise<void> {
  const giveUp = now() + 2000
  while (!cond()) {
    if (now() > giveUp) throw new Error('condition not met in 2 s')
    await new Promise((r) => setImmediate(r))
  }
}

/** Timers alive now: a probe must leave none behind. */
const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

/** Whether a dgram socket has been closed. */
function isClosed(s: Socket): boolean {
  try {
    s.address()
    return false
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ERR_SOCKET_DGRAM_NOT_RUNNING'
  }
}

/** Sockets made the way the probe makes them, remembered so a test can check they were closed. */
function tracked(made: Socket[], patch: (s: Socket, n: number) => void = () => {}): () => Socket {
  return () => {
    const s = createSocket({ type: 'udp4', reuseAddr: true })
    patch(s, made.length)
    made.push(s)
    return s
  }
}

/** Runs a probe and checks it closed both sockets and cleared its timers. */
async function probe(t: Test, opts: Partial<UdpProbeOptions> & { port: number }, patch?: (s: Socket, n: number) => void): Promise<Awaited<ReturnType<typeof probeUdp>>> {
  const before = timers()
  const made: Socket[] = []
  const r = await probeUdp({ host: '127.0.0.1', key, nonce, timeoutMs: 2000, now, prime: null, socket: tracked(made, patch), ...opts })
  t.equal(made.length, 2, 'two sockets')
  t.ok(made.every(isClosed), 'both closed')
  t.equal(timers(), before, 'no timer left behind')
  return r
}

/** A port where nothing listens (bound, then closed). */
async function closedPort(): Promise<number> {
  const s = createSocket('udp4')
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r))
  const port = s.address().port
  await new Promise<void>((r) => s.close(r))
  return port
}

const errno = (code: string | undefined, message = 'boom'): NodeJS.ErrnoException => Object.assign(new Error(message), code === undefined ? {} : { code })

// --- the probe -----------------------------------------------------------------------------

t.test('ok: our listener proves what it saw, and the answer came back from the host', async (t) => {
  const seen: UdpSighting[] = []
  const l = await listener(t, { onSighting: (s) => seen.push(s) })
  l.expect(nonce)
  // The defaults: node's own sockets, the standard retry interval.
  const r = await probeUdp({ host: '127.0.0.1', port: l.port, key, nonce, timeoutMs: 2000, now, prime: null })
  t.equal(r.outcome, 'ok')
  t.equal(r.observedPeer, '127.0.0.1')
  t.equal(r.serverAddress, '127.0.0.1')
  t.equal(r.replyFrom, '127.0.0.1')
  t.equal(r.attempts, 1)
  t.equal(r.error, null)
  t.equal(r.answer, null)
  t.ok(r.ms >= 0)
  t.equal(seen.length, 1, 'onSighting told')
  t.same(l.sightings, seen)
  t.equal(seen[0]?.nonce, nonce)
})

t.test('direct-reply: the answer comes from another address (DNAT without SNAT)', async (t) => {
  const replier = await udpServer(t, () => {}, '127.0.0.2')
  const server = await udpServer(t, (msg, rinfo) => {
    const n = parseHello(msg.toString('latin1').trimEnd())
    if (n !== null) replier.send(proofLine(key, n, { peer: '::ffff:192.168.77.20', peerPort: rinfo.port, local: '::ffff:192.168.77.10' }), rinfo.port, rinfo.address)
  })
  const r = await probe(t, { port: server.address().port })
  t.equal(r.outcome, 'direct-reply')
  t.equal(r.replyFrom, '127.0.0.2')
  t.equal(r.observedPeer, '192.168.77.20', 'normalised')
  t.equal(r.serverAddress, '192.168.77.10')
})

t.test('direct-reply from our own wildcard listener: it names the address it answered from', async (t) => {
  // Sent to 127.0.0.2, answered from 127.0.0.1 (the route back to the client picks it): what a
  // server behind DNAT without SNAT does with its LAN address.
  const l = await listener(t, { bind: '0.0.0.0' })
  l.expect(nonce)
  const r = await probe(t, { host: '127.0.0.2', port: l.port })
  t.equal(r.outcome, 'direct-reply')
  t.equal(r.replyFrom, '127.0.0.1')
  t.equal(r.serverAddress, r.replyFrom, 'local in the proof is the source the client saw')
  t.equal(l.sightings[0]?.local, '127.0.0.1')
})

t.test('wrong-service: another UDP service answers from the host', async (t) => {
  const server = await udpServer(t, (_msg, rinfo, s) => s.send('\u001b[31mDNS?\u0000 garbage\r\n', rinfo.port, rinfo.address))
  const r = await probe(t, { port: server.address().port })
  t.equal(r.outcome, 'wrong-service')
  t.equal(r.answer, 'DNS? garbage', 'printable, escapes gone')
  t.equal(r.replyFrom, '127.0.0.1')
  t.equal(r.observedPeer, null)
})

t.test('a forged proof never counts', async (t) => {
  const forged = (n: string): string => proofLine(Buffer.alloc(32, 9), n, { peer: '203.0.113.7', peerPort: 1234, local: '192.168.77.10' })
  const fromHost = await udpServer(t, (msg, rinfo, s) => s.send(forged(nonce), rinfo.port, rinfo.address))
  const r = await probe(t, { port: fromHost.address().port })
  t.equal(r.outcome, 'wrong-service', 'from the host: something else answered')
  t.equal(r.observedPeer, null)
  const replier = await udpServer(t, () => {}, '127.0.0.2')
  const fromElsewhere = await udpServer(t, (msg, rinfo) => replier.send(forged(nonce), rinfo.port, rinfo.address))
  const r2 = await probe(t, { port: fromElsewhere.address().port, timeoutMs: 150, retryIntervalMs: 40 })
  t.equal(r2.outcome, 'timeout', 'from elsewhere: noise, ignored')
  t.equal(r2.replyFrom, null)
})

t.test('ok: a proof ending in CRLF is still read', async (t) => {
  const server = await udpServer(t, (_msg, rinfo, s) => s.send(proofLine(key, nonce, { peer: '10.0.0.1', peerPort: 1, local: '10.0.0.2' }).replace('\n', '\r\n'), rinfo.port, rinfo.address))
  t.equal((await probe(t, { port: server.address().port })).outcome, 'ok')
})

t.test('ok: judged by address, whatever the source port (a NAT may translate it)', async (t) => {
  const replier = await udpServer(t, () => {})
  const server = await udpServer(t, (msg, rinfo) => replier.send(proofLine(key, nonce, { peer: rinfo.address, peerPort: rinfo.port, local: '127.0.0.1' }), rinfo.port, rinfo.address))
  const r = await probe(t, { port: server.address().port })
  t.equal(r.outcome, 'ok', 'from 127.0.0.1 on another port: caught by the unconnected socket')
  t.equal(r.replyFrom, '127.0.0.1')
})

t.test('refused: nothing listens (ICMP port unreachable)', async (t) => {
  const r = await probe(t, { port: await closedPort() })
  t.equal(r.outcome, 'refused')
  t.equal(r.error, 'ECONNREFUSED')
  t.equal(r.replyFrom, null)
  t.ok(r.attempts >= 1)
})

t.test('timeout: a server that never answers', async (t) => {
  let hellos = 0
  const server = await udpServer(t, () => hellos++)
  const r = await probe(t, { port: server.address().port, timeoutMs: 120, retryIntervalMs: 20 })
  t.equal(r.outcome, 'timeout')
  t.equal(r.error, null)
  t.equal(r.replyFrom, null)
  t.ok(r.attempts >= 1)
  await until(() => hellos >= r.attempts)
  t.equal(hellos, r.attempts, 'every attempt is a hello sent')
})

t.test('retries: a server that drops the first hellos', async (t) => {
  let dropped = 0
  const server = await udpServer(t, (msg, rinfo, s) => {
    if (dropped < 2) dropped++
    else s.send(proofLine(key, nonce, { peer: rinfo.address, peerPort: rinfo.port, local: '127.0.0.1' }), rinfo.port, rinfo.address)
  })
  const r = await probe(t, { port: server.address().port, retryIntervalMs: 20 })
  t.equal(r.outcome, 'ok')
  t.ok(r.attempts >= 3, `attempts: ${r.attempts}`)
})

t.test('the prime goes out first, from the port the hellos use', async (t) => {
  const primes: Array<{ payload: string; port: number }> = []
  const primeSink = await udpServer(t, (msg, rinfo) => primes.push({ payload: msg.toString('latin1'), port: rinfo.port }))
  // Like a router that hairpins only for a mapping that already sent traffic out.
  const server = await udpServer(t, (msg, rinfo, s) => {
    if (primes.some((p) => p.port === rinfo.port)) s.send(proofLine(key, nonce, { peer: rinfo.address, peerPort: rinfo.port, local: '127.0.0.1' }), rinfo.port, rinfo.address)
  })
  const r = await probe(t, { port: server.address().port, retryIntervalMs: 20, prime: { address: '127.0.0.1', port: primeSink.address().port } })
  t.equal(r.outcome, 'ok')
  t.equal(primes.length, 1, 'one prime')
  t.equal(primes[0]?.payload, UDP_PRIME_PAYLOAD)
  t.notMatch(UDP_PRIME_PAYLOAD, nonce, 'no nonce in the prime')
})

t.test('the default prime is the documentation address (intercepted: nothing leaves the host)', async (t) => {
  t.same(UDP_PRIME, { address: '203.0.113.1', port: 9 })
  const intercepted: unknown[][] = []
  const intercept = (s: Socket): void => {
    const real = s.send.bind(s) as (...args: unknown[]) => void
    s.send = ((...args: unknown[]) => {
      if (args[2] !== UDP_PRIME.address) return real(...args)
      intercepted.push(args.slice(0, 3))
      ;(args[3] as () => void)()
    }) as Socket['send']
  }
  const l = await listener(t)
  l.expect(nonce)
  const r = await probe(t, { port: l.port, prime: undefined }, intercept)
  t.equal(r.outcome, 'ok')
  t.same(intercepted, [[UDP_PRIME_PAYLOAD, 9, '203.0.113.1']])
})

t.test('a verdict during set-up closes everything', async (t) => {
  let hellos = 0
  const port = (await udpServer(t, () => hellos++)).address().port
  const stuck = (s: Socket, n: number): void => {
    if (n === 1) s.connect = (() => {}) as Socket['connect'] // a connect that never completes
  }
  const r = await probe(t, { port, timeoutMs: 30 }, stuck)
  t.equal(r.outcome, 'timeout')
  t.equal(r.attempts, 0)
  // A prime whose send completes only after the verdict: set-up then throws on the closed socket, quietly.
  let primeSent: (() => void) | null = null
  const slowPrime = (s: Socket, n: number): void => {
    if (n === 0) s.send = ((...args: unknown[]) => (primeSent = args[3] as () => void)) as Socket['send']
  }
  const r2 = await probe(t, { port, timeoutMs: 5, prime: { address: '127.0.0.1', port: 9 } }, slowPrime)
  t.equal(r2.outcome, 'timeout')
  t.equal(r2.attempts, 0)
  t.ok(primeSent, 'the prime was under way')
  primeSent!()
  await sleep(30)
  t.equal(hellos, 0, 'no hello ever left')
})

t.test('socket errors map to outcomes', async (t) => {
  const port = (await udpServer(t, () => {})).address().port
  const sendFails = (err: Error) => (s: Socket, n: number) => {
    if (n === 1) s.send = ((_msg: unknown, cb: (e: Error) => void) => setImmediate(() => cb(err))) as unknown as Socket['send'] // main: the connected one
  }
  const unreach = await probe(t, { port }, sendFails(errno('EHOSTUNREACH')))
  t.equal(unreach.outcome, 'unreachable')
  t.equal(unreach.error, 'EHOSTUNREACH')
  t.equal(unreach.attempts, 1)
  const bare = await probe(t, { port }, sendFails(errno(undefined, 'no code')))
  t.equal(bare.outcome, 'error')
  t.equal(bare.error, 'no code')
  const connectFails = (s: Socket): void => {
    s.connect = (() => setImmediate(() => s.emit('error', errno('ENETUNREACH')))) as Socket['connect']
  }
  const noRoute = await probe(t, { port }, connectFails)
  t.equal(noRoute.outcome, 'unreachable')
  t.equal(noRoute.attempts, 0)
  const bindFails = (s: Socket, n: number): void => {
    if (n === 0) s.bind = (() => setImmediate(() => s.emit('error', errno('EADDRNOTAVAIL')))) as unknown as Socket['bind']
  }
  const bindErr = await probe(t, { port }, bindFails)
  t.equal(bindErr.outcome, 'error')
  t.equal(bindErr.error, 'EADDRNOTAVAIL')
  const badPrime = await probe(t, { port, prime: { address: '127.0.0.1', port: 0 } })
  t.equal(badPrime.outcome, 'error', 'a throw during set-up is an outcome too')
  t.equal(badPrime.error, 'ERR_SOCKET_BAD_PORT')
})

t.test('constants', async (t) => {
  t.equal(UDP_RETRY_INTERVAL_MS, 250)
  t.equal(UDP_ANSWERS_PER_NONCE, 4)
})

// --- the listener ---------------------------------------------------------------------------

t.test('strangers are never answered', async (t) => {
  const l = await listener(t)
  l.expect(nonce)
  const c = await client(t)
  const strangers: Array<string | Buffer> = [
    'GET / HTTP/1.1\r\n\r\n',
    helloLine(nonce).trimEnd(), // no newline
    helloLine('b'.repeat(32)), // unknown nonce
    `${helloLine(nonce)}x`, // longer than a hello
    Buffer.alloc(1200, 0x41), // much longer
    Buffer.alloc(0),
  ]
  for (const s of strangers) c.send(s, l.port)
  c.send(helloLine(nonce), l.port)
  // Datagrams on loopback keep their order: once the real answer is in, no other can come.
  await until(() => c.got.length > 0)
  t.equal(c.got.length, 1)
  t.ok(verifyProof(key, nonce, c.got[0]!.trimEnd()))
  t.equal(l.strangers, strangers.length)
  t.equal(MAX_HELLO_BYTES, helloLine(nonce).length, 'a hello is exactly the longest allowed')
})

t.test('a repeated nonce is answered only up to the cap', async (t) => {
  const l = await listener(t)
  const other = 'd'.repeat(32)
  l.expect(nonce)
  l.expect(other)
  const c = await client(t)
  for (let i = 0; i < UDP_ANSWERS_PER_NONCE + 2; i++) c.send(helloLine(nonce), l.port)
  c.send(helloLine(other), l.port)
  await until(() => c.got.some((g) => verifyProof(key, other, g.trimEnd()) !== null))
  t.equal(c.got.filter((g) => verifyProof(key, nonce, g.trimEnd()) !== null).length, UDP_ANSWERS_PER_NONCE)
  t.equal(l.strangers, 2)
  t.equal(l.sightings.length, UDP_ANSWERS_PER_NONCE + 1)
})

t.test("'any' mode answers every well-formed nonce, within the per-source rate", async (t) => {
  const l = await listener(t, { accept: 'any', rateLimit: { max: 2, windowMs: 60_000 } })
  const c = await client(t)
  c.send(helloLine('1'.repeat(32)), l.port)
  c.send(helloLine('2'.repeat(32)), l.port)
  c.send(helloLine('3'.repeat(32)), l.port)
  c.send('junk', l.port)
  await until(() => l.strangers === 2 && c.got.length === 2)
  await sleep(20)
  t.equal(c.got.length, 2, 'two answers, no more')
  t.ok(verifyProof(key, '1'.repeat(32), c.got[0]!.trimEnd()), 'no expect() needed')
  t.ok(verifyProof(key, '2'.repeat(32), c.got[1]!.trimEnd()))
})

t.test('the answer is small next to the question', async (t) => {
  // The longest IPv4 answer: every address and port at full width.
  const answer = proofLine(key, nonce, { peer: '255.255.255.255', peerPort: 65535, local: '255.255.255.255' })
  t.equal(answer.length, 122)
  t.ok(answer.length / helloLine(nonce).length < 2.5)
})

t.test('a wildcard bind names the address the answer leaves from', async (t) => {
  const l = await listener(t, { bind: '0.0.0.0' })
  l.expect(nonce)
  const c = await client(t)
  c.send(helloLine(nonce), l.port)
  await until(() => c.got.length > 0)
  const proof = verifyProof(key, nonce, c.got[0]!.trimEnd())
  t.same(proof, { peer: '127.0.0.1', peerPort: c.port, local: '127.0.0.1' })
})

t.test('no route back: no answer', async (t) => {
  const l = await listener(t, { bind: '0.0.0.0', replySource: () => Promise.reject(errno('ENETUNREACH')) })
  l.expect(nonce)
  const c = await client(t)
  c.send(helloLine(nonce), l.port)
  await sleep(50)
  t.same(c.got, [])
  t.same(l.sightings, [])
  t.equal(l.strangers, 0, 'not a stranger: a hello we could not answer')
})

t.test('closed while the route was looked up: no answer', async (t) => {
  let release!: (a: string) => void
  let asked = false
  const l = await startUdpListener({
    bind: '0.0.0.0',
    port: 0,
    key,
    replySource: () => {
      asked = true
      return new Promise((r) => (release = r))
    },
  })
  l.expect(nonce)
  const c = await client(t)
  c.send(helloLine(nonce), l.port)
  await until(() => asked)
  await l.close()
  release('127.0.0.1')
  await sleep(20)
  t.same(l.sightings, [])
  t.same(c.got, [])
})

t.test('IPv6: a udp6 socket, addresses as they are', async (t) => {
  const l = await listener(t, { bind: '::1' })
  l.expect(nonce)
  const s = createSocket('udp6')
  const got = new Promise<string>((r) => s.on('message', (m) => r(m.toString('latin1'))))
  await new Promise<void>((r) => s.bind(0, '::1', r))
  t.teardown(() => s.close())
  s.send(helloLine(nonce), l.port, '::1')
  t.same(verifyProof(key, nonce, (await got).trimEnd()), { peer: '::1', peerPort: s.address().port, local: '::1' })
})

t.test('sightings kept in memory are bounded', async (t) => {
  const l = await listener(t, { accept: 'any' })
  const c = await client(t)
  for (let i = 0; i <= MAX_SIGHTINGS_KEPT; i++) {
    c.send(helloLine(nonceOf(i)), l.port)
    await until(() => c.got.length === i + 1)
  }
  t.equal(l.sightings.length, MAX_SIGHTINGS_KEPT)
  t.equal(l.sightings[0]?.nonce, nonceOf(1), 'the oldest went first')
})

t.test('listen errors carry the system code; close twice is fine', async (t) => {
  const blocker = await udpServer(t, () => {})
  await t.rejects(startUdpListener({ bind: '127.0.0.1', port: blocker.address().port, key }), { code: 'EADDRINUSE' })
  await t.rejects(startUdpListener({ bind: '192.0.2.123', port: 0, key }), { code: 'EADDRNOTAVAIL' })
  const l = await startUdpListener({ bind: '127.0.0.1', port: 0, key })
  t.equal(l.address, '127.0.0.1')
  t.ok(l.port > 0)
  await l.close()
  await l.close()
})

// --- replySource ----------------------------------------------------------------------------

t.test('replySource: the address the route to a peer leaves from', async (t) => {
  t.equal(await replySource('127.0.0.1', 9), '127.0.0.1')
  t.equal(await replySource('::1', 9), '::1')
  t.equal(await replySource('::ffff:127.0.0.1', 9), '127.0.0.1', 'normalised')
  await t.rejects(replySource('255.255.255.255', 9), { code: 'EACCES' }, 'broadcast without SO_BROADCAST')
  await t.rejects(replySource('127.0.0.1', 0), { code: 'ERR_SOCKET_BAD_PORT' })
})
