// Lab attacker for strangers.test.ts: plays one hostile or clueless client against a listener and prints one JSON line of what it saw.
import { createConnection } from 'node:net'
import { createSocket } from 'node:dgram'
import { randomBytes } from 'node:crypto'

// Usage (each prints exactly one JSON line on stdout, then exits 0):
//   node stranger.mjs wait-open HOST PORT [TRIES]
//       connects every 50 ms until a connect succeeds (then closes it at once) or TRIES attempts
//       failed: {open, attempts, lastError}
//   node stranger.mjs tcp BEHAVIOUR HOST PORT [--src ADDR] [--wait MS]
//       BEHAVIOUR: silent | http | random | slowloris | forged | replay
//       {behaviour, connections: [Conn]}   (replay: two connections, the same hello on each)
//   node stranger.mjs flood HOST PORT N [--src A,B,…] [--wait MS] [--until-eof]
//       N connections at once, each sending nothing, source addresses round-robin; with
//       --until-eof N are kept in flight (each one closed is replaced) until stdin closes.
//       {attempted, connected, refused, errors, bytesReceived, closedByPeer, closedByUs, openAtStop}
//   node stranger.mjs udp KIND HOST PORT COUNT [--src ADDR] [--wait MS]
//       KIND: garbage | nonce | oversize; COUNT datagrams from one connected socket, then waits
//       MS for answers: {kind, sent, answers, bytesReceived, errors}
//
// Conn: {connected, sent (bytes written), bytesReceived, closedBy: 'peer'|'us', how, error}
//   closedBy 'peer': the other side ended it first (how 'fin': FIN; 'reset': ECONNRESET/EPIPE;
//   'reset-before-connect': reset before node saw the connect complete, connected stays false);
//   closedBy 'us': nothing came from the other side within --wait MS (how 'timeout'), or the
//   connect itself failed (how 'refused' / 'error').
// --wait is a safety net against a listener that never closes, not a measurement.

const PROTOCOL = 'HAIRPIN-CHECK/1'
const args = process.argv.slice(2)
const mode = args[0]

function opt(name, fallback) {
  const i = args.indexOf(name)
  return i === -1 ? fallback : args[i + 1]
}
const flag = (name) => args.includes(name)
const done = (result) => {
  process.stdout.write(`${JSON.stringify(result)}\n`)
  process.exit(0)
}
const hello = (nonce) => `${PROTOCOL} ${nonce}\n`
const randomNonce = () => randomBytes(16).toString('hex')

/**
 * One TCP connection: `script(state)` runs once connected; resolves with a Conn record when the
 * peer ends it, the connect fails, or `waitMs` passes without a word from the peer. The promise
 * has `abort()`: we close it ourselves (how 'stopped').
 */
function connection(host, port, src, waitMs, script) {
  let abort
  const p = new Promise((resolve) => {
    const state = { connected: false, sent: 0, bytesReceived: 0, closedBy: null, how: null, error: null }
    const timers = []
    const socket = createConnection({ host, port, family: 4, ...(src ? { localAddress: src } : {}) })
    const finish = (closedBy, how, error = null) => {
      if (state.closedBy !== null) return
      Object.assign(state, { closedBy, how, error })
      for (const t of timers) clearTimeout(t)
      socket.destroy()
      resolve(state)
    }
    abort = () => finish('us', 'stopped')
    const api = {
      write(data) {
        if (state.closedBy !== null || socket.destroyed) return
        const buf = Buffer.from(data, 'latin1')
        state.sent += buf.length
        socket.write(buf, () => {})
      },
      close: () => finish('us', 'closed'),
      every(ms, f) {
        timers.push(setInterval(f, ms))
      },
    }
    timers.push(setTimeout(() => finish('us', 'timeout'), waitMs))
    socket.on('connect', () => {
      state.connected = true
      script(api)
    })
    socket.on('data', (d) => (state.bytesReceived += d.length))
    socket.on('end', () => finish('peer', 'fin'))
    socket.on('error', (err) => {
      const code = err.code ?? 'ERR'
      // A reset while node still waits for the connect to complete: the handshake did complete
      // (a SYN is refused, not reset), and the peer then reset the connection.
      if (!state.connected && code === 'ECONNRESET') finish('peer', 'reset-before-connect', code)
      else if (!state.connected) finish('us', code === 'ECONNREFUSED' ? 'refused' : 'error', code)
      else if (code === 'ECONNRESET' || code === 'EPIPE') finish('peer', 'reset', code)
      else finish('us', 'error', code)
    })
    socket.on('close', () => finish('peer', 'fin')) // only when nothing above decided first
  })
  p.abort = () => abort()
  return p
}

async function tcpBehaviour(behaviour, host, port, src, waitMs) {
  const one = (script) => connection(host, port, src, waitMs, script)
  switch (behaviour) {
    case 'silent':
      return [await one(() => {})]
    case 'http':
      return [await one((s) => s.write('GET / HTTP/1.1\r\nHost: 203.0.113.7:8443\r\nUser-Agent: stranger\r\nAccept: */*\r\n\r\n'))]
    case 'random':
      return [await one((s) => s.write(randomBytes(1024).toString('latin1')))]
    case 'slowloris': {
      // An almost valid hello, one byte every 200 ms: the whole line would take about 10 s.
      const line = hello(randomNonce())
      return [
        await one((s) => {
          let i = 0
          s.every(200, () => {
            if (i < line.length) s.write(line[i++])
          })
        }),
      ]
    }
    case 'forged':
      // A hello with a nonce the listener never issued, then a made-up proof line for good measure.
      return [await one((s) => s.write(`${hello(randomNonce())}${PROTOCOL} OK 192.168.77.20 40000 192.168.77.10 ${'0'.repeat(64)}\n`))]
    case 'replay': {
      // The same well-formed hello on two connections, one after the other.
      const line = hello(randomNonce())
      const first = await one((s) => s.write(line))
      const second = await one((s) => s.write(line))
      return [first, second]
    }
    default:
      throw new Error(`unknown behaviour ${behaviour}`)
  }
}

async function flood(host, port, n, sources, waitMs, untilEof) {
  const r = { attempted: 0, connected: 0, refused: 0, errors: {}, bytesReceived: 0, closedByPeer: 0, closedByUs: 0, openAtStop: 0 }
  let stopping = false
  const live = new Set()
  let next = 0
  const tally = (c) => {
    if (c.connected) r.connected++
    r.bytesReceived += c.bytesReceived
    if (c.how === 'refused') r.refused++
    else if (c.closedBy === 'peer') r.closedByPeer++
    else if (c.how === 'stopped') r.openAtStop++
    else r.closedByUs++
    if (c.error && c.how !== 'refused') r.errors[c.error] = (r.errors[c.error] ?? 0) + 1
  }
  const launch = () => {
    if (stopping) return
    const src = sources.length ? sources[next++ % sources.length] : undefined
    r.attempted++
    const conn = connection(host, port, src, waitMs, () => {})
    live.add(conn)
    return conn.then((c) => {
      live.delete(conn)
      tally(c)
      // Kept in flight: a refused one (nothing listens yet, or any more) is retried after a breath.
      if (untilEof && !stopping) setTimeout(launch, c.how === 'refused' ? 100 : 0)
    })
  }
  const first = Array.from({ length: n }, launch)
  if (!untilEof) {
    await Promise.all(first)
    return r
  }
  await new Promise((resolve) => {
    process.stdin.on('end', resolve)
    process.stdin.on('error', resolve)
    process.stdin.resume()
  })
  stopping = true
  const last = [...live]
  for (const c of last) c.abort()
  await Promise.all(last)
  await new Promise((resolve) => setImmediate(resolve))
  return r
}

function udp(kind, host, port, count, src, waitMs) {
  return new Promise((resolve) => {
    const r = { kind, sent: 0, answers: 0, bytesReceived: 0, errors: {} }
    const sock = createSocket('udp4')
    sock.on('message', (msg) => {
      r.answers++
      r.bytesReceived += msg.length
    })
    sock.on('error', (err) => {
      const code = err.code ?? 'ERR'
      r.errors[code] = (r.errors[code] ?? 0) + 1
    })
    const payload = () => {
      if (kind === 'garbage') return Buffer.concat([Buffer.from('GET / HTTP/1.1\r\n\r\n'), randomBytes(16)])
      if (kind === 'nonce') return Buffer.from(hello(randomNonce()))
      return Buffer.from(`${hello(randomNonce())}${'A'.repeat(1000)}`) // oversize
    }
    sock.bind(0, src, () => {
      sock.connect(port, host, () => {
        let i = 0
        const send = () => {
          if (i++ >= count) {
            setTimeout(() => {
              sock.close()
              resolve(r)
            }, waitMs)
            return
          }
          sock.send(payload(), (err) => {
            if (err) r.errors[err.code ?? 'ERR'] = (r.errors[err.code ?? 'ERR'] ?? 0) + 1
            else r.sent++
            setTimeout(send, 10)
          })
        }
        send()
      })
    })
  })
}

async function waitOpen(host, port, tries) {
  let lastError = null
  for (let attempt = 1; attempt <= tries; attempt++) {
    const c = await connection(host, port, undefined, 2000, (s) => s.close())
    if (c.connected) return { open: true, attempts: attempt, lastError }
    lastError = c.error ?? c.how
    await new Promise((r) => setTimeout(r, 50))
  }
  return { open: false, attempts: tries, lastError }
}

if (mode === 'wait-open') {
  done(await waitOpen(args[1], Number(args[2]), Number(args[3] ?? 400)))
} else if (mode === 'tcp') {
  const [, behaviour, host, port] = args
  done({ behaviour, connections: await tcpBehaviour(behaviour, host, Number(port), opt('--src'), Number(opt('--wait', 5000))) })
} else if (mode === 'flood') {
  const [, host, port, n] = args
  const sources = (opt('--src', '') ?? '').split(',').filter(Boolean)
  done(await flood(host, Number(port), Number(n), sources, Number(opt('--wait', 5000)), flag('--until-eof')))
} else if (mode === 'udp') {
  const [, kind, host, port, count] = args
  done(await udp(kind, host, Number(port), Number(count), opt('--src'), Number(opt('--wait', 500))))
} else {
  process.stderr.write('usage: stranger.mjs wait-open HOST PORT [TRIES] | tcp BEHAVIOUR HOST PORT | flood HOST PORT N | udp KIND HOST PORT COUNT\n')
  process.exit(mode === undefined ? 0 : 2)
}
