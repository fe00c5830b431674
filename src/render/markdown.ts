// Renders a report as GitHub-flavoured Markdown, self-contained, to paste into a support ticket.

import type { Report } from '../report/report.js'
import { JSON_INVISIBLES, printable } from '../util/sanitize.js'
import { renderJson } from './json.js'
import { buildModel, cleanLine, MARKS, type Row } from './model.js'

/** What the Markdown report needs besides the report itself. */
export interface MarkdownOptions {
  /**
   * Where the run happened, e.g. `{ os: 'linux 6.1.0 x64', node: 'v20.20.2' }`; passed in rather
   * than read here, so that the output is a pure function of its inputs (and snapshots are stable).
   */
  environment: { os: string; node: string }
  /** The path picture's lines (ASCII), when the caller has them: shown in a code block. */
  path?: string[]
}

/**
 * Longest sentence kept: the diagnosis writes a few hundred characters at most; the cap only
 * stops a hostile or broken report from flooding the ticket.
 */
const SENTENCE_MAX_CHARS = 2000

/** Shortest code fence CommonMark allows. */
const MIN_FENCE = 3

/**
 * Characters that mean something inline in GitHub-flavoured Markdown, escaped with a backslash
 * (CommonMark allows that before any ASCII punctuation): emphasis, code, links, HTML and entities,
 * table cells (`|`), strikethrough (`~`), and GitHub's `@mention` and `#123` references, which
 * would notify strangers or link unrelated issues from a pasted ticket.
 */
const INLINE_SPECIAL = /[\\`*_[\]<>|~&@#]/g

/** Marks that turn the start of a line into a block (heading, list, thematic break, setext underline). */
const BLOCK_START = /^(?:[+=-]|\d+(?=[.)]))/

/** One line of text from the report, safe inline (a table cell, a heading): printable and escaped. */
export function inline(text: string): string {
  return printable(text, SENTENCE_MAX_CHARS).replace(INLINE_SPECIAL, '\\$&')
}

/** One line of text from the report that starts a paragraph or list item: also no block syntax at its start. */
function block(text: string): string {
  const escaped = inline(text)
  const lead = BLOCK_START.exec(escaped)?.[0]
  if (lead === undefined) return escaped
  // A leading `-`, `+` or `=` is escaped itself; after `1` it is the `.` or `)` that makes a list.
  return /\d/.test(lead) ? `${lead}\\${escaped.slice(lead.length)}` : `\\${escaped}`
}

/** The length of the longest run of backticks in `text` (0 when there is none). */
const longestBacktickRun = (text: string): number => (text.match(/`+/g) ?? []).reduce((most, run) => Math.max(most, run.length), 0)

/** Lines of the path picture, made safe for a code block. */
const codeLines = (texts: readonly string[]): string[] => texts.flatMap((t) => t.split('\n')).map(cleanLine)

/** A fenced code block whose fence is longer than any backtick run inside, so no content can close it. */
function fence(body: readonly string[], info = ''): string {
  const longest = body.reduce((most, line) => Math.max(most, longestBacktickRun(line)), 0)
  const marks = '`'.repeat(Math.max(MIN_FENCE, longest + 1))
  return [`${marks}${info}`, ...body, marks].join('\n')
}

/** An inline code span for a fixed word (the cause id); padded when it starts or ends with a backtick. */
function codeSpan(text: string): string {
  const clean = printable(text)
  const ticks = '`'.repeat(longestBacktickRun(clean) + 1)
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : ''
  return `${ticks}${pad}${clean}${pad}${ticks}`
}

/** A table row: a sub-row's label says what it details (`TCP: listener saw`). */
const tableRow = (r: Row): string => `| ${inline(r.parent === null ? r.label : `${r.parent}: ${r.label}`)} | ${inline(r.value)} |`

/** The raw report as JSON, with characters that hide or reorder text escaped (still the same JSON value). */
function rawJson(report: Report): string {
  const json = renderJson(report).trimEnd()
  return json.replace(JSON_INVISIBLES, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/**
 * The report as one GitHub-flavoured Markdown document, ending in a newline: the verdict as the
 * title, the summary, a table of what was observed, the path picture (when given), the cause,
 * warnings, fixes with their commands in `sh` code blocks, the environment, and the raw JSON
 * report folded away in a `<details>` block. Everything taken from the report is made printable
 * and escaped; code fences are longer than any backtick run inside them.
 */
export function renderMarkdown(report: Report, opts: MarkdownOptions): string {
  const { verdict } = report
  const m = buildModel(report)
  const code = m.verdict.exitCode
  // The title is the line the terminal shows for `--quiet`: one wording for both.
  const title = `${MARKS[m.verdict.mark]} ${m.verdict.headline}`
  const out: string[] = [`# ${inline(title)}`, '', block(m.summary), '', '## Observations', '', '| Check | Result |', '|---|---|', ...m.rows.map(tableRow)]

  if (opts.path !== undefined && opts.path.length > 0) out.push('', '## Path', '', fence(codeLines(opts.path)))

  const about = verdict.protocol === null ? '' : ` (about ${verdict.protocol.toUpperCase()})`
  const hairpin = verdict.hairpin === null ? 'not decided' : verdict.hairpin ? 'works' : 'does not work'
  out.push('', '## Diagnosis', '', `Cause: ${codeSpan(verdict.cause)}${about}. Hairpin NAT on the public IP: ${hairpin}. Exit code ${code}.`)

  if (m.warnings.length > 0) out.push('', '## Warnings', '', ...m.warnings.map((w) => `- ${block(w)}`))

  if (m.fixes.length > 0) {
    out.push('', code === 0 ? '## Improvements, most useful first' : '## Fixes, most likely first')
    m.fixes.forEach((fix, i) => {
      out.push('', `### ${i + 1}. ${inline(fix.title)}`, '', block(fix.why))
      // Some "commands" are settings to change in a UI: still one block per fix, to copy at once.
      if (fix.lines.length > 0) out.push('', fence(fix.lines, 'sh'))
      // A bare URL in angle brackets: autolinked, and nothing in it is read as Markdown.
      if (fix.source !== null) out.push('', `Source: <${fix.source.replace(/[<>\s]/g, encodeURIComponent)}>`)
    })
  }

  const redacted = (report as { redacted?: unknown }).redacted === true
  out.push(
    '',
    '## Environment',
    '',
    `- OS: ${inline(opts.environment.os)}`,
    `- Node: ${inline(opts.environment.node)}`,
    `- Tool: ${inline(`${report.tool.name} ${report.tool.version}`)}, report schema ${inline(String(report.schemaVersion))}`,
    `- Run: started ${inline(report.startedAt)}, took ${inline(String(report.durationMs))} ms`,
  )
  if (redacted) out.push('- Redacted: public addresses, names and certificate fingerprints are masked')
  // GitHub renders Markdown inside <details> only with a blank line after the summary.
  out.push('', '<details><summary>Raw report (JSON)</summary>', '', fence(rawJson(report).split('\n'), 'json'), '', '</details>')
  return `${out.join('\n')}\n`
}
