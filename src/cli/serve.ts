// The serve command: runs on the server, prints the token, then one line per proven probe until stopped.

import { describeListenError } from '../net/listener.js'
import { keyFromToken } from '../net/token.js'
import { TOOL } from '../report/version.js'
import { serve, type ServeEvent } from '../servers/serve.js'
import type { ServeArgs } from './args.js'
import type { CliEnv } from './system.js'

/** Where the server listens when `--bind` is not given, as a listen error names it. */
const ALL_IPV4 = '0.0.0.0'

/** Prints one event: the token alone on stdout and how to use it on stderr, probes on stdout; or JSON lines with --json. */
function printer(a: ServeArgs, cli: CliEnv): (e: ServeEvent) => void {
  const { stdout, stderr } = cli
  return (e) => {
    if (a.json) {
      stdout.write(`${JSON.stringify(e.type === 'listening' ? { ...e, token: a.token } : e)}\n`)
    } else if (e.type === 'listening') {
      stdout.write(`${a.token}\n`)
      stderr.write(
        `${TOOL.name}: serving ${e.protocols.join('+').toUpperCase()} on ${e.bind.includes(':') ? `[${e.bind}]` : e.bind}:${e.port}; on another LAN host run: ${TOOL.name} ${e.port} --peer ${a.token}${a.udp ? ' --udp' : ''}\n`,
      )
    } else if (e.type === 'probe') {
      stdout.write(`${e.at} ${e.protocol} probe from ${e.peer}:${e.peerPort} to ${e.local}\n`)
    } else {
      stderr.write(`${TOOL.name}: stopped after ${e.probes} probe${e.probes === 1 ? '' : 's'} (${e.strangers} others left unanswered)\n`)
    }
  }
}

/** `serve`: prints the token, then one line per proven probe, until the stop signal; exit 0, or 2 when it cannot listen. */
export async function serveCommand(a: ServeArgs, cli: CliEnv): Promise<number> {
  try {
    await serve(
      { port: a.port, bind: a.bind, key: keyFromToken(a.token), protocols: { tcp: a.tcp, udp: a.udp }, signal: cli.stopSignal(), onEvent: printer(a, cli) },
      { listen: cli.io.listen, listenUdp: cli.io.listenUdp, date: cli.io.date },
    )
    return 0
  } catch (err) {
    cli.stderr.write(`${TOOL.name}: ${describeListenError(err as NodeJS.ErrnoException, a.bind ?? ALL_IPV4, a.port)}\n`)
    return 2
  }
}
