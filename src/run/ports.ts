// Several ports in one run: each port probed at once, one echo lookup and one gateway query serving them all.

import { forPort } from '../gateway/index.js'
import type { Observations } from '../report/report.js'
import { runProbe } from './run.js'
import type { RunIO, RunOptions } from './state.js'

/** What several ports are tested with: the run's options, a list of ports, and the outside check's URL per port. */
export type PortsOptions = Omit<RunOptions, 'port' | 'external'> & {
  ports: readonly number[]
  /** `--external`: the port-check URL for a port, or null without `--external`. */
  externalFor(port: number): string | null
}

/**
 * The run's I/O with the lookups every port shares done once: the echo services are asked once per
 * address family, and the gateway once (the answers do not depend on the port).
 */
export function sharedIO(io: RunIO, ports: readonly number[] = []): RunIO {
  const echo = new Map<string, ReturnType<RunIO['discoverPublicIp']>>()
  let gateway: ReturnType<RunIO['queryGateway']> | null = null
  return {
    ...io,
    discoverPublicIp(urls, deadlineMs, family) {
      const key = `${family} ${urls.join(' ')}`
      if (!echo.has(key)) echo.set(key, io.discoverPublicIp(urls, deadlineMs, family))
      return echo.get(key)!
    },
    // One query for all: the first port asks, and the others' UPnP mappings are looked up with it.
    queryGateway(opts) {
      gateway ??= io.queryGateway({ ...opts, otherPorts: ports.filter((p) => p !== opts.port) })
      return gateway.then((r) => forPort(r, opts.port))
    },
  }
}

/** Probes every port at once (listeners, probes), sharing the lookups; the observations in the order of `ports`. */
export function runProbes(opts: PortsOptions, io: RunIO): Promise<Observations[]> {
  const { ports, externalFor, ...rest } = opts
  const shared = ports.length > 1 ? sharedIO(io, ports) : io
  return Promise.all(ports.map((port) => runProbe({ ...rest, port, external: externalFor(port) }, shared)))
}
