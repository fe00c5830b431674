// Renders a report as Prometheus text exposition (format 0.0.4) for node_exporter's textfile collector.

/*
 * Why the Prometheus text format and not OpenMetrics 1.0, although `--format openmetrics` says so:
 * the output is meant for a `.prom` file that node_exporter's textfile collector reads, and that
 * collector parses files as Prometheus text format 0.0.4 only. OpenMetrics' own parts would not
 * survive it: a `# TYPE … info` or `stateset` line is rejected as an unknown metric type (the whole
 * file is skipped), `# UNIT` is not understood, and the mandatory `# EOF` terminator is at best
 * ignored as a comment. So: gauges only, the `_info` naming convention for the info metric, no
 * `# EOF`. Nor are there sample timestamps: the collector refuses files that carry them, which is
 * why the run's time is a gauge of its own (`hairpin_check_last_run_timestamp_seconds`).
 */

import { exitCodeFor } from '../diagnose/causes.js'
import type { Report } from '../report/report.js'

/** How to render. */
export interface OpenMetricsOptions {
  /** When the run happened, in milliseconds since the epoch; default: the report's `startedAt`. */
  timestampMs?: number
}

/** Every metric's name starts with this: the tool's name in Prometheus spelling. */
const PREFIX = 'hairpin_check'

/**
 * `hairpin_check_verdict`'s states, by exit code. All three are exported every run, the current one
 * as 1 and the others as 0 (a state set written as gauges), so that each series always exists and
 * an alert on `{verdict="none"} == 1` needs no `absent()`.
 */
const VERDICT_STATES = ['ok', 'fail', 'none'] as const

/**
 * One metric family: its help, and its samples as [labels, value]. Families without samples are
 * left out. Help texts are fixed here and hold no backslash or line feed, the two characters a
 * `# HELP` line would have to escape (a test checks).
 */
interface Family {
  name: string
  help: string
  samples: Array<[Record<string, string>, number]>
}

/** A label value in the text format: backslash, double quote and line feed escaped, as the format requires. */
function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))
}

/** A sample value as Go's ParseFloat reads it: `NaN`, `+Inf`, `-Inf` or a JavaScript number. */
function formatValue(n: number): string {
  if (Number.isNaN(n)) return 'NaN'
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf'
  return String(n)
}

function familyText(f: Family): string[] {
  const lines = [`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} gauge`]
  for (const [labels, value] of f.samples) {
    const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`)
    lines.push(`${f.name}${pairs.length === 0 ? '' : `{${pairs.join(',')}}`} ${formatValue(value)}`)
  }
  return lines
}

/**
 * The report as Prometheus text exposition format 0.0.4, ending in a newline, with `# HELP` and
 * `# TYPE` for every family:
 *
 * - `hairpin_check_ok`: 1 when the exit code is 0 (inside clients get through), else 0 — also 0
 *   for "no verdict" (exit 2): a check that could not tell is not a passing check, so the simplest
 *   alert (`hairpin_check_ok == 0`) fires for it too. `hairpin_check_verdict{verdict="ok"|"fail"|"none"}`
 *   tells the three apart (exit 0, 1, 2), always with all three series.
 * - `hairpin_check_hairpin`: whether hairpin NAT works on the public IP (1/0); absent when not decided.
 * - `hairpin_check_outcome{protocol,outcome}`: 1 per protocol tested.
 * - `hairpin_check_strangers`: connections and datagrams left unanswered; absent when nothing listened.
 * - `hairpin_check_duration_seconds`, `hairpin_check_last_run_timestamp_seconds` (from
 *   `opts.timestampMs`, else the report's `startedAt`).
 * - `hairpin_check_info{version,cause,mode,port,peer_kind}`: 1; an unknown port or peer kind is "".
 *
 * Metric and label names are fixed; label values are escaped, so no report can break the format.
 */
export function renderOpenMetrics(report: Report, opts: OpenMetricsOptions = {}): string {
  return text(familiesOf(report, opts))
}

/** The families, each written once with all its samples; families without samples left out. */
function text(families: Family[]): string {
  return `${families.filter((f) => f.samples.length > 0).flatMap(familyText).join('\n')}\n`
}

/**
 * Several ports' reports in one exposition: the same families, every sample labelled with its
 * `port` (the info metric has it already), so each port is a series of its own.
 */
export function renderOpenMetricsPorts(reports: readonly Report[], opts: OpenMetricsOptions = {}): string {
  const all = reports.map((r) => ({ port: r.port === null ? '' : String(r.port), families: familiesOf(r, opts) }))
  const merged = all[0]?.families.map((f, i) => ({
    ...f,
    samples: all.flatMap(({ port, families }) => families[i]!.samples.map(([labels, v]): [Record<string, string>, number] => [labels.port === undefined ? { port, ...labels } : labels, v])),
  }))
  return text(merged ?? [])
}

/** Every family of one report, in a fixed order (possibly without samples). */
function familiesOf(report: Report, opts: OpenMetricsOptions): Family[] {
  const code = exitCodeFor(report.verdict)
  const { tcp, udp, verdict } = report
  const tested = [
    ['tcp', tcp],
    ['udp', udp],
  ] as const
  const timestampMs = opts.timestampMs ?? Date.parse(report.startedAt)
  const families: Family[] = [
    {
      name: `${PREFIX}_ok`,
      help: 'Whether inside clients reach the service (1, exit code 0); 0 when they do not or when the run reached no verdict.',
      samples: [[{}, code === 0 ? 1 : 0]],
    },
    {
      name: `${PREFIX}_verdict`,
      help: 'The verdict as a state set: ok (exit code 0), fail (1) or none (2, no verdict); 1 for the current state.',
      samples: VERDICT_STATES.map((state, i) => [{ verdict: state }, i === code ? 1 : 0]),
    },
    {
      name: `${PREFIX}_hairpin`,
      help: 'Whether hairpin NAT works on the public IP (1) or not (0); absent when not decided.',
      samples: verdict.hairpin === null ? [] : [[{}, verdict.hairpin ? 1 : 0]],
    },
    {
      name: `${PREFIX}_outcome`,
      help: 'What happened to the hairpinned connection, per protocol tested: 1 for the outcome seen.',
      samples: tested.flatMap(([protocol, r]) => (r === null ? [] : [[{ protocol, outcome: r.outcome }, 1] as [Record<string, string>, number]])),
    },
    {
      name: `${PREFIX}_strangers`,
      help: 'Connections and datagrams to the listener that were not the probe (left unanswered).',
      samples: tcp === null && udp === null ? [] : [[{}, (tcp?.strangers ?? 0) + (udp?.strangers ?? 0)]],
    },
    {
      name: `${PREFIX}_duration_seconds`,
      help: 'Wall time of the run.',
      samples: [[{}, report.durationMs / 1000]],
    },
    {
      name: `${PREFIX}_last_run_timestamp_seconds`,
      help: 'When the run happened, as a Unix time.',
      samples: [[{}, timestampMs / 1000]],
    },
    {
      name: `${PREFIX}_info`,
      help: 'The run: tool version, cause, mode, port and the kind of source address the listener saw; always 1.',
      samples: [
        [
          {
            version: report.tool.version,
            cause: verdict.cause,
            mode: report.mode,
            port: report.port === null ? '' : String(report.port),
            peer_kind: tcp?.peerKind ?? udp?.peerKind ?? '',
          },
          1,
        ],
      ],
    },
  ]
  return families
}
