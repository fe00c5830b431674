// The listen phase: open the port on this host (TCP, UDP, and the global IPv6 address), or learn that something holds it.

import { describeListenError } from '../net/listener.js'
import { Interrupted, type RunState } from './state.js'

/**
 * Listens on the port when this host is the server (`listen` mode). A port that a real service
 * already holds (TCP only) turns the run into `target` mode with this host as the target; any
 * other failure is the `listen-failed` fault. Fills in `obs.listener`, `obs.mode`, `obs.fault`.
 */
export async function listen(s: RunState): Promise<void> {
  const { opts, io, obs, listeners, key } = s
  if (obs.mode !== 'listen') return
  io.onStep?.(`Listening on ${opts.bind}:${opts.port}`)
  try {
    if (opts.tcp) listeners.tcp = await s.step(io.listen({ bind: opts.bind, port: opts.port, key }))
    if (opts.udp) listeners.udp = await s.step(io.listenUdp({ bind: opts.bind, port: opts.port, key }))
  } catch (err) {
    if (err instanceof Interrupted) throw err
    const e = err as NodeJS.ErrnoException
    if (e.code === 'EADDRINUSE' && opts.tcp && listeners.tcp === null && !opts.udp) {
      // A real service holds the port: compare what answers instead of listening (target mode).
      s.learned.target = { address: null, reason: 'port-in-use' }
      obs.mode = 'target'
    } else {
      obs.fault = { kind: 'listen-failed', code: e.code ?? null, message: describeListenError(e, opts.bind, opts.port) }
    }
  }
  if (listeners.tcp !== null || listeners.udp !== null) obs.listener = { bind: opts.bind }
  // The direct IPv6 path needs our listener on the global address too; without it, that path is just not tested.
  const v6 = s.learned.v6Local
  if (obs.fault === null && obs.mode === 'listen' && opts.tcp && v6 !== null) {
    listeners.tcp6 = await s.step(io.listen({ bind: v6, port: opts.port, key }).catch(() => null))
  }
}
