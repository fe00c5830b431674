// The real I/O of a run: sockets, the routing table, the resolver, HTTP. The HTTP client (undici) loads only when asked.

import { randomBytes } from 'node:crypto'
import { networkInterfaces } from 'node:os'
import { discoverPublicIp } from '../discover/echo.js'
import { queryGateway } from '../gateway/index.js'
import { systemExec } from '../host/firewall/exec.js'
import { readHostFirewall } from '../host/firewall/firewall.js'
import { readDefaultRoutes, sourceAddressFor } from '../host/netinfo.js'
import { systemLookup } from '../net/dns.js'
import { startListener } from '../net/listener.js'
import { probeTcp } from '../net/probe.js'
import { identifyService } from '../net/service.js'
import { probeUdp, startUdpListener } from '../net/udp.js'
import type { RunIO } from './state.js'

/** The real I/O. The HTTP client (undici) is loaded only when echo services are asked. */
export function systemIO(): RunIO {
  return {
    now: () => performance.now(),
    date: () => new Date(),
    randomBytes,
    async discoverPublicIp(urls, deadlineMs, family) {
      const { createHttpGet } = await import('../net/http.js')
      const http = createHttpGet(family)
      try {
        return await discoverPublicIp({ urls, http: http.get, now: () => performance.now(), deadlineMs, family })
      } finally {
        await http.close()
      }
    },
    interfaces: networkInterfaces,
    defaultRoutes: () => readDefaultRoutes(),
    sourceAddressFor,
    listen: startListener,
    probe: probeTcp,
    listenUdp: startUdpListener,
    probeUdp,
    lookup: systemLookup,
    identifyService,
    queryGateway,
    readHostFirewall: (o) => readHostFirewall({ ...o, exec: systemExec, platform: process.platform, nodePath: process.execPath }),
    async checkExternal(url, port, timeoutMs) {
      const [{ createHttpGet }, { checkExternal }] = await Promise.all([import('../net/http.js'), import('../discover/external.js')])
      const http = createHttpGet(4)
      try {
        return await checkExternal({ url, port, http: http.get, timeoutMs, now: () => performance.now() })
      } finally {
        await http.close()
      }
    },
  }
}
