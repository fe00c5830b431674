// The tool on a LAN host that is not the forward's target: the real server (TLS, a lab CA's certificate) answers through a working hairpin.
import t from 'tap'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DAEMONS, LAB, LAB_NAMES, runCli, type CliResult, type Lab } from './lab.js'
import { oneLine } from './background.js'
import { LAB_JOBS, labSkip, labTest } from './tap-lab.js'

// Each subtest owns its lab and mostly waits on the CLI's own timers (identifying what answered): all at once.
t.jobs = LAB_JOBS

// The whole run: echo, the probe, and identifying what answered instead of our listener (banner
// wait, TLS handshake, one HTTP answer) alongside the gateway query. The default budget.
const RUN_TIMEOUT_MS = 5000
// Kill a CLI that hangs well past its own budget, so the failure says so (exit code null).
const CLI_KILL_MS = 30_000
const ARGS = [String(LAB.port), '--json', ...LAB.echoUrls.flatMap((u) => ['--echo-url', u]), '--timeout', String(RUN_TIMEOUT_MS)]
const NAME = LAB_NAMES.public

// A lab CA and a certificate it signed for the lab's public name (hairpin.lab, which the lab DNS
// points at the public IP), made once for the file and removed at the end. The CLI trusts the CA
// only through NODE_EXTRA_CA_CERTS, never the system store.
let caFile = ''
let certFile = ''
let keyFile = ''
t.before(() => {
  if (labSkip().skip !== undefined) return
  const dir = mkdtempSync(join(tmpdir(), 'hairpin-check-other-host-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const openssl = (args: string[]): void => void execFileSync('openssl', args, { stdio: 'ignore' })
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  caFile = join(dir, 'ca.pem')
  const caKey = join(dir, 'ca-key.pem')
  openssl(['req', '-x509', ...ec, '-days', '1', '-subj', '/CN=hairpin-check lab CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-keyout', caKey, '-out', caFile])
  keyFile = join(dir, 'key.pem')
  certFile = join(dir, 'cert.pem')
  const csr = join(dir, 'server.csr')
  const ext = join(dir, 'server.ext')
  writeFileSync(ext, `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:${NAME}\n`)
  openssl(['req', '-new', ...ec, '-subj', `/CN=${NAME}`, '-keyout', keyFile, '-out', csr])
  openssl(['x509', '-req', '-in', csr, '-CA', caFile, '-CAkey', caKey, '-CAcreateserial', '-days', '1', '-extfile', ext, '-out', certFile])
})

/** The real server on host B, where the router's forward points: HTTPS with the lab CA's certificate for hairpin.lab. */
const serverOnB = (lab: Lab) =>
  lab.spawnBackground('b', [process.execPath, DAEMONS.tlsService, '--port', String(LAB.port), '--mode', 'https', '--cert', certFile, '--key', keyFile], { waitFor: 'listening' })

/** The CLI on host A (not the forward's target), trusting the lab CA when told to. */
const cliOnA = (lab: Lab, extra: string[], trustLabCa: boolean): Promise<CliResult> =>
  runCli(lab, 'a', [...ARGS, ...extra], { timeoutMs: CLI_KILL_MS, env: trustLabCa ? { NODE_EXTRA_CA_CERTS: caFile } : {} })

/** Something other than A's listener answered on the public IP: a foreign answer (or a reset), confirmed by a second attempt. */
const FOREIGN = ['wrong-service', 'reset']

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    await serverOnB(lab)
    const r = await cliOnA(lab, [], false)
    const ctx = { stderr: r.stderr, answeredBy: r.json?.answeredBy, tcp: r.json?.tcp }
    t.equal(r.code, 2, 'exit code 2: no verdict', ctx)
    t.equal(r.json?.verdict?.cause, 'other-service-answered', 'something else answered, and nothing says whose it is', ctx)
    t.equal(r.json?.verdict?.hairpin, null, 'nothing is said of the hairpin')
    t.ok(FOREIGN.includes(r.json?.tcp?.outcome), `tcp.outcome is a foreign answer (${r.json?.tcp?.outcome})`)
    t.equal(r.json?.tcp?.observedPeer, null, "A's listener saw nothing")
    const via = r.json?.answeredBy?.viaPublicIp
    t.equal(via?.kind, 'tls', 'what answered through the public IP is identified as TLS', ctx)
    t.equal(via?.tls?.subject, NAME, "B's certificate")
    t.equal(via?.tls?.validForName, null, 'without --host no name is checked')
    t.match(via?.tls?.fingerprint256, /^[0-9A-F:]{95}$/i, 'its fingerprint is recorded')
    t.not(r.json?.answeredBy?.gateway?.kind, 'tls', "the gateway's LAN address does not answer the same (it is not the router's own service)")
    t.equal(r.json?.answeredBy?.router, null, 'it does not look like router firmware')
    t.same(r.json?.verdict?.fixes, [], 'no verdict, no fixes')
    oneLine(t, r.stderr)
    t.match(r.stderr, /did not reach this host's listener; something else answered/, 'stderr says what happened')
    t.match(r.stderr, /run the tool on the server itself, pass --target SERVER_ADDRESS, or run "hairpin-check serve 8443" there and --peer TOKEN here; with --host NAME/, 'stderr names the next steps')

    // The name without trusting its CA: the certificate is not valid for it here, so still no verdict.
    const untrusted = await cliOnA(lab, ['--host', NAME], false)
    t.equal(untrusted.code, 2, 'an untrusted certificate settles nothing: exit 2', { stderr: untrusted.stderr })
    t.equal(untrusted.json?.verdict?.cause, 'other-service-answered')
    t.equal(untrusted.json?.answeredBy?.viaPublicIp?.tls?.validForName, false, 'the name was checked, and the certificate is not trusted')
  },
  'forward to B, the tool on A: another service answered, no verdict without a name',
  { forwardTo: 'b', dns: 'public' },
)

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    await serverOnB(lab)
    const r = await cliOnA(lab, ['--host', NAME], true)
    const ctx = { stderr: r.stderr, answeredBy: r.json?.answeredBy, tcp: r.json?.tcp }
    t.equal(r.code, 0, 'exit code 0: inside clients get through', ctx)
    t.equal(r.json?.verdict?.cause, 'hairpin-ok-other-host', 'the server on another host answered through the public IP', ctx)
    t.equal(r.json?.verdict?.hairpin, true, 'hairpin NAT works')
    t.equal(r.json?.dns?.pointsTo, 'public-ip', 'the name leads through the hairpin')
    t.equal(r.json?.answeredBy?.viaPublicIp?.kind, 'tls')
    t.equal(r.json?.answeredBy?.viaPublicIp?.tls?.validForName, true, 'its certificate is valid for the name, under the lab CA')
    t.equal(r.json?.answeredBy?.router, null)
    t.match(r.json?.verdict?.summary, `its TLS certificate is valid for ${NAME}`, 'the summary says what proves it')
    t.match(r.json?.verdict?.summary, /The address the server sees cannot be told from here/, 'and what it cannot tell')
    t.equal(r.stderr, '', 'a verdict: nothing on stderr')
  },
  'forward to B, the tool on A with --host and the lab CA trusted: hairpin-ok-other-host',
  { forwardTo: 'b', dns: 'public' },
)

labTest(
  t,
  'router-service',
  async (t, lab) => {
    // The router's own web UI (plain HTTP, no certificate at all) answers on the public IP and its LAN address.
    const r = await cliOnA(lab, ['--host', NAME], true)
    const ctx = { stderr: r.stderr, answeredBy: r.json?.answeredBy }
    t.equal(r.code, 1, 'exit code 1', ctx)
    t.not(r.json?.verdict?.cause, 'hairpin-ok-other-host', 'a name the router holds no certificate for never proves another host', ctx)
    t.equal(r.json?.verdict?.cause, 'router-answered', "the router's own service", ctx)
    t.equal(r.json?.verdict?.hairpin, false)
    t.not(r.json?.answeredBy?.viaPublicIp?.tls?.validForName, true, 'no certificate valid for the name answered')
  },
  "the router's own service with --host: still router-answered",
  { dns: 'public' },
)
