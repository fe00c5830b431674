// Checks the namespace lab itself, without the CLI: echo services, each router setup's raw behaviour, cleanup.
import t from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, resolve } from 'node:path'
import { buildLab, LAB, pidAlive, SETUPS, sweepStaleLabs, type Lab, type LabHost, type SetupName } from './lab.js'
import { labSkip, labTest } from './tap-lab.js'

const HERE = dirname(fileURLToPath(import.meta.url))
const RAW_PROBE = resolve(HERE, 'raw-probe.mjs')
const LAB_MODULE = resolve(HERE, 'lab.ts')

// Connect timeout for the raw checks: the silent setup must time out, the others answer in milliseconds.
const RAW_TIMEOUT_MS = 1500
// How long the interrupted child process may take to build its lab and say so.
const CHILD_READY_MS = 20_000

function namespaces(): string[] {
  const r = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' })
  return (r.stdout ?? '').split('\n').map((l) => l.split(' ')[0] ?? '').filter(Boolean)
}

const alive = pidAlive

/** Asks both echo services from a host, with a node one-liner (no curl in the lab). */
async function askEcho(lab: Lab, host: LabHost): Promise<{ text: string; json: unknown }> {
  const code = `
    const [u1, u2] = process.argv.slice(1)
    const text = await (await fetch(u1)).text()
    const json = await (await fetch(u2)).json()
    console.log(JSON.stringify({ text, json }))`
  const r = await lab.exec(host, [process.execPath, '--input-type=module', '-e', code, ...LAB.echoUrls], { timeoutMs: 10_000 })
  if (r.code !== 0) throw new Error(`echo query from ${host} failed: ${r.stderr}`)
  return JSON.parse(r.stdout)
}

t.test('echo services see the router public IP from both LAN hosts', labSkip(), async (t) => {
  await labTest(t, 'reflect-masq', async (t, lab) => {
    for (const host of ['a', 'b'] as const) {
      const got = await askEcho(lab, host)
      t.equal(got.text, `${LAB.publicIp}\n`, `${host}: /ip is plain text`)
      t.same(got.json, { ip: LAB.publicIp }, `${host}: /json`)
    }
  })
})

/** What raw-probe's client sees connecting to the public IP:port, with raw-probe's listener on host A. */
interface RawExpect {
  outcome: string
  peer: string | null
}
const RAW: Record<SetupName, RawExpect> = {
  'reflect-masq': { outcome: 'ok', peer: LAB.gateway },
  'wan-only': { outcome: 'refused', peer: null },
  'dnat-no-snat': { outcome: 'timeout', peer: null },
  'snat-public': { outcome: 'ok', peer: LAB.publicIp },
  'router-service': { outcome: 'wrong-service', peer: null },
  'reject-unreachable': { outcome: 'unreachable', peer: null },
}

t.test('each router setup behaves as designed (raw sockets, from A and from B)', labSkip(), async (t) => {
  for (const setup of SETUPS) {
    await labTest(t, setup, async (t, lab) => {
      await lab.spawnBackground('a', [process.execPath, RAW_PROBE, 'listen', String(LAB.port)], { waitFor: 'listening' })
      const connect = (host: LabHost) =>
        lab.exec(host, [process.execPath, RAW_PROBE, 'connect', LAB.publicIp, String(LAB.port), String(RAW_TIMEOUT_MS)])
      const results = await Promise.all([connect('a'), connect('b')])
      for (const [i, host] of (['a', 'b'] as const).entries()) {
        const r = JSON.parse(results[i]!.stdout)
        t.equal(r.outcome, RAW[setup].outcome, `${host}: outcome`)
        t.equal(r.peer, RAW[setup].peer, `${host}: peer seen by the listener`)
        if (setup === 'router-service') t.match(r.answer, /^HTTP\/1\.1 400 Bad Request/, `${host}: the router's page`)
      }
      // The LAN itself is fine in every setup: B reaches A directly and A sees B.
      const direct = JSON.parse(
        (await lab.exec('b', [process.execPath, RAW_PROBE, 'connect', LAB.hostA, String(LAB.port), String(RAW_TIMEOUT_MS)])).stdout,
      )
      t.same([direct.outcome, direct.peer], ['ok', LAB.hostB], 'B to A directly')
    })
  }
})

t.test('destroy removes the namespaces and kills what the lab started', labSkip(), async (t) => {
  const lab = await buildLab('router-service')
  t.teardown(() => lab.destroy())
  const names = Object.values(lab.names)
  t.same(names.filter((n) => namespaces().includes(n)).sort(), [...names].sort(), 'all four namespaces exist')
  const listener = await lab.spawnBackground('a', [process.execPath, RAW_PROBE, 'listen', String(LAB.port)], { waitFor: 'listening' })
  const pids = names.flatMap((n) => spawnSync('ip', ['netns', 'pids', n], { encoding: 'utf8' }).stdout.split(/\s+/).filter(Boolean).map(Number))
  t.ok(pids.length >= 3, 'echo server, router service and listener run inside the lab')
  t.ok(pids.includes(listener.pid!), 'spawnBackground keeps the real pid (ip netns exec execs)')
  await lab.destroy()
  t.same(names.filter((n) => namespaces().includes(n)), [], 'namespaces gone')
  t.same(pids.filter(alive), [], 'processes gone')
  await lab.destroy() // idempotent
})

t.test('concurrent builds get unique names and independent networks', labSkip(), async (t) => {
  const labs = await Promise.all([buildLab('wan-only'), buildLab('snat-public'), buildLab('wan-only')])
  for (const lab of labs) t.teardown(() => lab.destroy())
  const all = labs.flatMap((l) => Object.values(l.names))
  t.equal(new Set(all).size, all.length, 'no name shared')
  for (const lab of labs) t.same((await askEcho(lab, 'a')).json, { ip: LAB.publicIp }, `${lab.names.a}: echo works`)
})

/** Starts a child process that builds a lab, then waits; resolves with its pid, names and a way to await its exit. */
function childWithLab() {
  const code = `
    import { buildLab } from ${JSON.stringify(LAB_MODULE)}
    const lab = await buildLab('reflect-masq')
    console.log(JSON.stringify(lab.names))
    setInterval(() => {}, 1000)`
  // process.execArgv carries the test runner's TypeScript loader, so the child can import lab.ts.
  const child = spawn(process.execPath, [...process.execArgv, '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] })
  let err = ''
  child.stderr.on('data', (d) => (err += d))
  const exited = new Promise<{ code: number | null; signal: string | null }>((res) => child.on('exit', (code, signal) => res({ code, signal })))
  const ready = new Promise<Record<string, string>>((res, rej) => {
    let out = ''
    const timer = setTimeout(() => rej(new Error(`child not ready: ${err}`)), CHILD_READY_MS)
    child.stdout.on('data', (d) => {
      out += d
      if (out.includes('\n')) {
        clearTimeout(timer)
        res(JSON.parse(out))
      }
    })
    child.on('exit', () => rej(new Error(`child exited early: ${err}`)))
  })
  return { child, ready, exited }
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  t.test(`${sig} to a process holding a lab tears it down`, labSkip(), async (t) => {
    const { child, ready, exited } = childWithLab()
    t.teardown(() => void child.kill('SIGKILL'))
    const names = Object.values(await ready)
    const pids = names.flatMap((n) => spawnSync('ip', ['netns', 'pids', n], { encoding: 'utf8' }).stdout.split(/\s+/).filter(Boolean).map(Number))
    t.ok(pids.length > 0, 'the echo server runs in the lab')
    child.kill(sig)
    const how = await exited
    t.equal(how.signal, sig, 'the process still dies by the signal')
    t.same(names.filter((n) => namespaces().includes(n)), [], 'namespaces gone')
    t.same(pids.filter(alive), [], 'lab processes gone')
  })
}

t.test('SIGKILL leaves a lab behind; servers exit on their own and the next run sweeps it', labSkip(), async (t) => {
  const { child, ready, exited } = childWithLab()
  t.teardown(() => void child.kill('SIGKILL'))
  const names = Object.values(await ready)
  const pids = names.flatMap((n) => spawnSync('ip', ['netns', 'pids', n], { encoding: 'utf8' }).stdout.split(/\s+/).filter(Boolean).map(Number))
  child.kill('SIGKILL')
  await exited
  t.same(names.filter((n) => namespaces().includes(n)).sort(), [...names].sort(), 'namespaces left behind')
  // Servers watch their stdin: EOF from the dead parent ends them.
  for (let i = 0; i < 50 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 50))
  t.same(pids.filter(alive), [], 'servers exited with their parent')
  const swept = sweepStaleLabs()
  t.same(swept.filter((n) => names.includes(n)).sort(), [...names].sort(), 'sweep removes the dead process lab')
  t.same(names.filter((n) => namespaces().includes(n)), [], 'namespaces gone')
})
