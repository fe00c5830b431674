// The report: plain data every run produces, the contract that JSON consumers rely on.

/**
 * Version of the report's shape. Adding fields keeps it; renaming, removing or
 * changing the meaning of a field bumps it.
 */
export const SCHEMA_VERSION = 1 as const

/** A yes/no answer that may not have been checked: `null` means "not checked". */
export type Tri = boolean | null

/** What one echo service answered when asked for our public address. */
export interface EchoSource {
  /** The URL asked. */
  url: string
  /** The IPv4 address it answered, or null when it failed. */
  address: string | null
  /** Why it failed (one line), or null. */
  error: string | null
  /** Time from request to answer or failure, in milliseconds; null if never started. */
  ms: number | null
}

/** How the public address was learned, and what each echo service said. */
export interface PublicIpReport {
  /** The public IPv4 address the probe connects to, or null when none was learned. */
  address: string | null
  /** `echo` when asked of echo services, `flag` when given with `--public-ip`. */
  via: 'echo' | 'flag'
  /** Every echo service asked, in the order configured. Empty with `--public-ip`. */
  sources: EchoSource[]
  /** Whether the public address is assigned to an interface of this host (no NAT at all). */
  onThisHost: Tri
}

/** Where the probe runs from. */
export interface ClientReport {
  /** The local source address used to reach the public IP. */
  address: string | null
  /** The default gateway from the OS routing table, or null when unknown. */
  gateway: string | null
  /** The LAN prefix of the interface holding `address`, e.g. `192.168.1.0/24`. */
  lanPrefix: string | null
  /** The interface holding `address`, e.g. `eth0`. */
  interface: string | null
}

/** What happened to the hairpinned TCP connection. */
export type TcpOutcome =
  | 'ok'
  | 'refused'
  | 'timeout'
  | 'reset'
  | 'wrong-service'
  | 'unreachable'
  | 'error'

/** Which address the listener saw the hairpinned connection come from. */
export type PeerKind = 'public-ip' | 'gateway' | 'client' | 'other'

/** The TCP hairpin test. */
export interface TcpReport {
  outcome: TcpOutcome
  /** The remote address our listener saw for the proven connection, or null. */
  observedPeer: string | null
  /** How `observedPeer` relates to this network, or null when nothing was observed. */
  peerKind: PeerKind | null
  /** The address the proven connection arrived at on the server (its LAN address), or null. */
  serverAddress: string | null
  /** Time from connect to verdict, in milliseconds. */
  ms: number
  /** Connections to the listener that did not present the nonce in time (closed, nothing sent). */
  strangers: number
  /** The system error code behind a failed outcome (`ECONNREFUSED`, …), or null. */
  error: string | null
  /** When something other than our listener answered: the start of what it sent, made printable. */
  answer: string | null
}

/** Why a run could not reach a verdict, when it could not. */
export interface Fault {
  kind: 'bad-input' | 'no-public-ip' | 'listen-failed' | 'probe-error'
  /** The system error code (`EACCES`, `EADDRINUSE`, …), when there is one. */
  code: string | null
  /** One line saying what went wrong and what to do. */
  message: string
}

/** Every cause the diagnosis can name. */
export type Cause =
  | 'hairpin-ok-public-source'
  | 'hairpin-ok-gateway-source'
  | 'hairpin-ok-client-source'
  | 'hairpin-ok-other-source'
  | 'no-reflection'
  | 'router-answered'
  | 'no-snat-or-filtered'
  | 'unreachable'
  | 'not-behind-nat'
  | 'no-public-ip'
  | 'listen-failed'
  | 'bad-input'
  | 'probe-error'

/** One way to fix (or work around) what was found, with commands for this network. */
export interface Fix {
  /** Stable identifier, e.g. `nftables-reflection`. */
  id: string
  /** Short human title, e.g. "Linux router with nftables". */
  title: string
  /** One line: why this fix fits what was observed. */
  why: string
  /** Commands or settings, filled in for this network; may be empty for advice-only fixes. */
  commands: string[]
}

/** The conclusion: a pure function of the observations (see `diagnose`). */
export interface Verdict {
  /** true: hairpin works; false: it does not; null: not decided (see `cause`). */
  hairpin: Tri
  cause: Cause
  /** One sentence for humans. */
  summary: string
  warnings: string[]
  /** Ordered: the most likely fit first. */
  fixes: Fix[]
}

/** Everything a run observed, before diagnosis. */
export interface Observations {
  schemaVersion: typeof SCHEMA_VERSION
  tool: { name: string; version: string }
  /** The port tested, or null when the port argument was bad. */
  port: number | null
  /** When the run started, ISO 8601. */
  startedAt: string
  /** Wall time of the run, in milliseconds. */
  durationMs: number
  publicIp: PublicIpReport
  client: ClientReport
  /** The address the listener was bound to, or null when it never listened. */
  listener: { bind: string } | null
  /** The TCP test, or null when it did not run. */
  tcp: TcpReport | null
  /** Why no verdict could be reached, or null. */
  fault: Fault | null
}

/** The full report: observations plus verdict. */
export interface Report extends Observations {
  verdict: Verdict
}

/** Exit code for a verdict: 0 works (or nothing to fix), 1 does not work, 2 no verdict. */
export function exitCodeFor(verdict: Verdict): 0 | 1 | 2 {
  if (verdict.hairpin === true) return 0
  if (verdict.hairpin === false) return 1
  return verdict.cause === 'not-behind-nat' ? 0 : 2
}
