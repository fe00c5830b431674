// The observations of a run that has seen nothing yet: what a run fills in, a fault report keeps, and tests start from.

import { SCHEMA_VERSION, type Observations } from './report.js'
import { TOOL } from './version.js'

/**
 * Observations with nothing observed: every check `null` (not run), no public IP, this host
 * unknown, mode `listen`. `startedAt` defaults to now; `durationMs` is 0 until the run says.
 */
export function emptyObservations(port: number | null, startedAt: string = new Date().toISOString()): Observations {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: TOOL,
    port,
    startedAt,
    durationMs: 0,
    publicIp: { address: null, via: 'echo', sources: [], onThisHost: null, candidates: [], confirmedBy: null },
    client: { address: null, gateway: null, lanPrefix: null, interface: null, tunnel: null },
    mode: 'listen',
    listener: null,
    tcp: null,
    udp: null,
    dns: null,
    ipv6: null,
    target: null,
    gateway: null,
    external: null,
    hostFirewall: null,
    answeredBy: null,
    fault: null,
  }
}
