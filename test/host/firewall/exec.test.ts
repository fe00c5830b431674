// Running status commands without a shell, and classifying why one gave no status.

import t from 'tap'
import {
  errorCode,
  failure,
  firstLine,
  MIN_STEP_TIMEOUT_MS,
  remaining,
  runTool,
  systemExec,
  toResult,
  unreadable,
  type ExecResult,
} from '../../../src/host/firewall/exec.js'
import { contextFor, fakeExec } from '../../support/firewall/fixture.js'

const node = process.execPath
const res = (r: Partial<ExecResult>): ExecResult => ({ code: 0, stdout: '', stderr: '', error: null, ...r })

t.test('toResult: exit codes, spawn errors, our timeout, a foreign signal', async (t) => {
  t.same(toResult(null, 'out', 'err'), res({ stdout: 'out', stderr: 'err' }))
  t.same(toResult(Object.assign(new Error('x'), { code: 3 }), '', 'bad'), res({ code: 3, stderr: 'bad' }))
  t.same(toResult(Object.assign(new Error('x'), { code: 'ENOENT' }), '', ''), res({ code: null, error: 'ENOENT' }))
  t.same(toResult(Object.assign(new Error('x'), { killed: true, signal: 'SIGKILL' as const }), '', ''), res({ code: null, error: 'ETIMEDOUT' }))
  t.same(toResult(Object.assign(new Error('x'), { signal: 'SIGSEGV' as const }), '', ''), res({ code: null, error: 'killed by SIGSEGV' }))
  t.same(toResult(new Error('x'), '', ''), res({ code: null }))
})

t.test('errorCode: the code of a thrown error, or its text', async (t) => {
  t.equal(errorCode(Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_VALUE' })), 'ERR_INVALID_ARG_VALUE')
  t.equal(errorCode(new Error('plain')), 'Error: plain')
  t.equal(errorCode('text'), 'text')
})

t.test('systemExec runs without a shell and never rejects', async (t) => {
  t.same(await systemExec(node, ['-e', 'process.stdout.write(process.env.LC_ALL)'], 10_000), res({ stdout: 'C' }), 'the C locale')
  t.same(await systemExec(node, ['-e', 'console.error("no"); process.exit(3)'], 10_000), res({ code: 3, stderr: 'no\n' }))
  t.same(await systemExec(node, ['-e', '0', '$(touch /tmp/never)'], 10_000), res({}), 'arguments are not shell words')
  t.equal((await systemExec('/nonexistent/hairpin-check-no-such-binary', [], 10_000)).error, 'ENOENT')
  t.equal((await systemExec(node, ['-e', 'setTimeout(() => {}, 10000)'], 300)).error, 'ETIMEDOUT')
  t.equal((await systemExec(node, ['a\u0000b'], 1000)).error, 'ERR_INVALID_ARG_VALUE', 'a synchronous throw resolves too')
})

t.test('remaining: the time left, never below the minimum step', async (t) => {
  t.equal(remaining(10_000, 4_000), 6_000)
  t.equal(remaining(1_000, 4_000), MIN_STEP_TIMEOUT_MS)
  t.ok(remaining(Date.now() + 60_000) > 50_000)
})

t.test('runTool looks in the sbin directories on Linux only', async (t) => {
  const calls: string[] = []
  const exec = fakeExec({ '/usr/sbin/nft -j list ruleset': { stdout: '{}' } }, calls)
  t.equal((await runTool(contextFor(exec), 'nft', ['-j', 'list', 'ruleset']))?.stdout, '{}')
  t.same(calls, ['nft -j list ruleset', '/usr/sbin/nft -j list ruleset'])
  calls.length = 0
  t.equal(await runTool(contextFor(exec, 'android'), 'ufw', ['status']), null)
  t.same(calls, ['ufw status', '/usr/sbin/ufw status', '/sbin/ufw status'])
  calls.length = 0
  t.equal(await runTool(contextFor(exec, 'win32'), 'netsh', []), null)
  t.equal(await runTool(contextFor(exec), '/usr/libexec/x', []), null)
  t.same(calls, ['netsh', '/usr/libexec/x'], 'elsewhere, and for paths, one try')
  const searchDenied = { code: null, error: 'EACCES' }
  const missing = { code: null, error: 'ENOENT' }
  const onlySearch = fakeExec({ 'firewall-cmd --state': searchDenied, '/usr/sbin/firewall-cmd --state': missing, '/sbin/firewall-cmd --state': missing })
  t.equal(await runTool(contextFor(onlySearch), 'firewall-cmd', ['--state']), null, 'EACCES from a PATH search: not found')
  const notExecutable = fakeExec({ 'firewall-cmd --state': searchDenied, '/usr/sbin/firewall-cmd --state': searchDenied })
  t.equal((await runTool(contextFor(notExecutable), 'firewall-cmd', ['--state']))?.error, 'EACCES', 'EACCES on the file itself: there, but not for us')
  t.equal((await runTool(contextFor(fakeExec({ 'netsh x': searchDenied }), 'win32'), 'netsh', ['x']))?.error, 'EACCES', 'no PATH fallback elsewhere')
})

t.test('firstLine and unreadable', async (t) => {
  t.equal(firstLine('\n  \nOperation not permitted (you must be root)\nnetlink: …'), 'Operation not permitted (you must be root)')
  t.equal(firstLine(''), '')
  t.equal(firstLine('\u001b[31mred\u001b[0m'), 'red')
  t.same(unreadable('nftables', 'why'), { tool: 'nftables', state: 'unreadable', detail: 'why', where: null })
})

t.test('failure: says why a status command gave no status', async (t) => {
  t.equal(failure('nftables', 'nft', res({})), null)
  t.equal(failure('nftables', 'nft', res({ code: null, error: 'ETIMEDOUT' }))?.detail, 'nft: no answer in time')
  t.equal(failure('nftables', 'nft', res({ code: 1, stderr: 'Operation not permitted (you must be root)\n' }))?.detail, 'nft: could not be read (not root): Operation not permitted (you must be root)')
  t.equal(failure('ufw', 'ufw status', res({ code: 1, stdout: 'ERROR: You need to be root to run this script' }))?.detail, 'ufw status: could not be read (not root): ERROR: You need to be root to run this script')
  t.equal(failure('x', 'x', res({ code: null, error: 'EACCES' }))?.detail, 'x: could not be read (not root)')
  t.equal(failure('x', 'x', res({ code: null, error: 'EPERM' }))?.state, 'unreadable')
  t.equal(failure('x', 'x', res({ code: null, error: 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER' }))?.detail, 'x: ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
  t.equal(failure('x', 'x', res({ code: 2, stderr: 'Error: syntax' }))?.detail, 'x: exit 2: Error: syntax')
  t.equal(failure('x', 'x', res({ code: 2 }))?.detail, 'x: exit 2')
})
