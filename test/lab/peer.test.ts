// Two hosts: `hairpin-check serve` on the server (A) and `--peer TOKEN` probes from another LAN host (B).
import t, { type Test } from 'tap'
import type { ChildProcess } from 'node:child_process'
import { CLI_PATH, LAB, runCli, type Lab } from './lab.js'
import { LAB_JOBS, labTest } from './tap-lab.js'

// Each subtest owns its lab and mostly waits on the CLI's own timers: all of them at once.
t.jobs = LAB_JOBS

// serve closes its sockets and exits within milliseconds of SIGTERM; 5 s means it did not.
const STOP_WAIT_MS = 5000
const TOKEN = `hc1.${Buffer.alloc(32, 0x5a).toString('base64url')}`
const PROBE = [String(LAB.port), '--json', '--udp', '--peer', TOKEN, ...LAB.echoUrls.flatMap((u) => ['--echo-url', u]), '--timeout', '2000']

/** Starts serve on A; returns its collected stdout and a stop that waits for its exit. */
async function startServe(t: Test, lab: Lab): Promise<{ out: () => string; err: () => string; stop: () => Promise<number | null> }> {
  let out = ''
  let err = ''
  const child: ChildProcess = await lab.spawnBackground('a', [process.execPath, CLI_PATH, 'serve', String(LAB.port), '--token', TOKEN], { waitFor: TOKEN })
  child.stdout?.on('data', (d) => (out += d))
  child.stderr?.on('data', (d) => (err += d))
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  const stop = async (): Promise<number | null> => {
    child.kill('SIGTERM')
    // A serve that does not stop on SIGTERM is a failure to report, not a hang. The timer is
    // cleared once it stopped: left pending it would hold this file's process for 5 s.
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<null>((r) => (timer = setTimeout(() => r(null), STOP_WAIT_MS)))
    try {
      return await Promise.race([exited, late])
    } finally {
      clearTimeout(timer)
    }
  }
  t.teardown(() => void child.kill('SIGKILL'))
  return { out: () => out, err: () => err, stop }
}

labTest(t, 'reflect-masq', async (t, lab) => {
  const serve = await startServe(t, lab)
  // A long-running serve answers one probe after another.
  for (let i = 0; i < 3; i++) {
    const r = await runCli(lab, 'b', PROBE)
    t.equal(r.code, 0, `probe ${i + 1}`, { stderr: r.stderr })
    t.equal(r.json?.mode, 'peer')
    t.equal(r.json?.listener, null, 'nothing listens on B')
    t.equal(r.json?.client.address, LAB.hostB)
    t.equal(r.json?.tcp.outcome, 'ok')
    t.equal(r.json?.tcp.observedPeer, LAB.gateway, 'the server saw the gateway')
    t.equal(r.json?.tcp.peerKind, 'gateway')
    t.equal(r.json?.tcp.serverAddress, LAB.hostA, 'the proof names the server')
    t.equal(r.json?.udp.outcome, 'ok')
    t.equal(r.json?.udp.replyFrom, LAB.publicIp)
    t.equal(r.json?.verdict.cause, 'hairpin-ok-gateway-source')
  }
  // A stranger on the port gets nothing, and serve carries on.
  const stranger = await lab.exec('b', [process.execPath, '-e', `const s=require('net').connect(${LAB.port},'${LAB.hostA}',()=>s.write('GET / HTTP/1.0\\r\\n\\r\\n'));let d='';s.on('data',x=>d+=x);s.on('close',()=>{process.stdout.write(JSON.stringify(d));process.exit(0)});s.on('error',()=>process.exit(0))`])
  t.equal(stranger.stdout, '""', 'nothing sent to a stranger')
  t.equal((await runCli(lab, 'b', PROBE)).code, 0, 'still serving')
  t.equal(await serve.stop(), 0, 'SIGTERM stops serve cleanly')
  const lines = serve.out().trimEnd().split('\n') // after the token line, which startServe waited for
  t.equal(lines.filter((l) => / tcp probe from 192\.168\.77\.1:\d+ to 192\.168\.77\.10$/.test(l)).length, 4, 'each TCP probe logged with what serve saw')
  t.ok(lines.some((l) => / udp probe from 192\.168\.77\.1:\d+ to /.test(l)), 'UDP probes logged')
  t.match(serve.err(), /stopped after \d+ probes \(1 others? left unanswered\)/)
}, 'serve + --peer through reflection with masquerade')

labTest(t, 'dnat-no-snat', async (t, lab) => {
  const serve = await startServe(t, lab)
  const r = await runCli(lab, 'b', PROBE)
  t.equal(r.code, 1, 'exit code', { stderr: r.stderr })
  t.equal(r.json?.verdict.cause, 'dnat-without-snat', 'the canonical hairpin failure, named')
  t.equal(r.json?.tcp.outcome, 'timeout', 'TCP: silence')
  t.equal(r.json?.udp.outcome, 'direct-reply', 'UDP: the answer came straight from the server')
  t.equal(r.json?.udp.replyFrom, LAB.hostA)
  t.equal(r.json?.udp.observedPeer, LAB.hostB, "the server saw the client's own address")
  t.equal(r.json?.udp.peerKind, 'client')
  const nft = r.json?.verdict.fixes.find((f: { id: string }) => f.id.startsWith('nftables-'))
  t.match(nft?.commands.join('\n'), /ip saddr 192\.168\.77\.0\/24 ip daddr 192\.168\.77\.10 tcp dport 8443 ct status dnat masquerade/, 'the first nftables fix, filled in')
  await serve.stop()
  t.match(serve.out(), / udp probe from 192\.168\.77\.20:\d+ to 192\.168\.77\.10/, "serve logs the client's own address")
}, 'serve + --peer: DNAT without SNAT seen from a second host')

labTest(t, 'reflect-masq', async (t, lab) => {
  const r = await runCli(lab, 'b', PROBE)
  t.equal(r.code, 1, 'nothing serves on A: the forward reaches a closed port')
  t.equal(r.json?.tcp.outcome, 'refused')
  const bad = await runCli(lab, 'b', [String(LAB.port), '--peer', 'hc1.nope'])
  t.equal(bad.code, 2)
  t.match(bad.stderr, /^hairpin-check: --peer: not a token from "hairpin-check serve"/)
}, '--peer without a serve, and a bad token')
