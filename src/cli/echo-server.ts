// The echo-server command: serves what-is-my-IP answers and port checks until stopped.

import { describeListenError } from '../net/listener.js'
import { TOOL } from '../report/version.js'
import { startEchoServer, type EchoServer } from '../servers/echoserver.js'
import type { EchoServerArgs } from './args.js'
import type { CliEnv } from './system.js'

/** `echo-server`: serves until the stop signal; one access-log line per request with --log. Exit 0, or 2 when it cannot listen. */
export async function echoServerCommand(a: EchoServerArgs, cli: CliEnv): Promise<number> {
  const log = a.log ? (line: string) => cli.stdout.write(`${line}\n`) : null
  let server: EchoServer
  try {
    server = await startEchoServer({ bind: a.bind, port: a.port, trustProxy: a.trustProxy, log })
  } catch (err) {
    cli.stderr.write(`${TOOL.name}: ${describeListenError(err as NodeJS.ErrnoException, a.bind, a.port)}\n`)
    return 2
  }
  const stop = cli.stopSignal()
  cli.stderr.write(`${TOOL.name}: echo server listening on ${server.address}:${server.port}\n`)
  if (!stop.aborted) await new Promise((resolve) => stop.addEventListener('abort', resolve, { once: true }))
  await server.close()
  return 0
}
