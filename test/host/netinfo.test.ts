import t from 'tap'
import { createSocket, type Socket as DgramSocket } from 'node:dgram'
import {
  findInterface,
  globalIpv6Address,
  isTunnelInterface,
  parseProcNetRoute,
  parseRouteGet,
  parseWindowsRoutePrint,
  pickGateway,
  readDefaultRoutes,
  sourceAddressFor,
  systemRouteSources,
  type RouteSources,
} from '../../src/host/netinfo.js'

const PROC_NET_ROUTE = `Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
eth0\t00000000\t014DA8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0
eth0\t004DA8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0
tun0\t00000000\t00000000\t0001\t0\t0\t50\t00000000\t0\t0\t0
bad0\t00000000\tZZZZZZZZ\t0003\t0\t0\t1\t00000000\t0\t0\t0
short line
`

t.test('parseProcNetRoute reads little-endian default routes with a gateway', async (t) => {
  t.same(parseProcNetRoute(PROC_NET_ROUTE), [
    { iface: 'wlan0', gateway: '192.168.1.1', metric: 600 },
    { iface: 'eth0', gateway: '192.168.77.1', metric: 100 },
  ])
  t.same(parseProcNetRoute(''), [])
  t.same(parseProcNetRoute('header\nx\t00000000\t0101A8C0\t0003\t0\t0\tnope\t00000000'), [{ iface: 'x', gateway: '192.168.1.1', metric: 0 }])
})

t.test('parseRouteGet (macOS/BSD)', async (t) => {
  const out = `   route to: default\ndestination: default\n       mask: default\n    gateway: 192.168.1.254\n  interface: en0\n      flags: <UP,GATEWAY,DONE,STATIC,PRCLONING>\n`
  t.same(parseRouteGet(out), [{ iface: 'en0', gateway: '192.168.1.254', metric: 0 }])
  t.same(parseRouteGet('    gateway: 10.0.0.1\n'), [{ iface: '', gateway: '10.0.0.1', metric: 0 }])
  t.same(parseRouteGet('route: writing to routing socket: not in table'), [])
})

t.test('parseWindowsRoutePrint', async (t) => {
  const out = `===========================================================================
IPv4 Route Table
===========================================================================
Active Routes:
Network Destination        Netmask          Gateway       Interface  Metric
          0.0.0.0          0.0.0.0      192.168.1.1    192.168.1.100     25
          0.0.0.0          0.0.0.0         10.8.0.1       10.8.0.2     5
===========================================================================
`
  t.same(parseWindowsRoutePrint(out), [
    { gateway: '192.168.1.1', iface: '192.168.1.100', metric: 25 },
    { gateway: '10.8.0.1', iface: '10.8.0.2', metric: 5 },
  ])
  t.same(parseWindowsRoutePrint(''), [])
})

t.test('pickGateway prefers our interface, then the lowest metric', async (t) => {
  const routes = parseProcNetRoute(PROC_NET_ROUTE)
  t.equal(pickGateway(routes, 'wlan0', null), '192.168.1.1')
  t.equal(pickGateway(routes, null, null), '192.168.77.1')
  t.equal(pickGateway(routes, 'eth9', null), '192.168.77.1')
  t.equal(pickGateway([{ gateway: '10.0.0.1', iface: '10.0.0.5', metric: 50 }, { gateway: '10.1.0.1', iface: '10.1.0.5', metric: 1 }], null, '10.0.0.5'), '10.0.0.1', 'Windows: by address')
  t.equal(pickGateway([], 'eth0', null), null)
})

t.test('readDefaultRoutes picks the source per platform', async (t) => {
  const calls: string[] = []
  const src = (platform: NodeJS.Platform, fail = false): RouteSources => ({
    platform,
    readFile: async (p) => {
      calls.push(`read ${p}`)
      if (fail) throw new Error('EACCES')
      return PROC_NET_ROUTE
    },
    run: async (cmd, args) => {
      calls.push(`${cmd} ${args.join(' ')}`)
      return platform === 'win32' ? '0.0.0.0 0.0.0.0 10.0.0.1 10.0.0.2 1' : 'gateway: 10.9.9.9'
    },
  })
  t.equal((await readDefaultRoutes(src('linux')))[0]?.gateway, '192.168.1.1')
  t.equal((await readDefaultRoutes(src('win32')))[0]?.gateway, '10.0.0.1')
  t.equal((await readDefaultRoutes(src('darwin')))[0]?.gateway, '10.9.9.9')
  t.same(await readDefaultRoutes(src('linux', true)), [], 'unreadable: unknown, not a crash')
  t.same(calls, ['read /proc/net/route', 'route print -4 0.0.0.0', 'route -n get default', 'read /proc/net/route'])
})

t.test('the system sources work on this machine', async (t) => {
  t.equal(systemRouteSources.platform, process.platform)
  t.type(await systemRouteSources.readFile('/proc/self/stat'), 'string')
  t.equal((await systemRouteSources.run(process.execPath, ['-e', 'process.stdout.write("hi")'])).trim(), 'hi')
  await t.rejects(systemRouteSources.run(process.execPath, ['-e', 'process.exit(3)']))
  t.ok(Array.isArray(await readDefaultRoutes()))
})

t.test('sourceAddressFor asks the routing table without sending', async (t) => {
  t.equal(await sourceAddressFor('127.0.0.1'), '127.0.0.1')
  t.equal(await sourceAddressFor('example.invalid'), null, 'names are refused, never looked up')
  // What Node 20 does without a route: the error goes to connect's callback, no 'error' event.
  const noRoute = (): DgramSocket => {
    const s = createSocket('udp4')
    s.connect = ((_port: number, _host: string, cb: (err?: Error) => void) =>
      setImmediate(() => cb(Object.assign(new Error('connect ENETUNREACH'), { code: 'ENETUNREACH' })))) as unknown as DgramSocket['connect']
    return s
  }
  t.equal(await sourceAddressFor('203.0.113.1', noRoute), null, 'no route: null')
  const failing = (): DgramSocket => {
    const s = createSocket('udp4')
    s.connect = (() => setImmediate(() => s.emit('error', new Error('socket broke')))) as DgramSocket['connect']
    return s
  }
  t.equal(await sourceAddressFor('203.0.113.1', failing), null, "a socket 'error' gives null too")
  const unspecified = (): DgramSocket => {
    const s = createSocket('udp4')
    s.connect = ((_port: number, _host: string, cb: () => void) => setImmediate(cb)) as unknown as DgramSocket['connect']
    s.address = () => ({ address: '0.0.0.0', family: 'IPv4', port: 0 })
    return s
  }
  t.equal(await sourceAddressFor('203.0.113.1', unspecified), null, 'the unspecified address is no source address')
})

t.test('findInterface', async (t) => {
  const ifaces = {
    lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '', internal: true, cidr: '127.0.0.1/8' }],
    eth0: [
      { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '', internal: false, cidr: 'fe80::1/64', scopeid: 2 },
      { address: '192.168.77.10', netmask: '255.255.255.0', family: 'IPv4', mac: '', internal: false, cidr: '192.168.77.10/24' },
    ],
    odd: [{ address: '10.0.0.9', netmask: '255.0.0.0', family: 'IPv4', mac: '', internal: false, cidr: null }],
    none: undefined,
  } as unknown as NodeJS.Dict<import('node:os').NetworkInterfaceInfo[]>
  t.same(findInterface('192.168.77.10', ifaces), { name: 'eth0', lanPrefix: '192.168.77.0/24' })
  t.same(findInterface('127.0.0.1', ifaces), { name: 'lo', lanPrefix: '127.0.0.0/8' })
  t.same(findInterface('10.0.0.9', ifaces), { name: 'odd', lanPrefix: null })
  t.equal(findInterface('203.0.113.7', ifaces), null)
  t.same(findInterface('127.0.0.1'), { name: 'lo', lanPrefix: '127.0.0.0/8' }, 'the real interfaces by default')
})

t.test('globalIpv6Address', async (t) => {
  const mk = (address: string, internal = false) => ({ address, netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '', internal, cidr: `${address}/64`, scopeid: 0 })
  const ifaces = (list: ReturnType<typeof mk>[]) => ({ eth0: list, none: undefined }) as unknown as NodeJS.Dict<import('node:os').NetworkInterfaceInfo[]>
  t.equal(globalIpv6Address(ifaces([mk('fe80::1'), mk('fd00::5'), mk('2001:db8:77::10')])), '2001:db8:77::10')
  t.equal(globalIpv6Address(ifaces([mk('::1', true), mk('fe80::1'), mk('fd12::1')])), null, 'no global address')
  t.equal(globalIpv6Address(ifaces([mk('3fff::1')])), '3fff::1')
  t.equal(globalIpv6Address(ifaces([mk('2001:db8::1', true)])), null, 'internal does not count')
  const real = globalIpv6Address()
  t.ok(real === null || real.includes(':'), 'the real interfaces: an address or null')
})

t.test('isTunnelInterface: VPN and overlay names, not ordinary links', async (t) => {
  for (const name of ['wg0', 'tun0', 'tap1', 'utun3', 'ppp0', 'ipsec0', 'vti1', 'tailscale0', 'zt3jnc2xyz', 'nordlynx', 'CloudflareWARP', 'proton0', 'wireguard1']) {
    t.ok(isTunnelInterface(name), name)
  }
  for (const name of ['eth0', 'enp3s0', 'wlan0', 'br0', 'lo', 'docker0', 'Ethernet 2', 'en0']) t.notOk(isTunnelInterface(name), name)
})
