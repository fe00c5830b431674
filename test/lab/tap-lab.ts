// node-tap glue for the namespace lab: one subtest per lab, torn down with the test, skipped where the lab cannot run.
import type { Test } from 'tap'
import { buildLab, labUnavailableReason, takeSchemaProblems, type Lab, type LabOptions, type LabSetupName } from './lab.js'

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
    st.same(takeSchemaProblems(), [], 'every JSON report matches the published schema')
  })
}
