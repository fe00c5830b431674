// Benchmark baseline: the least a probe must do, as a bare script: listen, one echo GET, one TCP connect.
// Usage (inside a lab host): node bench-baseline.mjs undici|http ECHO_URL PUBLIC_IP PORT TIMEOUT_MS
// `undici` GETs with undici's request(), the client the tool must use; `http` with node:http, for reference.
import { connect, createServer } from 'node:net'

const [client, echoUrl, publicIp, port, timeoutMs] = process.argv.slice(2)
const server = createServer((s) => s.end()).listen(Number(port), '0.0.0.0')

async function getOnce() {
  if (client === 'undici') {
    const { request } = await import('undici')
    const res = await request(echoUrl)
    return res.body.text()
  }
  const { get } = await import('node:http')
  return new Promise((resolve, reject) => {
    get(echoUrl, (res) => {
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve(body))
    }).on('error', reject)
  })
}

await getOnce()
const socket = connect({ host: publicIp, port: Number(port), family: 4 })
const done = (what) => {
  clearTimeout(timer)
  socket.destroy()
  server.close()
  process.stdout.write(`${what}\n`)
}
const timer = setTimeout(() => done('timeout'), Number(timeoutMs))
socket.on('connect', () => done('connected'))
socket.on('error', (e) => done(e.code))
