// `npm run stress`: what the listener holds while the port is open to the internet, measured in the lab and printed.
//
// From the lab's internet (the inet namespace, through the router's port forward, as scanners
// reach a real forward), floods of connections hit the CLI's listener while it probes; each
// round checks that the verdict stayed right and that no stranger got a byte. Figures, not
// assertions: the machines are shared and noisy.
import { spawn } from 'node:child_process'
import { buildLab, DAEMONS, LAB, labUnavailableReason, runCli, type Lab } from '../test/lab/lab.js'

const FLOODER = DAEMONS.flood
/** The CLI's budget in each round: long enough that the flood runs throughout the probe. */
const RUN_MS = 4000
/** Concurrent connections per round, growing until the verdict breaks or the list ends. */
const FLOODS = (process.env['STRESS_FLOODS'] ?? '50,200,500,1000,2000').split(',').map(Number)

interface FloodStats {
  opened: number
  connected: number
  closedByPeer: number
  bytesReceived: number
  errors: number
  inputs: number
}

function flood(lab: Lab, concurrency: number, garbage: boolean): Promise<FloodStats> {
  return new Promise((resolveStats, reject) => {
    const child = spawn('ip', ['netns', 'exec', lab.names.inet, process.execPath, FLOODER, LAB.publicIp, String(LAB.port), String(concurrency), String(RUN_MS + 500), ...(garbage ? ['garbage'] : [])], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.on('close', (code) => (code === 0 ? resolveStats(JSON.parse(out) as FloodStats) : reject(new Error(`flooder exited ${code}`))))
  })
}

const reason = labUnavailableReason()
if (reason !== null) {
  console.log(`stress skipped: ${reason}`)
  process.exit(0)
}

let largest = 0
let inputs = 0
let crashes = 0
let bestRate = 0

/** One round: a flood from the internet while the CLI probes on host A; prints a line. */
async function round(lab: Lab, concurrency: number, garbage: boolean, expectCause: string): Promise<void> {
  const attack = flood(lab, concurrency, garbage)
  await new Promise((r) => setTimeout(r, 300)) // the flood is on before the probe starts
  const r = await runCli(lab, 'a', [String(LAB.port), '--json', '--no-gateway', '--no-ipv6', ...LAB.echoUrls.flatMap((u) => ['--echo-url', u]), '--timeout', String(RUN_MS)])
  const s = await attack
  inputs += s.connected + s.inputs
  const right = r.json?.verdict?.cause === expectCause
  if (r.code === null || r.code > 2) crashes++
  if (right && s.bytesReceived === 0) largest = Math.max(largest, concurrency)
  const seconds = (r.json?.durationMs ?? RUN_MS) / 1000
  const strangers = r.json?.tcp?.strangers ?? 0
  const rate = Math.round(strangers / seconds)
  if (right) bestRate = Math.max(bestRate, rate)
  console.log(
    `  ${String(concurrency).padStart(5)} at once, ${garbage ? 'garbage' : 'silent '}: verdict ${right ? 'right' : `WRONG (${r.json?.verdict?.cause ?? r.code})`}, ` +
      `${strangers} strangers closed in ${seconds.toFixed(1)} s (${rate}/s), ${s.bytesReceived} bytes to strangers`,
  )
}

for (const [setup, cause, what] of [
  ['reflect-masq', 'hairpin-ok-gateway-source', 'working forward: the probe must still get through'],
  ['dnat-no-snat', 'no-snat-or-filtered', 'silent forward: the listener stays open for the whole budget'],
] as const) {
  console.log(`${setup} (${what}):`)
  const lab = await buildLab(setup)
  try {
    for (const concurrency of FLOODS) for (const garbage of [false, true]) await round(lab, concurrency, garbage, cause)
  } finally {
    await lab.destroy()
  }
}
console.log(`\nlargest flood with the right verdict and no byte to a stranger: ${largest} connections at once`)
console.log(`most strangers closed per second with the right verdict: ${bestRate}/s`)
console.log(`hostile inputs tried (accepted connections and garbage payloads): ${inputs}, crashes: ${crashes}`)
