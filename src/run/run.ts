// One probe run, start to observations: a short list of phases over one state (listen, learn, probe or compare, gateway).

import { identityVendor, serviceIdentity } from '../gateway/fingerprints.js'
import type { Observations } from '../report/report.js'
import { askGateway, settleGateway } from './gateway.js'
import { probeHairpin } from './hairpin.js'
import { learnAddresses } from './learn.js'
import { listen } from './listen.js'
import type { RunIO, RunOptions } from './state.js'
import { closeListeners, going, Interrupted, startRun, type RunState } from './state.js'
import { confirmByGateway, identifyAnswer, recordAnswer } from './settle.js'
import { compareServices } from './target.js'

export type { RunIO, RunOptions } from './state.js'
export { systemIO } from './system.js'
export { describeProbeError } from './hairpin.js'

/** The run was stopped by a signal: the report keeps what was seen and says so. */
function interrupted(s: RunState, err: unknown): void {
  if (!(err instanceof Interrupted)) throw err
  s.obs.fault = { kind: 'interrupted', code: err.message, message: `interrupted by ${err.message} before the verdict; the report holds what was seen so far` }
}

/**
 * Runs one probe and returns what it observed (the diagnosis is a pure function of it, see
 * `diagnose`). Never rejects for network trouble: it is observed, or a fault.
 */
export async function runProbe(opts: RunOptions, io: RunIO): Promise<Observations> {
  const s = startRun(opts, io)
  try {
    // Open the port (or find it taken: then compare services instead).
    await listen(s)
    // The gateway is asked alongside everything else (UPnP once the hairpin is in doubt); its answer is awaited last.
    const gateway = askGateway(s)
    // The public IP, the name, this host's address and gateway.
    await learnAddresses(s)
    gateway.probing() // UPnP's hold runs from here
    const publicIp = s.obs.publicIp.address
    if (going(s) && publicIp !== null) {
      // Connect from inside through the public IP, or compare what answers there with the server.
      await (s.obs.mode === 'target' ? compareServices(s, publicIp) : probeHairpin(s, publicIp))
    }
    // Something else answered instead of our listener: find out what, while the gateway finishes.
    const identities = going(s) ? identifyAnswer(s) : null
    s.obs.gateway = await settleGateway(s, gateway)
    confirmByGateway(s, s.obs.gateway)
    if (identities !== null) await recordAnswer(s, await s.step(identities), (id) => identityVendor(serviceIdentity(id)))
  } catch (err) {
    interrupted(s, err)
  } finally {
    await closeListeners(s) // on every path: the port is open to the internet
  }
  s.obs.durationMs = Math.round(io.now() - opts.started)
  return s.obs
}
