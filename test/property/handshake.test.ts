// A bounded fuzz of the handshake: parseHello and verifyProof on arbitrary lines, and a real
// listener on 127.0.0.1 fed random byte sequences in random chunks. Only a connection carrying an
// expected nonce is answered (once per nonce); every other gets zero bytes and is counted as a
// stranger. Deterministic: PROPERTY_SEED picks the seed (printed on failure), PROPERTY_RUNS may
// raise the number of runs. No assertion is about time; waits are bounded only to never hang.

import t from 'tap'
import fc from 'fast-check'
import { connect } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { startListener, type HairpinListener } from '../../src/net/listener.js'
import { helloLine, MAX_HELLO_BYTES, NONCE_BYTES, parseHello, proofLine, PROTOCOL, verifyProof, type Proof } from '../../src/net/proof.js'
import { holds } from '../support/property.js'

// --- generators ---

const key = Buffer.alloc(32, 0x5a)
const otherKey = Buffer.alloc(32, 0xa5)

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')
const nonceArb = fc.uint8Array({ minLength: NONCE_BYTES, maxLength: NONCE_BYTES }).map(hex)
const HELLO = new RegExp(`^HAIRPIN-CHECK/1 ([0-9a-f]{${NONCE_BYTES * 2}})$`)

/** One-character edits of a good line: the near misses a parser must not wave through. */
function nearMisses(line: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.nat({ max: Math.max(0, line.length - 1) }).map((i) => line.slice(0, i) + line.slice(i + 1)), // drop a character
    fc.tuple(fc.nat({ max: line.length }), fc.constantFrom(' ', '\t', '\r', '\n', '\u0000', 'a', 'A', '0', '/', '\u00a0', '٠')).map(([i, c]) => line.slice(0, i) + c + line.slice(i)), // insert
    fc.tuple(fc.nat({ max: Math.max(0, line.length - 1) }), fc.constantFrom('A', 'F', 'g', '0', ' ', '.', ':')).map(([i, c]) => line.slice(0, i) + c + line.slice(i + 1)), // replace
    fc.constantFrom(line.toUpperCase(), line.toLowerCase(), `${line}\r`, ` ${line}`, `${line} `, line.replace(' ', '  '), line.replace(/ /g, '\t')),
  )
}

const helloLike = fc.oneof(
  nonceArb.map((n) => `${PROTOCOL} ${n}`),
  nonceArb.chain((n) => nearMisses(`${PROTOCOL} ${n}`)),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.uint8Array({ maxLength: 60 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.tuple(fc.constantFrom(PROTOCOL, 'HAIRPIN-CHECK/2', 'hairpin-check/1', ''), fc.string({ unit: 'binary-ascii', maxLength: 40 })).map(([p, s]) => `${p} ${s}`),
)

const octet = fc.integer({ min: 0, max: 255 })
const seenArb: fc.Arbitrary<Proof> = fc.record({
  peer: fc.oneof(fc.ipV4(), fc.ipV6(), fc.tuple(octet, octet).map(([a, b]) => `192.168.${a}.${b}`)),
  peerPort: fc.integer({ min: 0, max: 65535 }),
  local: fc.oneof(fc.ipV4(), fc.ipV6()),
})

// --- parseHello and verifyProof ---

t.test('parseHello: total, and only the exact form', async (t) => {
  await holds(
    t,
    'any line: never throws; a nonce exactly for "HAIRPIN-CHECK/1 <32 lower-case hex>"',
    fc.property(helloLike, (line) => {
      const nonce = parseHello(line)
      const m = HELLO.exec(line)
      if (m === null) return nonce === null
      return nonce === m[1]
    }),
    3000,
  )
  await holds(
    t,
    'round trip: helloLine without its newline parses back to the nonce',
    fc.property(nonceArb, (n) => {
      const line = helloLine(n)
      return line.endsWith('\n') && Buffer.byteLength(line) === MAX_HELLO_BYTES && parseHello(line.slice(0, -1)) === n
    }),
    500,
  )
})

/** Lines around a real proof: the proof itself, near misses of it, and noise. */
function proofLike(nonce: string, seen: Proof): fc.Arbitrary<string> {
  const good = proofLine(key, nonce, seen).slice(0, -1)
  const parts = good.split(' ')
  return fc.oneof(
    fc.constant(good),
    nearMisses(good),
    fc.constant(proofLine(otherKey, nonce, seen).slice(0, -1)),
    // The same observation written another way: leading zeros on the port, an upper-case MAC.
    fc.constant([...parts.slice(0, 3), `0${parts[3]}`, ...parts.slice(4)].join(' ')),
    fc.constant([...parts.slice(0, 5), parts[5]!.toUpperCase()].join(' ')),
    fc.string({ maxLength: 120 }),
    fc.string({ unit: 'binary', maxLength: 120 }),
    fc.tuple(fc.array(fc.string({ maxLength: 12 }), { minLength: 6, maxLength: 6 })).map(([p]) => p.join(' ')),
  )
}

t.test('verifyProof: total, and only the exact line proofLine writes', async (t) => {
  const case_ = fc.tuple(nonceArb, seenArb).chain(([nonce, seen]) => fc.tuple(fc.constant(nonce), fc.constant(seen), proofLike(nonce, seen), fc.boolean()))
  await holds(
    t,
    'any line: never throws; accepted only when it is byte for byte proofLine(key, nonce, what it says)',
    fc.property(case_, ([nonce, , line, otherNonce]) => {
      const asked = otherNonce ? nonce.split('').reverse().join('') : nonce
      const proof = verifyProof(key, asked, line)
      if (proof === null) return true
      return `${line}\n` === proofLine(key, asked, proof)
    }),
    3000,
  )
  // A regression property: verifyProof once checked the MAC over Number(portText), so "07" verified
  // as port 7, a form proofLine never writes (fixed in 77b8748).
  await holds(
    t,
    'a proof with the port written with leading zeros is not the line proofLine writes, and is refused',
    fc.property(nonceArb, seenArb, fc.integer({ min: 1, max: 4 }), (nonce, seen, zeros) => {
      const parts = proofLine(key, nonce, seen).slice(0, -1).split(' ')
      const padded = `${'0'.repeat(zeros)}${parts[3]}`
      fc.pre(padded.length <= 5) // longer is refused by the 1-5 digit rule already
      return verifyProof(key, nonce, [...parts.slice(0, 3), padded, ...parts.slice(4)].join(' ')) === null
    }),
    300,
  )
  await holds(
    t,
    'what proofLine writes verifies, with exactly what was seen; another key or nonce does not',
    fc.property(nonceArb, nonceArb, seenArb, (nonce, other, seen) => {
      const line = proofLine(key, nonce, seen).slice(0, -1)
      const ok = JSON.stringify(verifyProof(key, nonce, line)) === JSON.stringify(seen)
      return ok && verifyProof(otherKey, nonce, line) === null && (other === nonce || verifyProof(key, other, line) === null)
    }),
    1000,
  )
})

// --- a real listener ---

/** What one fuzz connection sends, and what should come of it. */
type Send =
  | { kind: 'random'; bytes: Uint8Array } // noise; the client ends its side after sending
  | { kind: 'wrong-nonce'; nonce: string } // a well-formed hello nobody expects
  | { kind: 'right'; which: number } // the exact hello with an expected nonce: the only thing ever answered
  | { kind: 'right-then-more'; which: number; more: Uint8Array } // hello plus bytes in the same packet
  | { kind: 'noise-then-right'; which: number; noise: Uint8Array } // bytes, then the hello
  | { kind: 'malformed'; which: number; line: string } // a near miss of the right hello, newline-terminated
  | { kind: 'long'; bytes: Uint8Array } // at least MAX_HELLO_BYTES without a newline
  | { kind: 'empty' } // connects and ends at once
  | { kind: 'right-cut'; which: number; cut: number } // the right hello cut short, then the client ends

interface Conn {
  send: Send
  /** Where the payload is cut into separate writes (fractions of its length). */
  cuts: number[]
}

const EXPECTED_NONCES = 2

const sendArb: fc.Arbitrary<Send> = fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ maxLength: 120 }).map((bytes) => ({ kind: 'random' as const, bytes })) },
  { weight: 2, arbitrary: nonceArb.map((nonce) => ({ kind: 'wrong-nonce' as const, nonce })) },
  { weight: 3, arbitrary: fc.nat({ max: EXPECTED_NONCES - 1 }).map((which) => ({ kind: 'right' as const, which })) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.nat({ max: EXPECTED_NONCES - 1 }), fc.uint8Array({ minLength: 1, maxLength: 40 })).map(([which, more]) => ({ kind: 'right-then-more' as const, which, more })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.nat({ max: EXPECTED_NONCES - 1 }), fc.uint8Array({ minLength: 1, maxLength: 40 })).map(([which, noise]) => ({ kind: 'noise-then-right' as const, which, noise })),
  },
  {
    weight: 2,
    arbitrary: fc.nat({ max: EXPECTED_NONCES - 1 }).chain((which) =>
      nearMisses(`${PROTOCOL} ${'0'.repeat(NONCE_BYTES * 2)}`)
        .filter((line) => line !== `${PROTOCOL} ${'0'.repeat(NONCE_BYTES * 2)}`) // an edit that changed nothing is the right hello
        .map((line) => ({ kind: 'malformed' as const, which, line })),
    ),
  },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: MAX_HELLO_BYTES, maxLength: 200 }).map((bytes) => ({ kind: 'long' as const, bytes })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.nat({ max: EXPECTED_NONCES - 1 }), fc.nat({ max: MAX_HELLO_BYTES - 1 })).map(([which, cut]) => ({ kind: 'right-cut' as const, which, cut })),
  },
)

const connArb: fc.Arbitrary<Conn> = fc.record({ send: sendArb, cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }) })

/** The bytes a connection sends, where its hello's newline is (or -1), and whether it ends its side after. */
function payloadOf(send: Send, nonces: readonly string[]): { bytes: Buffer; newlineAt: number; end: boolean } {
  const hello = (which: number): Buffer => Buffer.from(helloLine(nonces[which]!), 'latin1')
  switch (send.kind) {
    case 'random':
      return { bytes: Buffer.from(send.bytes), newlineAt: -1, end: true }
    case 'wrong-nonce':
      return { bytes: Buffer.from(helloLine(send.nonce), 'latin1'), newlineAt: -1, end: false }
    case 'right':
      return { bytes: hello(send.which), newlineAt: -1, end: false }
    case 'right-then-more': {
      const h = hello(send.which)
      return { bytes: Buffer.concat([h, Buffer.from(send.more)]), newlineAt: h.length - 1, end: false }
    }
    case 'noise-then-right':
      return { bytes: Buffer.concat([Buffer.from(send.noise), hello(send.which)]), newlineAt: -1, end: false }
    case 'malformed': {
      // The near miss was made of a zero nonce: put the real one in, so only the edit stands between it and an answer.
      const line = send.line.replace('0'.repeat(NONCE_BYTES * 2), nonces[send.which]!)
      return { bytes: Buffer.from(`${line}\n`, 'latin1'), newlineAt: -1, end: true }
    }
    case 'long':
      return { bytes: Buffer.from(send.bytes.map((b) => (b === 0x0a ? 0x20 : b))), newlineAt: -1, end: false }
    case 'empty':
      return { bytes: Buffer.alloc(0), newlineAt: -1, end: true }
    case 'right-cut':
      return { bytes: hello(send.which).subarray(0, send.cut), newlineAt: -1, end: true }
  }
}

/** Cuts a payload into chunks; never right after the hello's newline, so the bytes after it arrive with it. */
function chunksOf(bytes: Buffer, cuts: readonly number[], newlineAt: number): Buffer[] {
  const at = [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))]
    .filter((i) => i > 0 && i < bytes.length && i !== newlineAt + 1)
    .sort((a, b) => a - b)
  const chunks: Buffer[] = []
  let from = 0
  for (const i of [...at, bytes.length]) {
    chunks.push(bytes.subarray(from, i))
    from = i
  }
  return chunks.filter((c) => c.length > 0)
}

/** Longest a fuzz connection may stay open before the test gives up on it (a hang is a failure, not a wait). */
const HANG_MS = 10_000

/** Connects, writes the chunks one by one (a millisecond apart), optionally ends, and collects all bytes until close. */
function converse(port: number, chunks: readonly Buffer[], end: boolean): Promise<Buffer | 'hung'> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    const got: Buffer[] = []
    const hang = setTimeout(() => {
      socket.destroy()
      resolve('hung')
    }, HANG_MS)
    socket.on('data', (d: Buffer) => got.push(d))
    socket.on('error', () => {}) // a stranger is closed, maybe reset, mid-write: expected
    socket.on('close', () => {
      clearTimeout(hang)
      resolve(Buffer.concat(got))
    })
    socket.on('connect', () => {
      void (async () => {
        for (const [i, chunk] of chunks.entries()) {
          if (socket.destroyed) return
          socket.write(chunk)
          if (i < chunks.length - 1) await sleep(1)
        }
        if (end && !socket.destroyed) socket.end()
      })()
    })
  })
}

/** Waits until `done()` holds or `maxMs` has passed (the listener counts a stranger on its own close, a moment after ours). */
async function settle(done: () => boolean, maxMs: number): Promise<void> {
  for (let waited = 0; !done() && waited < maxMs; waited += 5) await sleep(5)
}

/** A deadline well above any loopback round trip, so a loaded machine never turns our own hello into a stranger. */
const FUZZ_HELLO_DEADLINE_MS = 800
const FUZZ_RUNS = 150

t.test('a real listener under random bytes in random chunks', async (t) => {
  const batch = fc.record({
    nonces: fc.uniqueArray(nonceArb, { minLength: EXPECTED_NONCES, maxLength: EXPECTED_NONCES }),
    conns: fc.array(connArb, { minLength: 1, maxLength: 5 }),
  })
  let connections = 0
  let answered = 0
  await holds(
    t,
    'answers only an exact expected hello, once per nonce; zero bytes and a stranger for every other connection',
    fc.asyncProperty(batch, async ({ nonces, conns }) => {
      const l: HairpinListener = await startListener({ bind: '127.0.0.1', port: 0, key, helloDeadlineMs: FUZZ_HELLO_DEADLINE_MS })
      try {
        for (const n of nonces) l.expect(n)
        const plans = conns.map((c) => ({ c, ...payloadOf(c.send, nonces) }))
        // A wrong nonce that happens to be an expected one is a right hello.
        for (const p of plans) if (p.c.send.kind === 'wrong-nonce' && nonces.includes(p.c.send.nonce)) throw new Error('generator: wrong nonce is expected')
        const got = await Promise.all(plans.map((p) => converse(l.port, chunksOf(p.bytes, p.c.cuts, p.newlineAt), p.end)))
        connections += conns.length

        // Which nonces may be answered: those some connection sent exactly, each at most once.
        const rightFor = new Map<string, number>()
        for (const p of plans) if (p.c.send.kind === 'right') rightFor.set(nonces[p.c.send.which]!, (rightFor.get(nonces[p.c.send.which]!) ?? 0) + 1)
        const answeredNonces = new Map<string, number>()
        got.forEach((bytes, i) => {
          const send = plans[i]!.c.send
          if (bytes === 'hung') throw new Error(`connection ${i} (${send.kind}) never closed`)
          if (bytes.length === 0) return
          if (send.kind !== 'right') throw new Error(`connection ${i} (${send.kind}) got ${bytes.length} bytes: ${JSON.stringify(bytes.toString('latin1'))}`)
          const nonce = nonces[send.which]!
          const text = bytes.toString('latin1')
          if (!text.endsWith('\n') || text.indexOf('\n') !== text.length - 1) throw new Error(`answer is not one line: ${JSON.stringify(text)}`)
          const proof = verifyProof(key, nonce, text.slice(0, -1))
          if (proof === null || proof.peer !== '127.0.0.1' || proof.local !== '127.0.0.1') throw new Error(`answer is not a proof for the nonce: ${JSON.stringify(text)}`)
          answeredNonces.set(nonce, (answeredNonces.get(nonce) ?? 0) + 1)
        })
        for (const [nonce, count] of answeredNonces) if (count !== 1) throw new Error(`nonce ${nonce} answered ${count} times`)
        for (const nonce of rightFor.keys()) if (!answeredNonces.has(nonce)) throw new Error(`the expected hello for ${nonce} got nothing`)

        const proven = answeredNonces.size
        answered += proven
        await settle(() => l.strangers >= conns.length - proven, 5000)
        if (l.strangers !== conns.length - proven) throw new Error(`strangers ${l.strangers}, expected ${conns.length - proven}`)
        if (l.sightings.length !== proven) throw new Error(`sightings ${l.sightings.length}, expected ${proven}`)
        if (!l.sightings.every((s) => nonces.includes(s.nonce))) throw new Error('a sighting for a nonce that was never expected')

        // Still alive, and no stranger used a nonce up: every expected nonce not yet answered is answered now.
        for (const nonce of nonces.filter((n) => !answeredNonces.has(n))) {
          const after = await converse(l.port, [Buffer.from(helloLine(nonce), 'latin1')], false)
          if (after === 'hung' || verifyProof(key, nonce, after.toString('latin1').trimEnd()) === null) throw new Error(`nonce ${nonce} no longer answered after the batch`)
        }
        // And one answered already stays used: a replay gets nothing.
        for (const nonce of answeredNonces.keys()) {
          const replay = await converse(l.port, [Buffer.from(helloLine(nonce), 'latin1')], false)
          if (replay === 'hung' || replay.length !== 0) throw new Error(`a replay of ${nonce} was answered`)
        }
      } finally {
        await l.close()
      }
    }),
    FUZZ_RUNS,
    { shrink: false },
  )
  t.comment(`${connections} fuzz connections, ${answered} answered`)
})

t.test('a real listener: connections that never finish a hello are strangers after the deadline', async (t) => {
  // Partial hellos (the right one cut short, noise without a newline) and silence, held open.
  const partial = fc.oneof(
    fc.nat({ max: MAX_HELLO_BYTES - 2 }).map((n) => ({ cut: n, noise: null as Uint8Array | null })),
    fc.uint8Array({ maxLength: MAX_HELLO_BYTES - 1 }).map((noise) => ({ cut: 0, noise: noise.map((b) => (b === 0x0a ? 0x20 : b)) })),
  )
  await holds(
    t,
    'zero bytes and one stranger each',
    fc.asyncProperty(nonceArb, fc.array(partial, { minLength: 1, maxLength: 4 }), async (nonce, partials) => {
      const l = await startListener({ bind: '127.0.0.1', port: 0, key, helloDeadlineMs: 50 })
      try {
        l.expect(nonce)
        const hello = Buffer.from(helloLine(nonce), 'latin1')
        const got = await Promise.all(partials.map((p) => converse(l.port, [p.noise === null ? hello.subarray(0, p.cut) : Buffer.from(p.noise)].filter((b) => b.length > 0), false)))
        for (const [i, bytes] of got.entries()) {
          if (bytes === 'hung') throw new Error(`connection ${i} was never closed`)
          if (bytes.length !== 0) throw new Error(`connection ${i} got ${bytes.length} bytes`)
        }
        await settle(() => l.strangers >= partials.length, 5000)
        if (l.strangers !== partials.length) throw new Error(`strangers ${l.strangers}, expected ${partials.length}`)
        if (l.sightings.length !== 0) throw new Error('a partial hello was proven')
      } finally {
        await l.close()
      }
    }),
    25,
    { shrink: false },
  )
})
