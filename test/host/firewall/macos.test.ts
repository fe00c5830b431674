// The macOS application firewall: socketfilterfw's wordings across versions.

import t from 'tap'
import { judgeMacFirewall, parseSocketFilterFw, readMacFirewall, SOCKETFILTERFW } from '../../../src/host/firewall/macos.js'
import { contextFor, fakeExec, fixture } from '../../support/firewall/fixture.js'

const NODE = '/opt/homebrew/bin/node'

t.test('parseSocketFilterFw: the wordings of several macOS versions', async (t) => {
  t.same(parseSocketFilterFw(fixture('macos-enabled.txt')), { enabled: true, blockAll: false })
  t.same(parseSocketFilterFw(fixture('macos-state2-blockall-off.txt')), { enabled: true, blockAll: false }, 'State = 2 with block-all off')
  t.same(parseSocketFilterFw(fixture('macos-disabled.txt')), { enabled: false, blockAll: false })
  t.same(parseSocketFilterFw(fixture('macos-blockall-on.txt')), { enabled: true, blockAll: true })
  t.same(parseSocketFilterFw(fixture('macos-blockall-on-old.txt')), { enabled: true, blockAll: true })
  t.same(parseSocketFilterFw('Firewall is set to block all non-essential incoming connections'), { enabled: null, blockAll: true })
  t.same(parseSocketFilterFw(''), { enabled: null, blockAll: null })
})

t.test('judgeMacFirewall: off, block-all, per application', async (t) => {
  t.same(judgeMacFirewall({ enabled: false, blockAll: false }, NODE), { tool: 'macos-application-firewall', state: 'inactive', detail: 'application firewall is off', where: NODE })
  t.same(judgeMacFirewall({ enabled: true, blockAll: true }, NODE), {
    tool: 'macos-application-firewall',
    state: 'blocks',
    detail: 'application firewall: "Block all incoming connections" is on',
    where: NODE,
  })
  t.same(judgeMacFirewall({ enabled: true, blockAll: false }, NODE), {
    tool: 'macos-application-firewall',
    state: 'unclear',
    detail: `application firewall filters per application: ${NODE} must be allowed to accept incoming connections`,
    where: NODE,
  })
  t.match(judgeMacFirewall({ enabled: true, blockAll: null }, NODE).detail, /is on \(block-all state not understood\)/)
  t.same(judgeMacFirewall({ enabled: null, blockAll: true }, NODE).state, 'unclear')
})

t.test('readMacFirewall: one call, no root needed', async (t) => {
  t.equal(await readMacFirewall(contextFor(fakeExec({}), 'darwin')), null)
  const calls: string[] = []
  const answers = { [`${SOCKETFILTERFW} --getglobalstate --getblockall`]: { stdout: fixture('macos-enabled.txt') } }
  const read = await readMacFirewall(contextFor(fakeExec(answers, calls), 'darwin'))
  t.equal(read?.state, 'unclear')
  t.equal(read?.where, '/usr/local/bin/node', 'the node binary of the context')
  t.same(calls, [`${SOCKETFILTERFW} --getglobalstate --getblockall`])
  const failed = await readMacFirewall(contextFor(fakeExec({ [`${SOCKETFILTERFW} --getglobalstate --getblockall`]: { code: 1, stderr: 'oops' } }), 'darwin'))
  t.same(failed?.detail, 'socketfilterfw --getglobalstate --getblockall: exit 1: oops')
})
