// Opens a TCP server on one address and port, exclusively: the one way every listener here starts.

import type { AddressInfo, Server } from 'node:net'

/**
 * Listens on `host:port` (not shared with cluster workers) and resolves with the port it got
 * (the real one when 0 asked for any). Rejects with the system error (`EACCES`, `EADDRINUSE`,
 * `EADDRNOTAVAIL`, …) when it cannot.
 */
export function listenOn(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject)
      server.on('error', () => {}) // after listening, errors surface on sockets instead
      resolve((server.address() as AddressInfo).port)
    })
  })
}
