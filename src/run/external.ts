// `--external`: while our listener runs, an outside checker connects back; a connection the listener sees then is the checker's.

import type { ExternalReport } from '../report/report.js'
import type { RunState } from './state.js'

/** How long to wait for the listener to notice the outside checker's connection once the checker has answered. */
export const EXTERNAL_SETTLE_MS = 250

/** Resolves when `done()` holds, checking every few milliseconds, or after `maxMs` whatever it says. */
function until(done: () => boolean, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now()
    const check = (): void => (done() || performance.now() - started >= maxMs ? resolve() : void setTimeout(check, 10))
    check()
  })
}

/** Asks the outside checker at `url` whether the port answers from outside, and whether our listener saw it. */
export async function checkFromOutside(s: RunState, url: string): Promise<ExternalReport> {
  const l = s.listeners.tcp
  const before = l?.strangers ?? 0
  const r = await s.io.checkExternal(url, s.opts.port, s.left())
  if (l === null) return { ...r, seenByListener: null }
  // The checker closes its connection before it answers us, but our listener may see that
  // close a moment after the answer arrives: give it that moment.
  if (r.reachable === true) await until(() => l.strangers > before, EXTERNAL_SETTLE_MS)
  return { ...r, seenByListener: l.strangers > before }
}
