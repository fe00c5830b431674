// --external against `hairpin-check echo-server` in the lab's internet, and that /port/N checks nobody but its caller.
import t from 'tap'
import { INET_ADDR, LAB, runCli } from './lab.js'
import { LAB_JOBS, labTest } from './tap-lab.js'

// Each subtest owns its lab and mostly waits on the CLI's own timers: all of them at once.
t.jobs = LAB_JOBS

const CHECKER = 'http://198.51.100.10/port/{port}'
const ARGS = [String(LAB.port), '--json', ...LAB.echoUrls.flatMap((u) => ['--echo-url', u]), '--timeout', '5000', '--no-gateway', '--external', '--external-url', CHECKER]

labTest(
  t,
  'wan-only',
  async (t, lab) => {
    const r = await runCli(lab, 'a', ARGS)
    t.equal(r.code, 1, 'hairpinning fails', { stderr: r.stderr })
    t.same(
      { ...r.json?.external, ms: 0 },
      { reachable: true, via: 'http://198.51.100.10/port/8443', ip: LAB.publicIp, error: null, ms: 0, seenByListener: true, observedPeer: INET_ADDR, peerKind: 'other' },
      'yet the forward works from outside, and our listener saw the checker from its own address',
    )
    t.equal(r.json?.publicIp.address, LAB.publicIp, 'the echo-server command answered the echo URLs too')
    t.ok(r.json?.tcp.strangers >= 1, "the checker's connection was a stranger: closed unanswered")
  },
  'outside works, inside does not',
  { echoServer: 'cli' },
)

labTest(
  t,
  'double-nat',
  async (t, lab) => {
    const r = await runCli(lab, 'a', ARGS)
    t.equal(r.json?.external.reachable, false, 'no forward on the router in front')
    t.equal(r.json?.external.seenByListener, false)
    t.match(r.json?.verdict.warnings.join('\n'), /the forward does not work from the internet either/)
  },
  'behind a second router, not reachable from outside',
  { echoServer: 'cli' },
)

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    // A listener in the internet namespace that must never be dialled by the checker.
    const spy = await lab.spawnBackground('inet', [process.execPath, '-e', `const s=require('net').createServer(c=>{console.log('DIALLED');c.destroy()});s.listen(9999,'198.51.100.10',()=>console.log('up'))`], { waitFor: 'up' })
    let heard = ''
    spy.stdout?.on('data', (d) => (heard += d))
    const get = (headers: string) =>
      lab.exec('a', [process.execPath, '-e', `require('http').get({host:'198.51.100.10',path:'/port/9999',headers:{${headers}}},r=>{let b='';r.on('data',d=>b+=d);r.on('end',()=>process.stdout.write(b))})`])
    const plain = JSON.parse((await get('')).stdout)
    t.same(plain, { ip: LAB.publicIp, port: 9999, reachable: false }, 'it checked the caller (the router\'s public address), not anyone else')
    const spoofed = JSON.parse((await get(`'x-forwarded-for':'198.51.100.10'`)).stdout)
    t.equal(spoofed.ip, LAB.publicIp, 'X-Forwarded-For from an untrusted caller is ignored')
    t.equal(spoofed.reachable, false)
    t.notMatch(heard, /DIALLED/, 'the third party on 198.51.100.10:9999 was never dialled')
  },
  '/port/N refuses any address but the caller\'s',
  { echoServer: 'cli' },
)
