// `npm run bench`: wall time from process start to verdict in the lab, as ratios against a baseline measured in the same run.
//
// Timings are never asserted in tests (shared, noisy machines); this script prints them for people.
// Baseline: scripts/bench-baseline.mjs, the least a probe must do (listen, one echo GET, one
// connect), with the same HTTP client (undici) and the same V8 flags as bin/hairpin-check.js, so
// the ratio is the tool's own overhead. The same script with node:http is shown for reference.
// Each setup alternates baseline and tool runs so drift hits both alike; medians.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { buildLab, CLI_PATH, LAB, labUnavailableReason, runCli, type Lab, type SetupName } from '../test/lab/lab.js'

/** Runs per measurement; medians of this many. Override with BENCH_RUNS. */
const RUNS = Math.max(3, Number(process.env['BENCH_RUNS'] ?? 7))
/** The --timeout the tool gets: the silent setup's wall time is judged against it. */
const TIMEOUT_MS = 2000

const CLI = CLI_PATH
const BASELINE = resolve(dirname(CLI_PATH), '..', 'scripts', 'bench-baseline.mjs')
/** The V8 flags bin/hairpin-check.js sets for itself, given to the baseline too. */
const V8_FLAGS = ['--liftoff-only', '--wasm-lazy-compilation']

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

/** Wall time of a command run in this namespace (no lab), in ms. */
function wall(argv: string[]): number {
  const start = performance.now()
  const r = spawnSync(argv[0]!, argv.slice(1), { stdio: 'ignore' })
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}`)
  return performance.now() - start
}

interface Row {
  what: string
  baseline: number
  tool: number
  ratio: number
  goal: string
  met: boolean
}

function startup(): Row[] {
  const bare: number[] = []
  const version: number[] = []
  const help: number[] = []
  for (let i = 0; i < RUNS; i++) {
    bare.push(wall([process.execPath, '-e', '0']))
    version.push(wall([process.execPath, CLI, '--version']))
    help.push(wall([process.execPath, CLI, '--help']))
  }
  const b = median(bare)
  return [
    { what: '--version vs node -e 0', baseline: b, tool: median(version), ratio: median(version) / b, goal: '< 2x', met: median(version) / b < 2 },
    { what: '--help vs node -e 0', baseline: b, tool: median(help), ratio: median(help) / b, goal: '< 2x', met: median(help) / b < 2 },
  ]
}

const ECHO_ARGS = LAB.echoUrls.flatMap((u) => ['--echo-url', u])
// The baseline does what the core probe does: no gateway query (its SSDP search waits up to 1.5 s
// for an answer when no UPnP device replies), no IPv6 path (the bench labs have none). The
// default run is measured too, as information.
const CORE_ARGS = ['--no-gateway', '--no-ipv6']

async function setupRow(setup: SetupName, expectCode: number, kind: 'working' | 'refused' | 'answered' | 'silent'): Promise<Row> {
  const lab: Lab = await buildLab(setup)
  try {
    const base: number[] = []
    const plain: number[] = []
    const tool: number[] = []
    const baseline = async (client: 'undici' | 'http', flags: string[]): Promise<number> => {
      const b = await lab.exec('a', [process.execPath, ...flags, BASELINE, client, LAB.echoUrls[0]!, LAB.publicIp, String(LAB.port), String(TIMEOUT_MS)])
      if (b.code !== 0) throw new Error(`baseline (${client}) failed in ${setup}: ${b.stderr}`)
      return b.ms
    }
    for (let i = 0; i < RUNS; i++) {
      if (kind !== 'silent') {
        base.push(await baseline('undici', V8_FLAGS))
        plain.push(await baseline('http', []))
      }
      const r = await runCli(lab, 'a', [String(LAB.port), ...ECHO_ARGS, ...CORE_ARGS, '--timeout', String(TIMEOUT_MS), '--json'], { cli: CLI })
      if (r.code !== expectCode) throw new Error(`${setup}: exit ${r.code}, expected ${expectCode}: ${r.stderr}`)
      tool.push(r.ms)
    }
    if (kind !== 'silent') nodeHttpReference.push(median(plain))
    if (kind === 'silent') {
      const t = median(tool)
      return { what: `${setup} (silent) vs --timeout`, baseline: TIMEOUT_MS, tool: t, ratio: t / TIMEOUT_MS, goal: '<= 1.10x', met: t / TIMEOUT_MS <= 1.1 }
    }
    const b = median(base)
    const t = median(tool)
    // The working run is held to the least-work script itself; a failure may take its own confirmation.
    const what = `${setup} (${kind}) vs baseline`
    // What answered is identified before the router is blamed: a plain connection first waits
    // BANNER_WAIT_MS (750 ms) for a server-speaks-first greeting. Shown, not held to a goal.
    if (kind === 'answered') return { what, baseline: b, tool: t, ratio: t / b, goal: '(info)', met: true }
    const goal = kind === 'working' ? 1 : 1.5
    return { what, baseline: b, tool: t, ratio: t / b, goal: `<= ${goal.toFixed(2)}x`, met: t / b <= goal }
  } finally {
    await lab.destroy()
  }
}

/** Medians of the node:http baseline per setup: what a probe without undici would start from. */
const nodeHttpReference: number[] = []
/** The packed tarball installed into an empty prefix: its size and what it pulls in. */
function installed(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'hairpin-check-bench-'))
  try {
    const root = resolve(dirname(CLI_PATH), '..')
    const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }))[0]
    const prefix = join(dir, 'prefix')
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(dir, packed.filename)], { stdio: 'ignore' })
    const modules = readdirSync(join(prefix, 'node_modules')).filter((d) => !d.startsWith('.'))
    const bytes = Number(execFileSync('du', ['-sb', join(prefix, 'node_modules')], { encoding: 'utf8' }).split('\t')[0])
    return [
      `packed tarball: ${(packed.size / 1024).toFixed(0)} KiB (${packed.entryCount} files); installed: ${(bytes / 1024).toFixed(0)} KiB`,
      `runtime dependencies installed with it: ${modules.length - 1} (everything it runs is bundled into dist/)`,
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** What asking the gateway costs: the default run (gateway asked) against the same run with --no-gateway, without UPnP and with miniupnpd. */
async function gatewayCost(upnp: boolean): Promise<Row> {
  const lab = await buildLab('reflect-masq', upnp ? { upnp: true } : {})
  try {
    const off: number[] = []
    const on: number[] = []
    for (let i = 0; i < RUNS; i++) {
      off.push((await runCli(lab, 'a', [String(LAB.port), ...ECHO_ARGS, '--no-ipv6', '--no-gateway', '--json'], { cli: CLI })).ms)
      on.push((await runCli(lab, 'a', [String(LAB.port), ...ECHO_ARGS, '--no-ipv6', '--json'], { cli: CLI })).ms)
    }
    const b = median(off)
    const t = median(on)
    return { what: `default run vs --no-gateway (${upnp ? 'miniupnpd' : 'no UPnP'})`, baseline: b, tool: t, ratio: t / b, goal: '<= 1.15x', met: t / b <= 1.15 }
  } finally {
    await lab.destroy()
  }
}

/** Two ports in one run against one port: one echo lookup and one gateway query serve both, the listeners run at once. */
async function twoPorts(): Promise<Row> {
  const lab = await buildLab('reflect-masq', { forwardPorts: 2 })
  try {
    const one: number[] = []
    const two: number[] = []
    for (let i = 0; i < RUNS; i++) {
      one.push((await runCli(lab, 'a', [String(LAB.port), ...ECHO_ARGS, ...CORE_ARGS, '--json'], { cli: CLI })).ms)
      // Both ports forwarded and reflected: two working hairpins against one.
      two.push((await runCli(lab, 'a', [String(LAB.port), String(LAB.port + 1), ...ECHO_ARGS, ...CORE_ARGS, '--json'], { cli: CLI })).ms)
    }
    const b = median(one)
    const t = median(two)
    return { what: 'two ports vs one', baseline: b, tool: t, ratio: t / b, goal: '<= 1.3x', met: t / b <= 1.3 }
  } finally {
    await lab.destroy()
  }
}

const rows: Row[] = startup()
const sizes = installed()
const reason = labUnavailableReason()
if (reason !== null) {
  console.log(`lab skipped: ${reason}`)
} else {
  rows.push(await setupRow('reflect-masq', 0, 'working'))
  rows.push(await setupRow('snat-public', 0, 'working'))
  rows.push(await setupRow('wan-only', 1, 'refused'))
  rows.push(await setupRow('router-service', 1, 'answered'))
  rows.push(await setupRow('reject-unreachable', 1, 'refused'))
  rows.push(await setupRow('dnat-no-snat', 1, 'silent'))
  rows.push(await gatewayCost(false))
  rows.push(await gatewayCost(true))
  rows.push(await twoPorts())
}

const fmt = (ms: number): string => `${ms.toFixed(0)} ms`.padStart(8)
console.log(`\nhairpin-check bench: medians of ${RUNS} runs, wall time from process start to exit (lab runs include \`ip netns exec\`)\n`)
console.log(`${'measurement'.padEnd(52)}${'baseline'.padStart(10)}${'tool'.padStart(10)}${'ratio'.padStart(8)}  goal`)
for (const r of rows) {
  console.log(`${r.what.padEnd(52)}${fmt(r.baseline).padStart(10)}${fmt(r.tool).padStart(10)}${`${r.ratio.toFixed(2)}x`.padStart(8)}  ${r.goal}${r.met ? '' : '  (missed)'}`)
}
console.log('')
for (const line of sizes) console.log(line)
if (nodeHttpReference.length > 0) {
  console.log(`\nreference: the same baseline with node:http instead of undici: median ${median(nodeHttpReference).toFixed(0)} ms`)
}
