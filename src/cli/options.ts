// The probe command's options, declared once: yargs reads them to parse, and the fast help renders them without yargs.

import { DEFAULT_ECHO_URLS } from '../discover/echo.js'
import { DEFAULT_EXTERNAL_URL } from '../discover/external.js'

/** Default budget for the whole run. Echo services answer in a few hundred ms and a LAN hairpin in
 * a few ms; five seconds also covers two SYN retransmissions (1 s and 3 s, RFC 6298) of a lossy path. */
export const DEFAULT_TIMEOUT_MS = 5000

/** The output formats. */
export const FORMATS = ['human', 'json', 'markdown', 'openmetrics', 'junit'] as const

/** One option as yargs takes it (the subset used here). */
export interface OptionSpec {
  type: 'string' | 'boolean'
  describe: string
  default?: string | boolean
  defaultDescription?: string
  choices?: readonly string[]
  array?: boolean
  alias?: string
}

/** What the default command does, for the help. */
export const PROBE_DESCRIPTION =
  "Tests whether inside clients can reach this host through the router's public IP\n(hairpin NAT, NAT loopback), shows what the server sees, and names the fix."

/** The positional ports, for the help. */
export const PORTS_DESCRIBE = 'the forwarded port (1-65535) that points at this host; several test at once'

/** Every option of the default command, in the order the help lists them. */
export const PROBE_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  expect: { type: 'string', array: true, describe: 'what must hold (repeatable, all must): works (default), fails, source=public-ip|gateway|client|other' },
  format: {
    type: 'string',
    choices: FORMATS,
    default: 'human',
    describe: 'output: human, json (one document; an array for several ports), markdown (for a ticket), openmetrics (Prometheus text), junit (CI test report)',
  },
  json: { type: 'boolean', default: false, describe: 'short for --format json' },
  'all-fixes': { type: 'boolean', default: false, describe: 'show the commands of every fix, not only the first three' },
  redact: { type: 'boolean', default: false, describe: 'mask public addresses and names in every output (for public tickets)' },
  report: { type: 'string', describe: 'also write the JSON report to this file (also when the run fails)' },
  udp: { type: 'boolean', default: false, describe: 'also test UDP on the same port (RFC 4787 hairpinning)' },
  tcp: { type: 'boolean', default: true, describe: 'test TCP (--no-tcp with --udp: UDP only)' },
  peer: { type: 'string', describe: 'the token printed by "hairpin-check serve" on the server; this host then only probes' },
  host: { type: 'string', describe: 'the DNS name clients use: where it points, and probe through it' },
  target: { type: 'string', describe: 'the LAN server holding the port: compare what answers instead of listening' },
  'echo-url': { type: 'string', array: true, describe: 'echo service to learn the public IP from (repeatable; replaces the defaults)' },
  'echo-url6': { type: 'string', array: true, describe: 'echo service asked over IPv6 (repeatable; replaces the defaults)' },
  ipv6: { type: 'boolean', default: true, describe: 'test the IPv6 path when this host has a global address (--no-ipv6 to skip)' },
  gateway: { type: 'boolean', default: true, describe: 'ask the default gateway over NAT-PMP, PCP and UPnP and read its web UI (--no-gateway to skip)' },
  external: {
    type: 'boolean',
    default: false,
    describe: `also ask an outside service to connect back to the public IP:port (privacy: it learns both; default ${DEFAULT_EXTERNAL_URL})`,
  },
  'external-url': { type: 'string', describe: 'the port-check service for --external ({port} is filled in, or /port/N appended)' },
  'public-ip': { type: 'string', describe: 'skip discovery: the public IPv4 address to test' },
  bind: { type: 'string', default: '0.0.0.0', describe: 'address to listen on' },
  timeout: { type: 'string', default: String(DEFAULT_TIMEOUT_MS), defaultDescription: String(DEFAULT_TIMEOUT_MS), describe: 'time budget for the whole run, in ms' },
  quiet: { type: 'boolean', alias: 'q', default: false, describe: 'print only the verdict line' },
  color: { type: 'boolean', default: true, describe: 'colour the output (--no-color, or NO_COLOR=1, to turn off)' },
}

/** The two other commands, for the help. */
export const OTHER_COMMANDS: ReadonlyArray<[string, string]> = [
  ['echo-server', "Serves what-is-my-IP answers (/, /ip, /json) and /port/N checks of the caller's own address."],
  ['serve <port>', 'Runs on the server: proves probes from other LAN hosts (hairpin-check PORT --peer TOKEN) until stopped.'],
]

/** What the help ends with: the exit codes and what the run tells others. */
export const EPILOG = [
  'Exit codes:',
  '  0  inside clients get through: hairpin NAT works (or split DNS, or no NAT)',
  '  1  they do not (or an --expect failed): the output says why and how to fix it',
  '  2  no verdict: bad arguments, no public IP, cannot listen, other faults',
  '',
  `Privacy: without --public-ip, the echo services asked (--echo-url, or ${DEFAULT_ECHO_URLS.length} public ones by default) see your public address. While the test runs the port is open to the internet; connections that do not prove they are ours are closed without a byte sent.`,
].join('\n')
