// The built CLI run inside a lab host, every JSON report it prints held to the published schema.
import { existsSync } from 'node:fs'
import { validateReport } from '../schema-hook.js'
import type { Lab } from './handle.js'
import { CLI_PATH } from './paths.js'
import type { ExecResult } from './proc.js'

// Default cap for one CLI run: its own --timeout plus start-up; the probe tests pass smaller timeouts.
const CLI_TIMEOUT_MS = 20_000

/** Options for {@link runCli}. */
export interface RunCliOptions {
  /** Kill the CLI after this many milliseconds; default 20 s. */
  timeoutMs?: number
  /** Another entry point to run instead of {@link CLI_PATH} (e.g. a bundled build, for the benchmark). */
  cli?: string
  /**
   * Environment changes for this run (through `env(1)`): a string sets the variable, null unsets
   * it. Everything else is inherited as always (e.g. `{ GITHUB_ACTIONS: 'true' }`).
   */
  env?: Readonly<Record<string, string | null>>
}

/** The result of one CLI run: exit code, output, and stdout parsed as JSON when it is one document. */
export interface CliResult extends ExecResult {
  json: any | null
}

/** A report from {@link runCli} that did not match the schema. */
export interface SchemaProblem {
  args: string[]
  errors: string[]
}

/** Reports from {@link runCli} that did not match the schema, with the lab each came from, until taken. */
const schemaProblems: Array<SchemaProblem & { lab: Lab }> = []

/**
 * Runs the built CLI (`node bin/hairpin-check.js …args`) inside a LAN host's namespace.
 * `json` is stdout parsed as JSON when the whole of stdout is one JSON document, else null.
 */
export async function runCli(lab: Lab, host: 'a' | 'b', args: string[], opts: RunCliOptions = {}): Promise<CliResult> {
  const cli = opts.cli ?? CLI_PATH
  if (!existsSync(cli)) throw new Error(`CLI not built: ${cli} is missing (run \`npm run build\`)`)
  const r = await lab.exec(host, [...envPrefix({ ...CI_UNSET, ...opts.env }), process.execPath, cli, ...args], { timeoutMs: opts.timeoutMs ?? CLI_TIMEOUT_MS })
  let json: unknown = null
  try {
    json = JSON.parse(r.stdout)
  } catch {
    json = null
  }
  // Every report any lab test sees is held to the published schema (strict: no unknown fields);
  // several ports print an array of reports, each held to it.
  if (json !== null) {
    const errors = Array.isArray(json) ? json.flatMap((doc, i) => validateReport(doc).map((e) => `[${i}]${e}`)) : validateReport(json)
    if (errors.length > 0) schemaProblems.push({ lab, args, errors })
  }
  return { ...r, json }
}

/**
 * When the tests themselves run under GitHub Actions, the CLI must not see it: it would append to
 * the job's step summary and print workflow commands. Tests that want it say so in `opts.env`.
 */
const CI_UNSET: Readonly<Record<string, null>> = Object.fromEntries(
  ['GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY'].filter((name) => process.env[name] !== undefined).map((name) => [name, null]),
)

/** `env -u NAME … NAME=value …` for {@link RunCliOptions.env}; nothing without changes. */
function envPrefix(env: RunCliOptions['env']): string[] {
  const entries = Object.entries(env ?? {})
  if (entries.length === 0) return []
  for (const [name] of entries) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`runCli: bad environment variable name ${JSON.stringify(name)}`)
  return ['env', ...entries.flatMap(([name, value]) => (value === null ? ['-u', name] : [])), ...entries.flatMap(([name, value]) => (value === null ? [] : [`${name}=${value}`]))]
}

/**
 * The schema problems collected so far from runs in `lab` (every lab when omitted), and forgets
 * them: the tap glue asserts there are none. Per lab, so subtests running at once each get their own.
 */
export function takeSchemaProblems(lab?: Lab): SchemaProblem[] {
  const taken: SchemaProblem[] = []
  for (let i = schemaProblems.length - 1; i >= 0; i--) {
    const p = schemaProblems[i]!
    if (lab !== undefined && p.lab !== lab) continue
    schemaProblems.splice(i, 1)
    taken.unshift({ args: p.args, errors: p.errors })
  }
  return taken
}
