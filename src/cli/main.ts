// The command line's entry: answers --version at once, and loads the parser and then only the command asked for.

import type { CliEnv } from './system.js'
import type { ProbeArgs } from './args.js'
import { TOOL } from '../report/version.js'

export type { CliEnv } from './system.js'

/** Whether argv asks for the version alone: the one call that must be instant (scripts and package managers ask it). */
function asksVersion(argv: string[]): boolean {
  return argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')
}

/** The real process, loaded only when no environment was given. */
async function realEnv(): Promise<CliEnv> {
  return (await import('./system.js')).processEnv()
}

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws;
 * never calls process.exit. `cli` defaults to the real process (see `processEnv`).
 */
export async function main(argv: string[], cli?: CliEnv): Promise<number> {
  // No parser, no probe, not even the real environment: its run I/O loads the network modules.
  if (asksVersion(argv)) {
    const stdout = cli?.stdout ?? (await import('./system.js')).processStdout()
    stdout.write(`${TOOL.version}\n`)
    return 0
  }
  // The default command's help, the other call asked often: rendered without yargs.
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    const stdout = cli?.stdout ?? (await import('./system.js')).processStdout()
    stdout.write((await import('./help.js')).renderHelp(stdout.columns))
    return 0
  }
  const [{ parse, commandOf, fallbackOf }, env] = await Promise.all([import('./args.js'), cli ?? realEnv()])
  const parsed = await parse(argv, env.stdout.columns)
  if (parsed.text !== null) {
    env.stdout.write(`${parsed.text.trimEnd()}\n`)
    return 0
  }
  let args: ProbeArgs
  try {
    // Each command's module loads only when it is the one asked for.
    const command = commandOf(parsed)
    if (command.name === 'serve') return await (await import('./serve.js')).serveCommand(command.args, env)
    if (command.name === 'echo-server') return await (await import('./echo-server.js')).echoServerCommand(command.args, env)
    args = command.args
  } catch (err) {
    // Bad arguments still give a report, in the format asked for when that much was understood.
    const message = (err as Error).message
    const { port, format, reportPath } = fallbackOf(parsed, argv)
    const { faultReport, finish } = await import('./output.js')
    const report = faultReport({ kind: 'bad-input', code: null, message }, port)
    return finish(report, { format, redact: false, quiet: false, color: false, reportPath }, env, `${message} (see --help)`)
  }
  return (await import('./probe.js')).probeCommand(args, env)
}
