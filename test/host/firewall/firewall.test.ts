// The entry: every firewall of a platform read together, from recorded outputs, and once for real on this machine.

import t from 'tap'
import {
  HOST_FIREWALL_TIMEOUT_MS,
  openPortCommands,
  overallBlocks,
  readHostFirewall,
  systemExec,
  type Exec,
} from '../../../src/host/firewall/firewall.js'
import type { HostFirewallFinding } from '../../../src/report/report.js'
import { fakeExec, fixture, type Answer } from '../../support/firewall/fixture.js'

const read = (exec: Exec, platform: NodeJS.Platform = 'linux', port = 8443) =>
  readHostFirewall({ port, protocol: 'tcp', platform, exec, timeoutMs: 3000, nodePath: '/usr/bin/node' })
const states = (findings: HostFirewallFinding[]) => findings.map((f) => `${f.tool} ${f.state}`)

const NFT = 'nft -j list ruleset'
const IPT_NFT = 'iptables-nft-save'
const IPT_LEGACY = 'iptables-legacy-save'
const UFW = 'ufw status verbose'

t.test('a Docker host: iptables-nft tables are judged from iptables-save, not from nft', async (t) => {
  const report = await read(
    fakeExec({
      [NFT]: { stdout: fixture('nft-docker-iptables-nft.json') },
      [IPT_NFT]: { stdout: fixture('iptables-nft-docker.txt') },
      [IPT_LEGACY]: { stdout: '' },
      [UFW]: { stdout: fixture('ufw-inactive.txt') },
    }),
  )
  t.same(states(report.findings), ['nftables inactive', 'iptables allows', 'iptables-legacy inactive', 'ufw inactive'])
  t.equal(report.blocks, false)
})

t.test('a ufw host that has not opened the port', async (t) => {
  const report = await read(
    fakeExec({
      [NFT]: { stdout: fixture('nft-ufw-ssh.json') },
      [IPT_NFT]: { stdout: fixture('iptables-nft-ufw-ssh.txt') },
      [UFW]: { stdout: fixture('ufw-active-ssh.txt') },
    }),
  )
  t.same(states(report.findings), ['nftables inactive', 'iptables blocks', 'ufw blocks'])
  t.equal(report.blocks, true)
  t.same(report.findings.map((f) => openPortCommands(f, 8443, 'tcp')), [[], ['iptables -I INPUT -p tcp --dport 8443 -j ACCEPT'], ['ufw insert 1 allow 8443/tcp']])
})

t.test('a firewalld host: nftables and firewalld agree; the fix goes through firewalld', async (t) => {
  const answers: Record<string, Answer> = {
    [NFT]: { stdout: fixture('nft-firewalld2.json') },
    'firewall-cmd --state': { stdout: 'running\n' },
    'firewall-cmd --get-default-zone': { stdout: 'public\n' },
    'firewall-cmd --get-active-zones': { stdout: fixture('firewalld-active-zones-default-only.txt') },
    'firewall-cmd --list-all-zones': { stdout: fixture('firewalld-zones-server.txt') },
    'firewall-cmd --get-active-policies': { stdout: fixture('firewalld-active-policies.txt') },
  }
  for (const s of ['ssh', 'cockpit', 'dhcpv6-client']) answers[`firewall-cmd --info-service=${s}`] = { stdout: fixture(`firewalld-service-${s}.txt`) }
  const report = await read(fakeExec(answers))
  t.same(states(report.findings), ['nftables blocks', 'firewalld blocks'])
  t.same(report.findings.map((f) => f.where), ['inet firewalld filter_INPUT', 'public'])
  t.same(report.findings.map((f) => openPortCommands(f, 8443, 'tcp')), [[], ['firewall-cmd --zone=public --add-port=8443/tcp', 'firewall-cmd --permanent --zone=public --add-port=8443/tcp']])
  t.equal((await read(fakeExec(answers), 'linux', 22)).blocks, false)
})

t.test('not root: every firewall unreadable, the answer unknown', async (t) => {
  const report = await read(
    fakeExec({
      [NFT]: { code: 1, stderr: fixture('nft-nonroot.txt') },
      [IPT_NFT]: { code: 4, stderr: fixture('iptables-nft-nonroot.txt') },
      [IPT_LEGACY]: { code: 1, stderr: fixture('iptables-legacy-nonroot.txt') },
      [UFW]: { code: 1, stderr: fixture('ufw-nonroot.txt') },
      'firewall-cmd --state': { code: 253, stderr: fixture('firewalld-not-authorized.txt') },
    }),
  )
  t.same(states(report.findings), ['nftables unreadable', 'iptables unreadable', 'iptables-legacy unreadable', 'ufw unreadable', 'firewalld unreadable'])
  t.ok(report.findings.every((f) => f.detail.includes('could not be read (not root)')))
  t.equal(report.blocks, null)
})

t.test('nothing installed: no finding, nothing blocks', async (t) => {
  t.same(await read(fakeExec({})), { findings: [], blocks: false })
})

t.test('firewall-cmd that hangs on D-Bus while nftables shows no firewalld table', async (t) => {
  const late = (nft: Answer) => fakeExec({ [NFT]: nft, 'firewall-cmd --state': { code: null, error: 'ETIMEDOUT' } })
  const settled = await read(late({ stdout: fixture('nft-debian-default.json') }))
  t.same(settled.findings[1], { tool: 'firewalld', state: 'inactive', detail: 'firewall-cmd did not answer in time, and no firewalld table is loaded in nftables', where: null })
  t.equal(settled.blocks, false)
  t.equal((await read(late({ stdout: fixture('nft-firewalld2.json') }))).findings[1]!.state, 'unreadable', 'its table is there: firewalld may be filtering')
  t.equal((await read(late({ code: 1, stderr: 'Operation not permitted' }))).findings[1]!.state, 'unreadable', 'nftables unread: nothing to settle it with')
  const refused = await read(fakeExec({ [NFT]: { stdout: fixture('nft-empty.json') }, 'firewall-cmd --state': { code: 253, stderr: 'Authorization failed.' } }))
  t.equal(refused.findings[1]!.state, 'unreadable', 'only a timeout is settled')
})

t.test('macOS and Windows', async (t) => {
  const mac = await read(fakeExec({ '/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate --getblockall': { stdout: fixture('macos-enabled.txt') } }), 'darwin')
  t.same(states(mac.findings), ['macos-application-firewall unclear'])
  t.equal(mac.blocks, null)
  const byDefault = await readHostFirewall({ port: 1, protocol: 'tcp', platform: 'darwin', exec: fakeExec({ '/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate --getblockall': { stdout: fixture('macos-blockall-on.txt') } }), timeoutMs: 1000 })
  t.same(byDefault.findings[0]!.where, process.execPath, 'the running node by default')
  t.equal(byDefault.blocks, true)
  t.same(await read(fakeExec({}), 'darwin'), { findings: [], blocks: false })
  const win = await read(
    fakeExec({
      'netsh advfirewall show currentprofile': { stdout: fixture('windows-profile-domain.txt') },
      'netsh advfirewall firewall show rule name=all dir=in verbose': { stdout: fixture('windows-rules.txt') },
    }),
    'win32',
  )
  t.same(states(win.findings), ['windows-firewall blocks'])
  t.same(await read(fakeExec({}), 'win32'), { findings: [], blocks: false })
})

t.test('platforms whose firewalls are not read: the answer is unknown, not "nothing blocks"', async (t) => {
  const calls: string[] = []
  t.same(await read(fakeExec({}, calls), 'freebsd'), { findings: [], blocks: null })
  t.same(calls, [])
})

t.test('never rejects: a throwing Exec, throwing options', async (t) => {
  const boom: Exec = async () => {
    throw new Error('boom')
  }
  const report = await read(boom)
  t.same(states(report.findings), ['nftables unreadable', 'iptables unreadable', 'ufw unreadable', 'firewalld unreadable'])
  t.equal(report.findings[0]!.detail, 'reading failed: boom')
  t.equal(report.blocks, null)
  const text: Exec = async () => {
    throw 'text' // eslint-disable-line @typescript-eslint/only-throw-error
  }
  t.equal((await read(text, 'darwin')).findings[0]!.detail, 'reading failed: text')
  t.equal((await read(text, 'win32')).findings[0]!.tool, 'windows-firewall')
  const opts = { protocol: 'tcp' as const, platform: 'linux' as const, exec: boom, timeoutMs: 10 }
  Object.defineProperty(opts, 'port', {
    get() {
      throw new Error('bad options')
    },
  })
  t.same(await readHostFirewall(opts as unknown as Parameters<typeof readHostFirewall>[0]), { findings: [], blocks: null })
})

t.test('every command gets the time that is left', async (t) => {
  const budgets: number[] = []
  const exec: Exec = async (_file, _args, timeoutMs) => {
    budgets.push(timeoutMs)
    return { code: null, stdout: '', stderr: '', error: 'ENOENT' }
  }
  await readHostFirewall({ port: 1, protocol: 'tcp', platform: 'linux', exec, timeoutMs: 2000 })
  t.ok(budgets.length > 0)
  t.ok(budgets.every((b) => b <= 2000 && b >= 100), budgets.join(','))
  t.equal(HOST_FIREWALL_TIMEOUT_MS, 5000)
})

t.test('overallBlocks', async (t) => {
  const f = (state: HostFirewallFinding['state']): HostFirewallFinding => ({ tool: 'x', state, detail: '', where: null })
  t.equal(overallBlocks([]), false)
  t.equal(overallBlocks([f('allows'), f('inactive')]), false)
  t.equal(overallBlocks([f('allows'), f('unclear')]), null)
  t.equal(overallBlocks([f('unreadable'), f('blocks')]), true)
})

t.test('this machine, for real: read-only commands, an answer of the right shape', async (t) => {
  const report = await readHostFirewall({ port: 8443, protocol: 'tcp', platform: process.platform, exec: systemExec, timeoutMs: HOST_FIREWALL_TIMEOUT_MS })
  t.ok(Array.isArray(report.findings))
  t.ok([true, false, null].includes(report.blocks))
  for (const finding of report.findings) t.match(finding, { tool: String, state: /^(blocks|allows|inactive|unclear|unreadable)$/, detail: String })
})
