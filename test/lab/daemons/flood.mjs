// Lab flooder: opens many connections to HOST:PORT for a while, as scanners and bots do, and reports what came back.
import { connect } from 'node:net'

// Usage: node flood.mjs HOST PORT CONCURRENCY DURATION_MS [garbage]
//   Keeps CONCURRENCY connections open at once for DURATION_MS, each sending nothing (or random
//   bytes with "garbage"), opening a new one whenever one closes. Prints one JSON line at the end:
//   {opened, connected, closedByPeer, bytesReceived, errors, inputs} — opened counts attempts
//   (refused ones too), connected the ones a listener accepted, inputs the payloads sent.
if (process.argv.length <= 2) {
  // Run bare (e.g. `tap test/lab/` runs every file in the folder): say how to use it and do nothing.
  process.stderr.write('usage: flood.mjs HOST PORT CONCURRENCY DURATION_MS [garbage]\n')
  process.exit(0)
}
const [host, portText, concurrencyText, durationText, mode] = process.argv.slice(2)
const port = Number(portText)
const concurrency = Number(concurrencyText)
const duration = Number(durationText)
if (!host || !(port > 0) || !(concurrency > 0) || !(duration > 0)) {
  process.stderr.write('usage: flood.mjs HOST PORT CONCURRENCY DURATION_MS [garbage]\n')
  process.exit(2)
}
const stats = { opened: 0, connected: 0, closedByPeer: 0, bytesReceived: 0, errors: 0, inputs: 0 }
const until = Date.now() + duration
let live = 0

function open() {
  if (Date.now() >= until) return
  live++
  stats.opened++
  const s = connect({ host, port })
  let mine = false
  s.on('connect', () => {
    stats.connected++
    if (mode === 'garbage') {
      const n = 1 + Math.floor(Math.random() * 200)
      s.write(Buffer.from(Array.from({ length: n }, () => Math.floor(Math.random() * 256))))
      stats.inputs++
    }
  })
  s.on('data', (d) => (stats.bytesReceived += d.length))
  s.on('error', () => stats.errors++)
  s.on('end', () => {
    if (!mine) stats.closedByPeer++
  })
  s.on('close', () => {
    live--
    setImmediate(open)
  })
  // Never hold a connection past the end: close it ourselves then (not counted as the peer's doing).
  setTimeout(() => {
    mine = true
    s.destroy()
  }, Math.max(0, until - Date.now())).unref()
}

for (let i = 0; i < concurrency; i++) open()
const done = setInterval(() => {
  if (Date.now() >= until && live === 0) {
    clearInterval(done)
    process.stdout.write(`${JSON.stringify(stats)}\n`)
  }
}, 50)
