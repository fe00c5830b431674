// Windows Defender Firewall: netsh profile and rule listings parsed and judged.

import t from 'tap'
import type { Probe } from '../../../src/host/firewall/match.js'
import { judgeWindows, parseProfiles, parseRules, readWindowsFirewall, ruleMatches, WINDOWS_RULE_PREFIX, type WindowsProfile } from '../../../src/host/firewall/windows.js'
import { contextFor, fakeExec, fixture } from '../../support/firewall/fixture.js'

const NODE = 'C:\\Program Files\\nodejs\\node.exe'
const tcp = (port: number) => ({ port, protocol: 'tcp' as const })
const udp = (port: number) => ({ port, protocol: 'udp' as const })
const rules = parseRules(fixture('windows-rules.txt'))
const profile = (name: string, on = true, inbound = 'BlockInbound'): WindowsProfile => ({ name, on, inbound })
const judge = (p: WindowsProfile[], port: number, protocol: 'tcp' | 'udp' = 'tcp', rs = rules) => judgeWindows(p, rs, { port, protocol }, NODE)

t.test('parseProfiles and parseRules', async (t) => {
  t.same(parseProfiles(fixture('windows-profile-domain.txt')), [{ name: 'Domain', on: true, inbound: 'BlockInbound' }])
  t.same(parseProfiles('Private Profile Settings:\nState OFF\nFirewall Policy AllowInbound,AllowOutbound\nPublic Profile Settings:\nState ON\n'), [
    { name: 'Private', on: false, inbound: 'AllowInbound' },
    { name: 'Public', on: true, inbound: null },
  ])
  t.same(parseProfiles('Profileinstellungen für Domäne:\nStatus EIN\nState ON\n'), [], 'German output is not understood')
  t.equal(rules.length, 11)
  t.equal(rules[1]!.get('Program'), NODE)
  t.equal(rules[0]!.get('Grouping'), 'Core Networking')
  t.same([...parseRules('Enabled: Yes\nRule Name: x\nGrouping:\n')[0]!], [['Rule Name', 'x'], ['Grouping', '']], 'keys before the first rule are dropped')
})

t.test('ruleMatches: profiles, protocol, port, program, conditions', async (t) => {
  const m = (i: number, probe: Probe = tcp(8443), profiles = [profile('Private')]) => ruleMatches(rules[i]!, profiles, probe, NODE)
  t.equal(m(0, udp(3544)), 'maybe', 'Teredo: a keyword port, svchost')
  t.equal(m(2), 'yes', 'node, TCP, Private')
  t.equal(m(2, tcp(8443), [profile('Public')]), 'no', 'a Private rule on a Public network')
  t.equal(m(2, tcp(8443), [profile('Private'), profile('Public')]), 'maybe', 'two networks: which is the LAN?')
  t.equal(m(1), 'no', 'the UDP rule')
  t.equal(m(5, tcp(61001)), 'yes')
  t.equal(m(6, tcp(3389)), 'no', 'disabled')
  t.equal(m(7, tcp(5985), [profile('Public')]), 'no', 'a program other than node')
  t.equal(m(10, tcp(9443), [profile('Domain')]), 'yes', 'a port list')
  const rule = (fields: Record<string, string>) => new Map(Object.entries({ 'Rule Name': 'r', Enabled: 'Yes', Direction: 'In', ...fields }))
  const probe = tcp(8443)
  t.equal(ruleMatches(rule({}), [profile('Private')], probe, NODE), 'yes', 'missing fields mean Any')
  t.equal(ruleMatches(rule({ Direction: 'Out' }), [profile('Private')], probe, NODE), 'no')
  t.equal(ruleMatches(rule({ Program: '%ProgramFiles%\\nodejs\\node.exe' }), [profile('Private')], probe, NODE), 'maybe')
  t.equal(ruleMatches(rule({ Program: 'c:/program files/nodejs/NODE.EXE' }), [profile('Private')], probe, NODE), 'yes')
  t.equal(ruleMatches(rule({ Service: 'termservice' }), [profile('Private')], probe, NODE), 'maybe')
  t.equal(ruleMatches(rule({ LocalIP: '192.168.1.10' }), [profile('Private')], probe, NODE), 'maybe')
  t.equal(ruleMatches(rule({ RemoteIP: 'LocalSubnet' }), [profile('Private')], probe, NODE), 'maybe')
  t.equal(ruleMatches(rule({ InterfaceTypes: 'Wireless' }), [profile('Private')], probe, NODE), 'maybe')
  t.equal(ruleMatches(rule({ Security: 'Authenticate' }), [profile('Private')], probe, NODE), 'maybe')
  t.equal(ruleMatches(rule({ Profiles: '' }), [profile('Private')], probe, NODE), 'yes')
})

t.test('judgeWindows: Block beats Allow, then the default inbound action', async (t) => {
  t.same(judge([profile('Public')], 8443), {
    tool: 'windows-firewall',
    state: 'blocks',
    detail: 'rule "Node.js JavaScript Runtime" blocks 8443/tcp',
    where: `${WINDOWS_RULE_PREFIX}"Node.js JavaScript Runtime"`,
  })
  t.same(judge([profile('Private')], 8443), { tool: 'windows-firewall', state: 'allows', detail: 'rule "Node.js JavaScript Runtime" allows 8443/tcp', where: 'Private' })
  t.same(judge([profile('Domain')], 8443), {
    tool: 'windows-firewall',
    state: 'blocks',
    detail: `profile Domain: BlockInbound, no Allow rule for 8443/tcp or for ${NODE}`,
    where: 'Domain',
  })
  t.equal(judge([profile('Domain')], 8050).detail, 'rule "Web range" allows 8050/tcp')
  t.equal(judge([profile('Private'), profile('Public')], 8443).state, 'unclear', 'allowed on one network, blocked on the other')
  t.match(judge([profile('Private'), profile('Public')], 8443).detail, /may block 8443\/tcp/)
  t.same(judge([profile('Public', false)], 8443), { tool: 'windows-firewall', state: 'inactive', detail: 'profile Public: firewall state OFF', where: 'Public' })
  t.equal(judge([profile('Domain', true, 'AllowInbound')], 8443).detail, 'profile Domain: AllowInbound, no Block rule for 8443/tcp')
  t.equal(judge([profile('Private', true, 'BlockInboundAlways')], 8443).state, 'blocks')
  t.same(judge([], 8443), { tool: 'windows-firewall', state: 'unclear', detail: 'netsh: no profile settings understood (a non-English Windows?)', where: null })
  const winrm = (port: number) => judgeWindows([profile('Public')], rules, tcp(port), 'C:\\x\\node.exe')
  t.equal(winrm(8443).state, 'blocks', 'another node: Public BlockInbound')
  const maybeAllow = [new Map(Object.entries({ 'Rule Name': 'lan', Enabled: 'Yes', Direction: 'In', RemoteIP: 'LocalSubnet', Action: 'Allow' }))]
  t.same(judge([profile('Private')], 8443, 'tcp', maybeAllow), {
    tool: 'windows-firewall',
    state: 'unclear',
    detail: 'rule "lan" may allow 8443/tcp (a condition not known here), else BlockInbound',
    where: 'Private',
  })
  t.equal(judge([profile('Domain')], 3544, 'udp').state, 'unclear', 'Teredo may open it')
  const nameless = [new Map(Object.entries({ Enabled: 'Yes', Direction: 'In', Action: 'Block' }))]
  t.equal(judge([profile('Domain')], 8443, 'tcp', nameless).detail, 'rule "?" blocks 8443/tcp')
})

t.test('readWindowsFirewall: netsh, two calls', async (t) => {
  const profileCmd = 'netsh advfirewall show currentprofile'
  const rulesCmd = 'netsh advfirewall firewall show rule name=all dir=in verbose'
  const win = (answers: Parameters<typeof fakeExec>[0]) => readWindowsFirewall({ ...contextFor(fakeExec(answers), 'win32'), nodePath: NODE })
  t.equal(await win({}), null)
  const read = await win({ [profileCmd]: { stdout: fixture('windows-profile-domain.txt') }, [rulesCmd]: { stdout: fixture('windows-rules.txt') } })
  t.equal(read?.state, 'blocks')
  const none = await win({ [profileCmd]: { stdout: fixture('windows-profile-domain.txt') }, [rulesCmd]: { code: 1, stdout: fixture('windows-rules-none.txt') } })
  t.equal(none?.detail, `profile Domain: BlockInbound, no Allow rule for 8443/tcp or for ${NODE}`)
  const denied = await win({ [profileCmd]: { code: 1, stdout: 'The requested operation requires elevation (Run as administrator).' }, [rulesCmd]: { stdout: '' } })
  t.equal(denied?.state, 'unreadable')
  const broken = await win({ [profileCmd]: { stdout: fixture('windows-profile-domain.txt') }, [rulesCmd]: { code: 1, stdout: 'An error occurred' } })
  t.equal(broken?.detail, 'netsh advfirewall firewall show rule: exit 1: An error occurred')
})
