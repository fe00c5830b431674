// ufw: `ufw status verbose` recorded in a network namespace, parsed and judged.

import t from 'tap'
import { judgeUfw, parseUfwStatus, readUfw, UFW_FIRST, UFW_RULES, ufwRules } from '../../../src/host/firewall/ufw.js'
import { contextFor, fakeExec, fixture } from '../../support/firewall/fixture.js'

const tcp = (port: number) => ({ port, protocol: 'tcp' as const })
const judge = (name: string, port: number, protocol: 'tcp' | 'udp' = 'tcp') => judgeUfw(parseUfwStatus(fixture(name)), { port, protocol })

t.test('parseUfwStatus: status, default, rules (comments and flags dropped)', async (t) => {
  t.same(parseUfwStatus(fixture('ufw-inactive.txt')), { status: 'inactive', incoming: null, rules: [] })
  const ssh = parseUfwStatus(fixture('ufw-active-ssh.txt'))
  t.equal(ssh.status, 'active')
  t.equal(ssh.incoming, 'deny')
  t.same(ssh.rules[0], { to: '22/tcp', action: 'ALLOW', direction: 'IN', from: 'Anywhere', line: '22/tcp                     ALLOW IN    Anywhere' })
  t.equal(ssh.rules.length, 2)
  const many = parseUfwStatus(fixture('ufw-active-many.txt'))
  t.same(many.rules.filter((r) => r.direction === 'OUT').map((r) => r.to), ['25/tcp', '25/tcp (v6)'])
  t.equal(parseUfwStatus(fixture('ufw-default-reject.txt')).incoming, 'reject')
  t.equal(parseUfwStatus(fixture('ufw-default-allow.txt')).incoming, 'allow')
  const numbered = parseUfwStatus(fixture('ufw-numbered.txt'))
  t.equal(numbered.incoming, null, 'plain and numbered status show no default')
  t.equal(numbered.rules[0]!.to, '22/tcp', 'numbers dropped')
  t.same(numbered.rules.filter((r) => r.direction === 'OUT').length, 2)
  const flagged = parseUfwStatus('Status: active\n\nTo  Action  From\n--  ------  ----\n22/tcp  ALLOW  Anywhere  (log)  # admin ssh\nnonsense\n')
  t.same(flagged.rules, [{ to: '22/tcp', action: 'ALLOW', direction: 'IN', from: 'Anywhere', line: '22/tcp  ALLOW  Anywhere' }])
  t.same(parseUfwStatus('garbage'), { status: null, incoming: null, rules: [] })
})

t.test('ufwRules: IPv4 incoming rules only, each matched against the probe', async (t) => {
  const many = parseUfwStatus(fixture('ufw-active-many.txt'))
  t.same(
    ufwRules(many, tcp(8443)).map((r) => [r.text, r.match, r.verdict.kind]),
    [
      ['22/tcp ALLOW IN Anywhere', 'no', 'accept'],
      ['8443/tcp ALLOW IN Anywhere', 'yes', 'accept'],
      ['9000/tcp ALLOW IN 192.168.1.0/24', 'no', 'accept'],
      ['25/tcp DENY IN Anywhere', 'no', 'drop'],
      ['2222/tcp LIMIT IN Anywhere', 'no', 'accept'],
      ['3000/tcp on wg0 ALLOW IN Anywhere', 'no', 'accept'],
      ['6000:6007/tcp ALLOW IN Anywhere', 'no', 'accept'],
      ['80,443/tcp ALLOW IN Anywhere', 'no', 'accept'],
      ['80/tcp (WWW) ALLOW IN Anywhere', 'no', 'accept'],
      ['23 REJECT IN Anywhere', 'no', 'drop'],
      ['53 ALLOW IN Anywhere', 'no', 'accept'],
      ['10.9.9.9 7000/tcp ALLOW IN Anywhere', 'no', 'accept'],
    ],
  )
  const first = parseUfwStatus(fixture('ufw-active-deny-first.txt'))
  t.same(
    ufwRules(first, tcp(8100)).map((r) => r.match),
    ['no', 'maybe', 'no', 'maybe', 'maybe', 'no', 'maybe'],
    'deny from an address, allow from 10/8, on eth0, to an address for a port range',
  )
  const odd = parseUfwStatus('Status: active\n--  ------  ----\nApache Full  ALLOW IN  Anywhere\n192.168.1.10  ALLOW IN  Anywhere\nAnywhere  ALLOW IN  OpenSSH\n8443/udp  ALLOW IN  Anywhere\nAnywhere on lo  ALLOW IN  Anywhere\n')
  t.same(ufwRules(odd, tcp(8443)).map((r) => r.match), ['maybe', 'maybe', 'maybe', 'no', 'no'], 'an application, an address, an application source, another protocol, lo')
})

t.test('judgeUfw on the recorded states', async (t) => {
  t.same(judge('ufw-inactive.txt', 8443), { tool: 'ufw', state: 'inactive', detail: 'ufw: Status: inactive', where: null })
  t.equal(judge('ufw-disabled.txt', 8443).state, 'inactive')
  t.same(judge('ufw-active-ssh.txt', 8443), { tool: 'ufw', state: 'blocks', detail: 'ufw: default deny (incoming), no accept for 8443/tcp', where: UFW_FIRST })
  t.same(judge('ufw-active-ssh.txt', 22), { tool: 'ufw', state: 'allows', detail: 'ufw: "22/tcp ALLOW IN Anywhere" accepts 22/tcp', where: UFW_FIRST })
  t.same(judge('ufw-active-empty.txt', 8443), { tool: 'ufw', state: 'blocks', detail: 'ufw: default deny (incoming), no accept for 8443/tcp', where: UFW_RULES })
  t.equal(judge('ufw-active-many.txt', 8443).state, 'allows')
  t.equal(judge('ufw-active-many.txt', 2222).state, 'allows', 'LIMIT lets a first connection in')
  t.equal(judge('ufw-active-many.txt', 25).detail, 'ufw: "25/tcp DENY IN Anywhere" drops 25/tcp')
  t.equal(judge('ufw-active-many.txt', 9000).state, 'unclear', 'from 192.168.1.0/24 only')
  t.equal(judge('ufw-active-many.txt', 53, 'udp').state, 'allows')
  t.equal(judge('ufw-default-allow.txt', 8080).detail, 'ufw: default allow (incoming), nothing drops 8080/tcp')
  t.equal(judge('ufw-default-allow.txt', 23).state, 'blocks')
  t.equal(judge('ufw-default-reject.txt', 8080).detail, 'ufw: default reject (incoming), no accept for 8080/tcp')
  t.equal(judge('ufw-active-deny-first.txt', 8443).detail, 'ufw: "8443/tcp DENY IN Anywhere" drops 8443/tcp')
  t.equal(judge('ufw-active-deny-first.txt', 8443, 'udp').state, 'unclear', 'deny from 203.0.113.5 comes before allow 8443')
  t.equal(judge('ufw-logging-off.txt', 9443, 'udp').state, 'unclear')
  t.same(judgeUfw({ status: null, incoming: null, rules: [] }, tcp(1)), { tool: 'ufw', state: 'unclear', detail: 'ufw status: no "Status:" line', where: null })
  const plain = judgeUfw(parseUfwStatus(fixture('ufw-numbered.txt')), tcp(12345))
  t.equal(plain.state, 'unclear', 'without the default policy, an unmatched port cannot be judged')
  t.equal(plain.detail, 'ufw: the default policy (not shown) may decide 12345/tcp in a way not judged here')
  t.equal(judgeUfw(parseUfwStatus(fixture('ufw-numbered.txt')), tcp(8443)).state, 'allows', 'numbered rules read like the others')
})

t.test('readUfw: not installed, not root, odd output, read', async (t) => {
  t.equal(await readUfw(contextFor(fakeExec({}))), null)
  const denied = await readUfw(contextFor(fakeExec({ 'ufw status verbose': { code: 1, stderr: fixture('ufw-nonroot.txt') } })))
  t.same(denied, { tool: 'ufw', state: 'unreadable', detail: 'ufw status verbose: could not be read (not root): ERROR: You need to be root to run this script', where: null })
  const odd = await readUfw(contextFor(fakeExec({ 'ufw status verbose': { stdout: 'Statut : actif\n' } })))
  t.same(odd, { tool: 'ufw', state: 'unclear', detail: 'ufw status verbose: unexpected output: Statut : actif', where: null })
  const read = await readUfw(contextFor(fakeExec({ '/usr/sbin/ufw status verbose': { stdout: fixture('ufw-active-ssh.txt') } })))
  t.equal(read?.state, 'blocks')
})
