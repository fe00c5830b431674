// `--external`: while our listener runs, an outside checker connects back; a connection the listener sees then is the checker's.

import type { ExternalReport } from '../report/report.js'
import { classifyPeer } from './classify.js'
import type { RunState } from './state.js'

/** How long to wait for the listener to notice the outside checker's connection once the checker has answered. */
export const EXTERNAL_SETTLE_MS = 250

/**
 * Least time worth giving the outside checker: its own connect-back waits up to 2 s (echoip), and
 * an HTTP round trip to it comes on top. With less left the check is skipped with that reason,
 * rather than asked with a timeout it cannot keep.
 */
export const MIN_EXTERNAL_MS = 500

/** Resolves when `done()` holds, checking every few milliseconds, or after `maxMs` whatever it says. */
function until(done: () => boolean, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now()
    const check = (): void => (done() || performance.now() - started >= maxMs ? resolve() : void setTimeout(check, 10))
    check()
  })
}

/**
 * Asks the outside checker at `url` whether the port answers from outside, and whether (and from
 * which address) our listener saw it: the router's address there means it masquerades outside
 * clients too.
 */
export async function checkFromOutside(s: RunState, url: string): Promise<ExternalReport> {
  const l = s.listeners.tcp
  const before = l?.strangers ?? 0
  const left = s.left()
  const r =
    left < MIN_EXTERNAL_MS
      ? { reachable: null, via: url, ip: null, error: `not asked: only ${left} ms of the --timeout budget were left`, ms: 0 }
      : await s.io.checkExternal(url, s.opts.port, left)
  if (l === null) return { ...r, seenByListener: null, observedPeer: null, peerKind: null }
  // The checker closes its connection before it answers us, but our listener may see that
  // close a moment after the answer arrives: give it that moment.
  if (r.reachable === true) await until(() => l.strangers > before, EXTERNAL_SETTLE_MS)
  const seen = l.strangers > before
  // The newest stranger is the checker's connection (any other came in the same moment by chance).
  const observedPeer = seen ? (l.strangerPeers.at(-1) ?? null) : null
  const { address: client, gateway } = s.obs.client
  const peerKind = classifyPeer(observedPeer, { client, gateway, publicIp: s.obs.publicIp.address })
  return { ...r, seenByListener: seen, observedPeer, peerKind }
}
