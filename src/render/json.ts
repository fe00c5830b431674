// Renders a report as the JSON document `--json` prints and `--report` writes.

import type { Report } from '../report/report.js'

/** The report as pretty JSON with a trailing newline: exactly one document. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`
}
