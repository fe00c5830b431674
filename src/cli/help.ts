// The help of the default command, rendered from the option table without loading yargs (`--help` is asked often and must be quick).

import stringWidth from 'string-width'
import wrapAnsi from 'wrap-ansi'
import { TOOL } from '../report/version.js'
import { EPILOG, OTHER_COMMANDS, PORTS_DESCRIBE, PROBE_DESCRIPTION, PROBE_OPTIONS, type OptionSpec } from './options.js'

/** The help never gets wider than this, however wide the terminal: long lines read badly. */
export const HELP_MAX_WIDTH = 100
/** Narrower than this, the two columns would be mostly breaks: the help is laid out for this width. */
const HELP_MIN_WIDTH = 50

/** Two columns: names padded to one width, descriptions wrapped beside them and indented under themselves. */
function columns(rows: ReadonlyArray<[string, string]>, width: number): string[] {
  const left = Math.max(...rows.map(([name]) => stringWidth(name))) + 4
  const room = Math.max(20, width - left)
  return rows.flatMap(([name, text]) => {
    const [first = '', ...rest] = wrapAnsi(text, room, { hard: true, trim: true }).split('\n')
    return [`  ${name.padEnd(left - 2)}${first}`, ...rest.map((line) => `${' '.repeat(left)}${line}`)]
  })
}

/** What the help says after an option's description: its type, choices and default. */
function facts(o: OptionSpec): string {
  const type = o.array ? 'repeatable' : o.type
  const choices = o.choices ? `, one of ${o.choices.join(', ')}` : ''
  const d = o.defaultDescription ?? (typeof o.default === 'string' ? `"${o.default}"` : o.default === undefined ? undefined : String(o.default))
  return ` [${type}${choices}${d === undefined ? '' : `, default ${d}`}]`
}

/**
 * The default command's help for a terminal `columns` wide (80 when unknown, at most
 * `HELP_MAX_WIDTH`): usage, what it does, the commands, the ports, every option, the exit codes.
 */
export function renderHelp(terminalColumns: number | undefined): string {
  const width = Math.max(HELP_MIN_WIDTH, Math.min(HELP_MAX_WIDTH, terminalColumns ?? 80))
  // Line by line, so the exit codes' indents stay.
  const wrap = (text: string): string =>
    text
      .split('\n')
      .map((line) => {
        const indent = ' '.repeat(line.length - line.trimStart().length + (line.startsWith(' ') ? 3 : 0))
        const [first = '', ...rest] = wrapAnsi(line.trimStart(), width - indent.length, { hard: true }).split('\n')
        return [line.slice(0, line.length - line.trimStart().length) + first, ...rest.map((r) => indent + r)].join('\n')
      })
      .join('\n')
  const options: Array<[string, string]> = Object.entries(PROBE_OPTIONS).map(([name, o]) => [
    `${o.alias ? `-${o.alias}, ` : '    '}--${name}`,
    `${o.describe}${facts(o)}`,
  ])
  options.push(['-h, --help', 'show this help'], ['-v, --version', 'show the version'])
  return [
    `${TOOL.name} <ports..>`,
    '',
    wrap(PROBE_DESCRIPTION),
    '',
    'Commands:',
    ...columns([[`${TOOL.name} <ports..>`, 'the probe (the default)'], ...OTHER_COMMANDS.map(([c, d]): [string, string] => [`${TOOL.name} ${c}`, `${d} (see ${TOOL.name} ${c.split(' ')[0]} --help)`])], width),
    '',
    'Positionals:',
    ...columns([['ports', PORTS_DESCRIBE]], width),
    '',
    'Options:',
    ...columns(options, width),
    '',
    wrap(EPILOG),
    '',
  ].join('\n')
}
