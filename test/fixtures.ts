// Shared test fixtures: a complete set of observations for a typical LAN, to override per test.
import type { NetworkInterfaceInfo } from 'node:os'
import type { DiscoverResult } from '../src/echo.js'
import type { HairpinListener, ListenerOptions } from '../src/listener.js'
import type { TcpProbeOptions, TcpProbeResult } from '../src/probe.js'
import type { Observations, TcpReport } from '../src/report.js'
import type { RunIO } from '../src/run.js'

/** A TCP result; override what the test is about. */
export function tcpReport(over: Partial<TcpReport> = {}): TcpReport {
  return { outcome: 'ok', observedPeer: '192.168.77.1', peerKind: 'gateway', serverAddress: '192.168.77.10', ms: 3, strangers: 0, error: null, answer: null, ...over }
}

/** Observations of a host 192.168.77.10 behind gateway 192.168.77.1 with public IP 203.0.113.7. */
export function observations(over: Partial<Observations> = {}): Observations {
  return {
    schemaVersion: 1,
    tool: { name: 'hairpin-check', version: '0.0.0-test' },
    port: 8443,
    startedAt: '2026-11-26T00:00:00.000Z',
    durationMs: 42,
    publicIp: {
      address: '203.0.113.7',
      via: 'echo',
      sources: [
        { url: 'http://198.51.100.10/ip', address: '203.0.113.7', error: null, ms: 5 },
        { url: 'http://198.51.100.11/json', address: '203.0.113.7', error: null, ms: 6 },
      ],
      onThisHost: false,
    },
    client: { address: '192.168.77.10', gateway: '192.168.77.1', lanPrefix: '192.168.77.0/24', interface: 'eth0' },
    listener: { bind: '0.0.0.0' },
    tcp: tcpReport(),
    fault: null,
    ...over,
  }
}

export const IFACES = {
  eth0: [{ address: '192.168.77.10', netmask: '255.255.255.0', family: 'IPv4', mac: '', internal: false, cidr: '192.168.77.10/24' }],
} as unknown as NodeJS.Dict<NetworkInterfaceInfo[]>

export interface Fake {
  io: RunIO
  log: string[]
  listenOpts: ListenerOptions[]
  probeOpts: TcpProbeOptions[]
  closed: number
}

/** A scripted world: a LAN host 192.168.77.10, gateway .1, public IP 203.0.113.7. */
export function fakeIO(over: {
  listen?: (o: ListenerOptions) => Promise<HairpinListener>
  discover?: (urls: readonly string[], deadline: number) => Promise<DiscoverResult>
  probe?: Partial<TcpProbeResult>
  source?: string | null
  interfaces?: NodeJS.Dict<NetworkInterfaceInfo[]>
} = {}): Fake {
  let clock = 1000
  const f: Fake = { io: undefined as unknown as RunIO, log: [], listenOpts: [], probeOpts: [], closed: 0 }
  const expected: string[] = []
  f.io = {
    now: () => (clock += 5),
    date: () => new Date('2026-11-26T12:00:10.000Z'),
    randomBytes: (n) => Buffer.alloc(n, 0xab),
    discoverPublicIp:
      over.discover ??
      (async (urls) => ({ address: '203.0.113.7', sources: urls.map((url) => ({ url, address: '203.0.113.7', error: null, ms: 4 })) })),
    interfaces: () => over.interfaces ?? IFACES,
    defaultRoutes: async () => [{ iface: 'eth0', gateway: '192.168.77.1', metric: 0 }],
    sourceAddressFor: async () => (over.source === undefined ? '192.168.77.10' : over.source),
    listen:
      over.listen ??
      (async (o) => {
        f.listenOpts.push(o)
        return {
          address: o.bind,
          port: o.port,
          strangers: 2,
          sightings: [],
          expect: (n: string) => expected.push(n),
          close: async () => {
            f.closed++
          },
        }
      }),
    probe: async (o) => {
      f.probeOpts.push(o)
      return { outcome: 'ok', observedPeer: '192.168.77.1', ms: 3, error: null, answer: null, localAddress: '192.168.77.10', serverAddress: '192.168.77.10', ...over.probe }
    },
    onStep: (text) => f.log.push(text),
  }
  return f
}

