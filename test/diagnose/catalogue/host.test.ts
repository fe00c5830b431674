// Fixes on this host: open the port in the firewall that was found; narrow a masquerade to the LAN.
import t from 'tap'
import { HOST, NARROW_MASQUERADE } from '../../../src/diagnose/catalogue/host.js'
import { valuesOf } from '../../../src/diagnose/catalogue/values.js'
import type { HostFirewallFinding } from '../../../src/report/report.js'

const ctx = { lanPrefix: '192.168.77.0/24', server: '192.168.77.10', port: 8443, publicIp: '203.0.113.7', gateway: '192.168.77.1' }
const finding = (over: Partial<HostFirewallFinding>): HostFirewallFinding => ({ tool: 'nftables', state: 'blocks', detail: 'policy drop', where: 'inet filter input', ...over })

t.test('host-firewall-open: the commands of the firewall found, one system only', async (t) => {
  const nft = HOST['host-firewall-open'](valuesOf({ ...ctx, hostFirewall: finding({}) }))
  t.equal(nft.title, "Open TCP 8443 in this host's own firewall (nftables)")
  t.match(nft.commands[0], /^nft insert rule inet filter input tcp dport 8443 accept$/)
  t.match(nft.source, /^https:\/\//)
  const ufw = HOST['host-firewall-open'](valuesOf({ ...ctx, protocol: 'udp', hostFirewall: finding({ tool: 'ufw', where: 'ufw rules' }) }))
  t.match(ufw.commands[0], /^ufw allow 8443\/udp$/)
  const mac = HOST['host-firewall-open'](valuesOf({ ...ctx, hostFirewall: finding({ tool: 'macos-application-firewall', where: null }) }))
  t.match(mac.commands.join('\n'), /<path-to-node>/, 'the report cannot name the path of node')
  const unknown = HOST['host-firewall-open'](valuesOf({ ...ctx, hostFirewall: null }))
  t.match(unknown.commands[0], /^Let TCP 8443 in through this host's firewall \(firewall\)/)
  t.match(unknown.source, /^https:\/\//)
  const odd = HOST['host-firewall-open'](valuesOf({ ...ctx, hostFirewall: finding({ tool: 'somewall', state: 'blocks' }) }))
  t.match(odd.source, /nft/, 'a tool without its own page: the general one')
  const noPort = HOST['host-firewall-open'](valuesOf({ ...ctx, port: 0, hostFirewall: finding({}) }))
  t.match(noPort.commands[0], /^Let TCP <port> in/)
})

t.test('the narrowed masquerade, in three forms', async (t) => {
  t.same([...NARROW_MASQUERADE], ['nftables-narrow-masquerade', 'iptables-narrow-masquerade', 'mikrotik-narrow-masquerade'])
  const v = valuesOf(ctx)
  for (const id of NARROW_MASQUERADE) {
    const f = HOST[id](v)
    t.match(f.commands.join('\n'), /192\.168\.77\.0\/24/, `${id}: limited to the LAN prefix`)
    t.match(f.source, /^https:\/\//)
  }
  t.match(HOST['iptables-narrow-masquerade'](v).commands.filter((c) => !c.startsWith('#')).join('\n'), /^(iptables .*\n?)+$/, 'iptables lines only')
  t.match(HOST['mikrotik-narrow-masquerade'](v).commands[0], /^\/ip firewall nat set \[find chain=srcnat action=masquerade dst-address=192\.168\.77\.10\] src-address=192\.168\.77\.0\/24$/)
})
