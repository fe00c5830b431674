// The commands that open the port, per firewall finding: one system per list.

import t from 'tap'
import type { HostFirewallFinding } from '../../../src/report/report.js'
import { openPortCommands, shellWord } from '../../../src/host/firewall/commands.js'
import { UFW_FIRST, UFW_RULES } from '../../../src/host/firewall/ufw.js'

const f = (tool: string, where: string | null, state: HostFirewallFinding['state'] = 'blocks'): HostFirewallFinding => ({ tool, state, detail: '', where })
const SFW = '/usr/libexec/ApplicationFirewall/socketfilterfw'

t.test('nothing to open when the firewall lets the probe in or is off', async (t) => {
  t.same(openPortCommands(f('nftables', 'inet filter input', 'allows'), 8443, 'tcp'), [])
  t.same(openPortCommands(f('ufw', null, 'inactive'), 8443, 'tcp'), [])
  t.same(openPortCommands(f('something-else', null), 8443, 'tcp'), [])
})

t.test('one system per list', async (t) => {
  t.same(openPortCommands(f('nftables', 'inet filter input'), 8443, 'tcp'), ['nft insert rule inet filter input tcp dport 8443 accept'])
  t.same(openPortCommands(f('nftables', 'ip filter INPUT', 'unclear'), 53, 'udp'), ['nft insert rule ip filter INPUT udp dport 53 accept'])
  t.same(openPortCommands(f('nftables', 'inet firewalld filter_INPUT'), 8443, 'tcp'), [], "firewalld's table: the firewalld finding opens it")
  t.same(openPortCommands(f('nftables', null, 'unreadable'), 8443, 'tcp'), ['nft insert rule <family> <table> <input chain> tcp dport 8443 accept'])
  t.same(openPortCommands(f('iptables', 'INPUT'), 8443, 'tcp'), ['iptables -I INPUT -p tcp --dport 8443 -j ACCEPT'])
  t.same(openPortCommands(f('iptables-legacy', 'mangle PREROUTING'), 8443, 'tcp'), ['iptables-legacy -t mangle -I PREROUTING -p tcp --dport 8443 -j ACCEPT'])
  t.same(openPortCommands(f('iptables', null, 'unreadable'), 8443, 'tcp'), ['iptables -I INPUT -p tcp --dport 8443 -j ACCEPT'])
  t.same(openPortCommands(f('ufw', UFW_FIRST), 8443, 'tcp'), ['ufw insert 1 allow 8443/tcp'])
  t.same(openPortCommands(f('ufw', UFW_RULES), 8443, 'tcp'), ['ufw allow 8443/tcp'])
  t.same(openPortCommands(f('firewalld', 'public'), 8443, 'tcp'), ['firewall-cmd --zone=public --add-port=8443/tcp', 'firewall-cmd --permanent --zone=public --add-port=8443/tcp'])
  t.same(openPortCommands(f('firewalld', null, 'unreadable'), 8443, 'tcp'), ['firewall-cmd --add-port=8443/tcp', 'firewall-cmd --permanent --add-port=8443/tcp'])
  t.same(openPortCommands(f('macos-application-firewall', '/opt/homebrew/bin/node', 'unclear'), 8443, 'tcp'), [
    `${SFW} --add /opt/homebrew/bin/node`,
    `${SFW} --unblockapp /opt/homebrew/bin/node`,
  ])
  t.same(openPortCommands(f('macos-application-firewall', null), 8443, 'tcp', '/Users/me/My Node/node'), [
    `${SFW} --setblockall off`,
    `${SFW} --add '/Users/me/My Node/node'`,
    `${SFW} --unblockapp '/Users/me/My Node/node'`,
  ])
  t.same(openPortCommands(f('windows-firewall', 'Private'), 8443, 'tcp'), ['netsh advfirewall firewall add rule name="hairpin-check 8443" dir=in action=allow protocol=TCP localport=8443 profile=private'])
  t.same(openPortCommands(f('windows-firewall', null, 'unreadable'), 8443, 'udp'), ['netsh advfirewall firewall add rule name="hairpin-check 8443" dir=in action=allow protocol=UDP localport=8443'])
  t.same(openPortCommands(f('windows-firewall', 'rule "Node.js JavaScript Runtime"'), 8443, 'tcp'), ['netsh advfirewall firewall set rule name="Node.js JavaScript Runtime" dir=in new enable=no'])
  t.ok(openPortCommands(f('macos-application-firewall', null), 1, 'tcp')[1]!.endsWith(shellWord(process.execPath)), 'process.execPath by default')
})

t.test('shellWord quotes only when needed', async (t) => {
  t.equal(shellWord('/usr/bin/node'), '/usr/bin/node')
  t.equal(shellWord("it's here"), `'it'\\''s here'`)
})
