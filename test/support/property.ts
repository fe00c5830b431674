// Shared by the property tests: the seed (PROPERTY_SEED), the run counts (PROPERTY_RUNS), how a property is checked and reported, and what is unprintable.

import type { Test } from 'tap'
import fc from 'fast-check'

const DEFAULT_SEED = 20261126

function seedFromEnv(): number {
  const raw = process.env['PROPERTY_SEED']
  if (raw === undefined || raw.trim() === '') return DEFAULT_SEED
  const n = Number(raw)
  if (!Number.isSafeInteger(n)) throw new Error(`PROPERTY_SEED must be an integer, not "${raw}"`)
  return n | 0
}

/** The seed every property runs with: PROPERTY_SEED when set (an integer), else a fixed default, so runs are deterministic. */
export const SEED = seedFromEnv()

/** The default number of runs, or PROPERTY_RUNS when that is larger. */
export function runs(base: number): number {
  const raw = Number(process.env['PROPERTY_RUNS'])
  return Number.isSafeInteger(raw) && raw > base ? raw : base
}

/**
 * Checks a property with {@link SEED} and `runs(numRuns)` runs, as one tap assertion: a pass names
 * the runs and the seed; a failure fails the test and prints the seed, the path, the counterexample,
 * the error and how to reproduce it. `shrink: false` (for the real-socket properties) stops at the
 * first failure instead of shrinking it, which keeps a failure's cost bounded.
 */
export async function holds<Ts>(t: Test, name: string, property: fc.IRawProperty<Ts>, numRuns: number, opts: { shrink?: boolean } = {}): Promise<void> {
  const details = await fc.check(property, { seed: SEED, numRuns: runs(numRuns), endOnFailure: opts.shrink === false })
  if (details.failed) {
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)
    t.fail(`${name}: ${error}`, {
      seed: details.seed,
      path: details.counterexamplePath,
      counterexample: JSON.stringify(details.counterexample),
      report: (await fc.asyncDefaultReportMessage(details)) ?? 'failed',
      reproduce: `PROPERTY_SEED=${details.seed}`,
    })
  } else {
    t.pass(`${name}: ${details.numRuns} runs, seed ${details.seed}`)
  }
}

/** What a printable line must not contain: C0/C1 controls (ESC included), line and paragraph separators, zero-width and bidi controls, BOM. */
// eslint-disable-next-line no-control-regex
export const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/
