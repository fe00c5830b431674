// --target (and a port already taken): compare what answers at the public IP with the real service on the server.
import t from 'tap'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DAEMONS, LAB, LAB_NAMES, runCli, type Lab } from './lab.js'
import { LAB_JOBS, labSkip, labTest } from './tap-lab.js'

// Each subtest owns its lab and mostly waits on the CLI's own timers: all of them at once.
t.jobs = LAB_JOBS

const SERVICE = DAEMONS.tlsService
const ARGS = [String(LAB.port), '--json', ...LAB.echoUrls.flatMap((u) => ['--echo-url', u]), '--timeout', '6000']

// One self-signed certificate for the whole file (generated now, removed at the end).
let cert = ''
let key = ''
t.before(() => {
  if (labSkip().skip !== undefined) return
  const dir = mkdtempSync(join(tmpdir(), 'hairpin-check-tls-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  cert = join(dir, 'cert.pem')
  key = join(dir, 'key.pem')
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=server.lab', '-keyout', key, '-out', cert], { stdio: 'ignore' })
})

const service = (lab: Lab, mode: 'https' | 'http') =>
  lab.spawnBackground('a', [process.execPath, SERVICE, '--port', String(LAB.port), '--mode', mode, '--cert', cert, '--key', key], { waitFor: 'listening' })

labTest(t, 'reflect-masq', async (t, lab) => {
  await service(lab, 'https')
  // The name goes out as SNI on both paths, and resolves to the public IP (the lab's DNS).
  const r = await runCli(lab, 'b', [...ARGS, '--target', LAB.hostA, '--host', LAB_NAMES.public])
  t.equal(r.code, 0, 'exit code', { stderr: r.stderr })
  t.equal(r.json?.mode, 'target')
  t.equal(r.json?.verdict.cause, 'target-same')
  t.equal(r.json?.target.reason, 'flag')
  t.equal(r.json?.target.same, true)
  t.equal(r.json?.target.direct.kind, 'tls')
  t.equal(r.json?.target.direct.tls.subject, 'server.lab')
  t.equal(r.json?.target.viaPublicIp.tls.fingerprint256, r.json?.target.direct.tls.fingerprint256, 'the same certificate both ways')
  t.equal(r.json?.tcp, null, 'the address the server sees is unknown in this mode')
  t.equal(r.json?.dns.pointsTo, 'public-ip')
}, 'HTTPS server behind working reflection: the same service', { dns: 'public' })

labTest(t, 'router-service', async (t, lab) => {
  await service(lab, 'https')
  const r = await runCli(lab, 'b', [...ARGS, '--target', LAB.hostA])
  t.equal(r.code, 1, 'exit code', { stderr: r.stderr })
  t.equal(r.json?.verdict.cause, 'target-different')
  t.equal(r.json?.target.viaPublicIp.kind, 'http', "the router's own web UI")
  t.equal(r.json?.target.viaPublicIp.http.status, 400)
  t.equal(r.json?.target.direct.kind, 'tls')
  t.match(r.json?.verdict.summary, /answered by HTTP 400, Server: router-webui/)
}, "HTTPS server, but the router's own service answers on the public IP")

labTest(t, 'reflect-masq', async (t, lab) => {
  await service(lab, 'http')
  const r = await runCli(lab, 'a', ARGS)
  t.equal(r.code, 0, 'exit code', { stderr: r.stderr })
  t.equal(r.json?.mode, 'target', 'the port is taken: compare instead of listening')
  t.equal(r.json?.target.reason, 'port-in-use')
  t.equal(r.json?.target.address, LAB.hostA)
  t.equal(r.json?.target.direct.http.server, 'lab-server')
  t.equal(r.json?.verdict.cause, 'target-same')
  t.match(r.json?.verdict.warnings.join('\n'), /Something already listens on port 8443 here/)
}, 'a real HTTP service already holds the port on this host')
