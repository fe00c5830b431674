// The target phase (`--target`, or a port already taken): compare what answers at the public IP with what answers at the server.

import { describeService, sameService } from '../net/service.js'
import type { ServiceIdentity, ServiceReport } from '../report/report.js'
import { checkFromOutside } from './external.js'
import type { RunState } from './state.js'

function serviceReport(id: ServiceIdentity): ServiceReport {
  return { ...id, description: describeService(id) }
}

/** Identifies what answers at public-IP:port and at target:port, side by side. Fills in `obs.target` and `obs.external`. */
export async function compareServices(s: RunState, publicIp: string): Promise<void> {
  const { opts, io, obs } = s
  const target = s.learned.target!
  io.onStep?.(`Comparing what answers at ${publicIp}:${opts.port} and ${target.address}:${opts.port}`)
  const identify = (host: string): Promise<ServiceIdentity> =>
    io.identifyService({ host, port: opts.port, servername: opts.host, timeoutMs: s.left(), now: io.now })
  const [pub, dir, ext] = await s.step(
    Promise.all([
      identify(publicIp),
      target.address === null ? null : identify(target.address),
      opts.external === null ? null : checkFromOutside(s, opts.external),
    ]),
  )
  obs.external = ext
  obs.target = {
    address: target.address ?? 'unknown',
    reason: target.reason,
    viaPublicIp: serviceReport(pub),
    direct: dir === null ? null : serviceReport(dir),
    same: dir === null ? null : sameService(pub, dir),
  }
}
