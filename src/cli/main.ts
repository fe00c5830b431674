// The command line's entry: answers --version at once and loads everything else only when a command needs it.

import type { CliEnv } from './commands.js'
import { TOOL } from '../report/version.js'

export type { CliEnv } from './commands.js'

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws;
 * never calls process.exit. `cli` defaults to the real process (see `processEnv`).
 */
export async function main(argv: string[], cli?: CliEnv): Promise<number> {
  // The one call that must be instant (scripts and package managers ask it): no parser, no probe.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    ;(cli?.stdout ?? process.stdout).write(`${TOOL.version}\n`)
    return 0
  }
  const { run } = await import('./commands.js')
  return run(argv, cli)
}
