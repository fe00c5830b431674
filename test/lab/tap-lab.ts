// node-tap glue for the namespace lab: one subtest per lab (or per use of a lab shared in a file), torn down with the test, skipped where the lab cannot run.
import type { Test } from 'tap'
import { buildLab, labUnavailableReason, takeSchemaProblems, type Lab, type LabOptions, type LabSetupName } from './lab.js'

/**
 * How many subtests of one lab test file run at once (tap's `t.jobs`; the subtests are then
 * buffered, their output shown as each ends). Lab subtests mostly wait (on the CLI's timers, on
 * silence, on daemons), so this is where a file's time goes down. Not more: the CLI's --timeout
 * counts from its process start, and tap runs two test files at once on a two-core machine, so
 * more CLI start-ups at once would eat into the budgets the tests give it (a 2 s run leaves its
 * echo step half of what is left after start-up).
 */
export const LAB_JOBS = 3

/** Subtest options that skip with the lab's reason when it cannot run here (not root, no `ip netns`, no `nft`, …). */
export function labSkip(opts: LabOptions = {}): { skip: string } | Record<string, never> {
  const reason = labUnavailableReason(opts)
  return reason ? { skip: reason } : {}
}

/**
 * Runs `fn` as a subtest named after the setup (or `name`) with a freshly built lab (with `opts`:
 * DNS, IPv6). The lab is destroyed in the subtest's teardown, so it goes away whether `fn`
 * passes, fails or throws. Every JSON report the CLI printed meanwhile must match the schema.
 */
export function labTest(
  t: Test,
  setup: LabSetupName,
  fn: (t: Test, lab: Lab) => unknown,
  name: string = setup,
  opts: LabOptions = {},
): Promise<unknown> {
  return t.test(name, labSkip(opts), async (st) => {
    const lab = await buildLab(setup, opts)
    st.teardown(() => lab.destroy())
    await fn(st, lab)
    st.same(takeSchemaProblems(lab), [], 'every JSON report matches the published schema')
  })
}

/** One shared lab: built once, used by one subtest at a time. */
interface Shared {
  lab: Promise<Lab>
  /** Settles when the last use queued so far is done. */
  idle: Promise<void>
}

/**
 * Labs shared by the subtests of one file that leave them as they found them (building a lab
 * costs a good part of a second; a subtest's own run takes about as long): one per setup and
 * options, built on first use and destroyed when `t` (the file's root test) ends. Uses of one
 * lab take turns, so the CLI's port on a host is never contended; different labs run at once.
 * Subtests that change their lab (routes, addresses, daemons stopped) build their own with {@link labTest}.
 */
export class SharedLabs {
  readonly #labs = new Map<string, Shared>()

  constructor(t: Test) {
    t.teardown(() => this.#destroyAll())
  }

  /** Runs `fn` with the shared lab for `setup` and `opts`, once every earlier use of that lab is done. */
  use<T>(setup: LabSetupName, opts: LabOptions, fn: (lab: Lab) => Promise<T>): Promise<T> {
    const key = `${setup} ${JSON.stringify(opts)}`
    let shared = this.#labs.get(key)
    if (shared === undefined) {
      shared = { lab: buildLab(setup, opts), idle: Promise.resolve() }
      shared.lab.catch(() => {}) // each use reports a failed build
      this.#labs.set(key, shared)
    }
    const { lab } = shared
    const result = shared.idle.then(async () => fn(await lab))
    shared.idle = result.then(
      () => {},
      () => {},
    )
    return result
  }

  async #destroyAll(): Promise<void> {
    const labs = await Promise.allSettled([...this.#labs.values()].map((s) => s.lab))
    await Promise.all(labs.map((r) => (r.status === 'fulfilled' ? r.value.destroy() : undefined)))
  }
}

/**
 * Like {@link labTest}, on the lab `labs` shares for `setup` and `opts` rather than a fresh one:
 * for a subtest that leaves the lab as it found it (a background server it starts stays until
 * the file ends, so it must not get in a later user's way).
 */
export function sharedLabTest(
  t: Test,
  labs: SharedLabs,
  setup: LabSetupName,
  fn: (t: Test, lab: Lab) => unknown,
  name: string = setup,
  opts: LabOptions = {},
): Promise<unknown> {
  return t.test(name, labSkip(opts), (st) =>
    labs.use(setup, opts, async (lab) => {
      await fn(st, lab)
      st.same(takeSchemaProblems(lab), [], 'every JSON report matches the published schema')
    }),
  )
}
