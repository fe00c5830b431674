// schema/report.schema.json: compiles in Ajv's strict mode, matches the Report type field for
// field, accepts the reports the tool builds, and (in its strict variant) rejects anything else.
import t from 'tap'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { diagnose } from '../src/diagnose/diagnose.js'
import { renderJson } from '../src/render/json.js'
import type { Observations, Report } from '../src/report/report.js'
import type { RunOptions } from '../src/run/run.js'
import { fakeIO, observations, probeReport, runOptions, tcpReport, udpReport } from './support/fixtures.js'
import { createAjv, errorLines, loadSchema, SCHEMA_PATH, strictVariant, validateReport, type JsonSchema } from './lab/schema-hook.js'

const REPORT_TS = fileURLToPath(new URL('../src/report/report.ts', import.meta.url))
const schema = loadSchema()
const strict = strictVariant(schema)
const ajv = createAjv()
const validatePublished = ajv.compile(schema)
const validateStrict = ajv.compile(strict)
const defs = schema.$defs as Record<string, JsonSchema>

/** Every subschema, with its JSON pointer. */
function* nodes(node: unknown, at = '#'): Generator<[string, JsonSchema]> {
  if (Array.isArray(node)) {
    for (const [i, v] of node.entries()) yield* nodes(v, `${at}/${i}`)
    return
  }
  if (node === null || typeof node !== 'object') return
  yield [at, node as JsonSchema]
  for (const [k, v] of Object.entries(node)) yield* nodes(v, `${at}/${k}`)
}

/** The report the tool would print for these observations, as a consumer parses it. */
function reportOf(obs: Observations): Report {
  return JSON.parse(renderJson({ ...obs, verdict: diagnose(obs) })) as Report
}

const refused = tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null })
const noPublicIp = { address: null, via: 'echo' as const, sources: [{ url: 'http://198.51.100.10/ip', address: null, error: 'connect timed out', ms: 100, rejected: null }], onThisHost: null, candidates: [], confirmedBy: null }
const svc = (over: Partial<NonNullable<NonNullable<Observations['target']>['direct']>> = {}): NonNullable<NonNullable<Observations['target']>['direct']> => ({
  outcome: 'ok',
  kind: 'tls',
  banner: null,
  tls: { fingerprint256: 'AB:CD', subject: 'server.lab', issuer: 'Lab CA', validTo: 'Nov 27 23:48:03 2026 GMT', alpn: 'http/1.1', organization: null, sans: [], trusted: false, validForName: null },
  http: { status: 200, server: 'app', title: null },
  error: null,
  ms: 5,
  description: 'TLS certificate CN=server.lab',
  ...over,
})
const tgt = (over: Partial<NonNullable<Observations['target']>> = {}): Observations['target'] => ({ address: '192.168.77.10', reason: 'flag', viaPublicIp: svc(), direct: svc(), same: true, ...over })
const inTarget = { tcp: null, listener: null, mode: 'target' as const }
const gw = (over: Partial<NonNullable<Observations['gateway']>> = {}): NonNullable<Observations['gateway']> => ({
  address: '192.168.77.1',
  natpmp: { resultCode: 0, externalIp: '203.0.113.7', epoch: 1234, error: null, ms: 2 },
  pcp: { present: false, version: 0, resultCode: 1, error: null, ms: 3 },
  upnp: {
    found: true,
    location: 'http://192.168.77.1:5000/rootDesc.xml',
    manufacturer: 'Lab Networks',
    model: 'HairpinLab 1',
    friendlyName: 'Lab Router',
    serviceType: 'urn:schemas-upnp-org:service:WANIPConnection:1',
    connectionStatus: 'Connected',
    externalIp: '203.0.113.7',
    mapping: { internalClient: '192.168.77.10', internalPort: 8443, enabled: true, description: 'hairpin', leaseDuration: 0 },
    error: null,
    ms: 9,
  },
  webui: null,
  vendor: null,
  ...over,
})
const dns = (over: Partial<NonNullable<Observations['dns']>>): Observations['dns'] => ({ name: 'app.lab', addresses: ['203.0.113.7'], pointsTo: 'public-ip', error: null, direct: null, ...over })
const v6 = (over: Partial<NonNullable<Observations['ipv6']>> = {}): Observations['ipv6'] => ({
  address: '2001:db8:77::10',
  publicAddress: '2001:db8:77::10',
  sources: [{ url: 'http://[2001:db8:100::10]/ip', address: '2001:db8:77::10', error: null, ms: 3, rejected: null }],
  target: '2001:db8:77::10',
  outcome: 'ok',
  observedPeer: '2001:db8:77::10',
  ms: 1,
  error: null,
  ...over,
})
const external = { reachable: true, via: 'http://198.51.100.10/port/8443', ip: '203.0.113.7', error: null, ms: 20, seenByListener: true, observedPeer: null, peerKind: null }
const wrongService = tcpReport({ outcome: 'wrong-service', observedPeer: null, peerKind: null, answer: 'HTTP/1.1 400', attempts: 2 })
const httpSvc = svc({ kind: 'http', tls: null, http: { status: 400, server: 'router', title: 'OpenWrt - LuCI' }, description: 'HTTP 400, Server: router, title "OpenWrt - LuCI"' })
const openwrt = { id: 'openwrt', name: 'OpenWrt', via: 'web UI title', evidence: 'OpenWrt - LuCI' }
const webui = {
  pages: [
    { url: 'http://192.168.77.1/', status: 200, server: 'uhttpd', title: 'OpenWrt - LuCI', location: '/cgi-bin/luci', realm: null, cert: null, error: null, ms: 4 },
    { url: 'https://192.168.77.1/', status: null, server: null, title: null, location: null, realm: null, cert: { subject: 'OpenWrt', organization: 'OpenWrt1a2b3c4d', issuer: 'OpenWrt', sans: ['192.168.77.1'] }, error: 'ECONNRESET', ms: 9 },
  ],
}
/** One of two echo services answered, one more answered a private address: nothing confirms the public IP. */
const unconfirmed = {
  ...observations().publicIp,
  sources: [
    { url: 'http://198.51.100.10/ip', address: '203.0.113.7', error: null, ms: 5, rejected: null },
    { url: 'http://198.51.100.11/json', address: null, error: 'HTTP 500', ms: 6, rejected: null },
    { url: 'http://192.168.77.1/ip', address: '192.168.77.1', error: null, ms: 2, rejected: 'a private address (RFC 1918)' },
  ],
  candidates: [{ address: '203.0.113.7', votes: 1, outcome: null }],
  confirmedBy: null,
}

/** Observations for every cause, with every nullable block filled in somewhere. */
const CASES: Array<[string, Observations]> = [
  ['hairpin-ok-public-source', observations({ tcp: tcpReport({ observedPeer: '203.0.113.7', peerKind: 'public-ip' }) })],
  ['hairpin-ok-gateway-source', observations({ udp: udpReport(), gateway: gw(), external, ipv6: v6() })],
  ['hairpin-ok-client-source', observations({ tcp: tcpReport({ observedPeer: '192.168.77.10', peerKind: 'client' }) })],
  ['hairpin-ok-other-source', observations({ tcp: tcpReport({ observedPeer: '10.9.9.9', peerKind: 'other' }) })],
  ['no-reflection', observations({ tcp: refused, ipv6: v6(), external: { ...external, reachable: false, seenByListener: false } })],
  [
    'router-answered',
    observations({ tcp: wrongService, gateway: gw({ webui, vendor: openwrt }), answeredBy: { viaPublicIp: httpSvc, gateway: httpSvc, forwardTarget: null, router: openwrt } }),
  ],
  ['other-service-answered', observations({ tcp: wrongService, answeredBy: { viaPublicIp: httpSvc, gateway: null, forwardTarget: null, router: null } })],
  ['hairpin-ok-other-host', observations({ tcp: wrongService, answeredBy: { viaPublicIp: svc(), gateway: httpSvc, forwardTarget: { address: '192.168.77.20', service: svc() }, router: null } })],
  [
    'host-firewall',
    observations({
      tcp: tcpReport({ outcome: 'timeout', observedPeer: null, peerKind: null, ms: 2000, attempts: 8 }),
      hostFirewall: { findings: [{ tool: 'nftables', state: 'blocks', detail: 'inet filter input: policy drop', where: 'inet filter input' }, { tool: 'ufw', state: 'inactive', detail: 'Status: inactive', where: null }], blocks: true },
    }),
  ],
  ['other-path', observations({ tcp: refused, client: { ...observations().client, interface: 'wg0', tunnel: true } })],
  ['public-ip-uncertain', observations({ tcp: refused, publicIp: unconfirmed, external: { ...external, observedPeer: '192.168.77.1', peerKind: 'gateway' } })],
  ['no-snat-or-filtered', observations({ tcp: tcpReport({ outcome: 'timeout', observedPeer: null, peerKind: null, ms: 2000 }), gateway: gw({ natpmp: null, pcp: null }) })],
  ['dnat-without-snat', observations({ mode: 'peer', listener: null, udp: udpReport({ outcome: 'direct-reply', observedPeer: '192.168.77.20', peerKind: 'other', replyFrom: '192.168.77.10' }) })],
  ['unreachable', observations({ tcp: tcpReport({ outcome: 'unreachable', observedPeer: null, peerKind: null, error: 'EHOSTUNREACH' }) })],
  ['split-horizon-dns', observations({ tcp: refused, dns: dns({ addresses: ['192.168.77.10'], pointsTo: 'lan', direct: { address: '192.168.77.10', outcome: 'ok', observedPeer: '192.168.77.10', ms: 2 } }) })],
  ['dns-elsewhere', observations({ dns: dns({ addresses: ['198.51.100.77'], pointsTo: 'elsewhere' }) })],
  ['dns-unresolved', observations({ dns: dns({ addresses: [], pointsTo: 'none', error: 'ENOTFOUND' }) })],
  ['target-same', observations({ ...inTarget, target: tgt() })],
  ['target-different', observations({ ...inTarget, target: tgt({ same: false, viaPublicIp: svc({ kind: 'http', tls: null, description: 'HTTP 400, Server: router' }), reason: 'port-in-use' }) })],
  ['cgnat', observations({ tcp: refused, gateway: gw({ natpmp: { resultCode: 0, externalIp: '100.64.7.2', epoch: 1, error: null, ms: 2 } }) })],
  ['double-nat', observations({ tcp: refused, gateway: gw({ natpmp: { resultCode: 3, externalIp: null, epoch: 1, error: null, ms: 2 }, upnp: { ...gw().upnp!, externalIp: null, mapping: null }, webui: null, vendor: null }) })],
  ['not-behind-nat', observations({ publicIp: { ...observations().publicIp, onThisHost: true }, tcp: tcpReport({ observedPeer: '203.0.113.7', peerKind: 'client' }) })],
  ['no-public-ip', observations({ publicIp: noPublicIp, tcp: null, listener: null, fault: { kind: 'no-public-ip', code: null, message: 'could not learn the public IP' } })],
  ['listen-failed', observations({ tcp: null, listener: null, fault: { kind: 'listen-failed', code: 'EADDRINUSE', message: 'cannot listen' } })],
  ['bad-input', observations({ port: null, tcp: null, listener: null, publicIp: { address: null, via: 'flag', sources: [], onThisHost: null, candidates: [], confirmedBy: 'flag' }, fault: { kind: 'bad-input', code: null, message: 'port must be…' } })],
  ['probe-error', observations({ tcp: tcpReport({ outcome: 'error', observedPeer: null, peerKind: null, error: 'EADDRNOTAVAIL' }) })],
  ['target-unreachable', observations({ ...inTarget, target: tgt({ direct: svc({ outcome: 'refused', kind: null, tls: null, http: null, error: 'ECONNREFUSED' }), same: null }), fault: { kind: 'target-unreachable', code: 'ECONNREFUSED', message: 'the server does not answer' } })],
  ['dns-failed', observations({ dns: { name: 'app.lab', addresses: [], pointsTo: 'none', error: 'EAI_AGAIN', direct: null } })],
  ['interrupted', observations({ tcp: null, fault: { kind: 'interrupted', code: 'SIGINT', message: 'interrupted by SIGINT before the verdict; the report holds what was seen so far' } })],
]

t.test('the schema itself', async (t) => {
  t.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema')
  t.equal(schema.$id, 'https://github.com/hairpin-check/hairpin-check/schema/report.schema.json')
  t.ok(ajv.validateSchema(schema), 'valid against the 2020-12 meta-schema')
  t.same((schema.properties as JsonSchema).schemaVersion, { description: (schema.properties as { schemaVersion: JsonSchema }).schemaVersion.description, const: 1 })
  t.match(schema.description, /additionalProperties/, 'the compatibility decision is written down')

  const closed = [...nodes(schema)].filter(([, n]) => n.additionalProperties === false).map(([at]) => at)
  t.same(closed, [], 'published schema is forward compatible: unknown fields are allowed everywhere')
  const strictOpen = [...nodes(strict)].filter(([, n]) => n.type === 'object' && n.additionalProperties !== false).map(([at]) => at)
  t.same(strictOpen, [], 'strict variant closes every object')
  t.equal(strict.$id, 'https://github.com/hairpin-check/hairpin-check/schema/report.strict.schema.json')

  const undescribed: string[] = []
  for (const [at, n] of nodes(schema)) {
    if (n.properties && typeof n.properties === 'object') {
      if (n.type !== 'object') undescribed.push(`${at}: properties without type object`)
      for (const [k, p] of Object.entries(n.properties as Record<string, JsonSchema>)) if (typeof p.description !== 'string' || p.description === '') undescribed.push(`${at}/properties/${k}`)
      t.same([...((n.required as string[] | undefined) ?? [])].filter((r) => !(r in (n.properties as object))), [], `${at}: required fields exist`)
    }
  }
  for (const [k, d] of Object.entries(defs)) if (typeof d.description !== 'string') undescribed.push(`#/$defs/${k}`)
  t.same(undescribed, [], 'every field and every shared shape has a description')

  const refs = [...nodes(schema)].flatMap(([, n]) => (typeof n.$ref === 'string' ? [n.$ref] : []))
  t.same(refs.filter((r) => !(r.replace('#/$defs/', '') in defs)), [], 'every $ref resolves')
  t.same(Object.keys(defs).filter((d) => !refs.includes(`#/$defs/${d}`)), [], 'every $def is used')
  t.ok(SCHEMA_PATH.endsWith('schema/report.schema.json'))
})

t.test('reports built from the fixtures, one per cause, validate', async (t) => {
  const covered = new Set<string>()
  for (const [cause, obs] of CASES) {
    const report = reportOf(obs)
    t.equal(report.verdict.cause, cause, `the fixture reaches ${cause}`)
    covered.add(report.verdict.cause)
    t.same(validateReport(report), [], `${cause}: strict`)
    t.ok(validatePublished(report), `${cause}: published`)
  }
  t.same([...covered].sort(), [...(defs.Cause!.enum as string[])].sort(), 'every cause is exercised')

  const redacted = { ...reportOf(CASES[1]![1]), redacted: true }
  t.same(validateReport(redacted), [], 'optional `redacted: true`')
  const expectations = [
    { expect: 'works', holds: true, why: 'inside clients get through (hairpin-ok-gateway-source)' },
    { expect: 'source=public-ip', holds: false, why: "the server sees the gateway's address" },
    { expect: 'fails', holds: null, why: 'no verdict (interrupted)' },
  ]
  t.same(validateReport({ ...reportOf(CASES[1]![1]), expectations }), [], 'optional `expectations`, as the CLI writes them')
  const probed = reportOf(observations({ publicIp: { ...observations().publicIp, candidates: [{ address: '203.0.113.7', votes: 1, outcome: 'ok' }, { address: '198.51.100.99', votes: 1, outcome: 'refused' }], confirmedBy: null } }))
  t.same(validateReport(probed), [], 'candidates probed one by one')
  t.same(validateReport(JSON.stringify(reportOf(CASES[0]![1]))), [], 'a JSON string is parsed first')
})

// src/redact.ts (`--redact`) is being written alongside: validate its output once it is there,
// without making this file depend on its module at type-check time.
const REDACT = new URL('../src/render/redact.ts', import.meta.url)
t.test('redacted reports validate', { skip: existsSync(REDACT) ? false : 'src/redact.ts is not there yet' }, async (t) => {
  const mod = (await import(new URL('../src/render/redact.js', import.meta.url).href)) as { redact?: (r: Report) => unknown }
  if (typeof mod.redact !== 'function') return t.fail('src/redact.ts exports no redact()')
  for (const [cause, obs] of CASES) {
    const masked = JSON.parse(JSON.stringify(mod.redact(reportOf(obs)))) as Record<string, unknown>
    t.equal(masked.redacted, true, `${cause}: marked`)
    t.same(validateReport(masked), [], `${cause}: the redacted report validates`)
  }
})

t.test('reports from whole runs (fake I/O) validate', async (t) => {
  const opts = runOptions
  const runs: Array<[string, Partial<RunOptions>, Parameters<typeof fakeIO>[0]]> = [
    ['default', {}, {}],
    ['udp, host, external, gateway', { udp: true, host: 'app.lab', external: 'http://198.51.100.10/port/8443' }, { gateway: gw() }],
    ['udp only', { tcp: false, udp: true }, {}],
    ['target', { target: '192.168.77.10' }, {}],
    ['refused, public ip flag', { publicIp: '203.0.113.7' }, { probe: { outcome: 'refused', observedPeer: null } }],
  ]
  for (const [name, o, io] of runs) {
    const r = await probeReport(opts(o), fakeIO(io).io)
    t.same(validateReport(JSON.parse(renderJson(r))), [], name)
  }
})

t.test('the strict variant rejects what the schema does not describe', async (t) => {
  const good = (): Report => reportOf(CASES[1]![1])
  const bad = (f: (r: Record<string, any>) => void): unknown => {
    const r = good() as unknown as Record<string, any>
    f(r)
    return r
  }
  const cases: Array<[string, unknown, RegExp, boolean]> = [
    // [what, report, expected error line, also rejected by the published schema]
    ['an unknown top-level field', bad((r) => (r.surprise = 1)), /^\/ must NOT have additional properties: "surprise"$/, false],
    ['an unknown nested field', bad((r) => (r.tcp.rtt = 3)), /^\/tcp must NOT have additional properties: "rtt"$/, false],
    ['an unknown field in a fix', bad((r) => (r.verdict.fixes[0].url = 'x')), /^\/verdict\/fixes\/0 must NOT have additional properties: "url"$/, false],
    ['an unknown field deep in the gateway', bad((r) => (r.gateway.upnp.mapping.protocol = 'TCP')), /^\/gateway\/upnp\/mapping must NOT have additional properties: "protocol"$/, false],
    ['a wrong cause', bad((r) => (r.verdict.cause = 'works')), /^\/verdict\/cause must be equal to one of the allowed values: "hairpin-ok-public-source", /, true],
    ['a wrong TCP outcome', bad((r) => (r.tcp.outcome = 'maybe')), /^\/tcp\/outcome must be equal to one of the allowed values/, true],
    ['a wrong peer kind', bad((r) => (r.udp.peerKind = 'router')), /^\/udp\/peerKind must be equal to one of the allowed values/, true],
    ['a wrong mode', bad((r) => (r.mode = 'serve')), /^\/mode must be equal to one of the allowed values: "listen", "peer", "target"$/, true],
    ['a missing required field', bad((r) => delete r.verdict.summary), /^\/verdict must have required property 'summary'$/, true],
    ['a missing nullable block', bad((r) => delete r.dns), /^\/ must have required property 'dns'$/, true],
    ['another schemaVersion', bad((r) => (r.schemaVersion = 2)), /^\/schemaVersion must be equal to constant: 1$/, true],
    ['a non-ISO startedAt', bad((r) => (r.startedAt = 'yesterday')), /^\/startedAt must match format "date-time"$/, true],
    ['a fractional port', bad((r) => (r.port = 80.5)), /^\/port must be integer or null$/, true],
    ['a string where a tri-state belongs', bad((r) => (r.verdict.hairpin = 'yes')), /^\/verdict\/hairpin must be boolean or null$/, true],
    ['a string where an object or null belongs', bad((r) => (r.udp = 'none')), /^\/udp must be object or null$/, true],
    ['undefined where null belongs (dropped by JSON)', JSON.parse(JSON.stringify(bad((r) => (r.tcp.error = undefined)))), /^\/tcp must have required property 'error'$/, true],
  ]
  for (const [what, report, line, published] of cases) {
    const errors = validateReport(report)
    t.ok(errors.some((e) => line.test(e)), `${what}: ${line}`, { errors })
    t.equal(validatePublished(report), !published, `${what}: published schema ${published ? 'rejects' : 'tolerates'} it`)
  }
  t.same(validateReport('{'), [`/ is not JSON: ${(() => { try { JSON.parse('{') } catch (e) { return (e as Error).message } })()}`])
  t.same(validateReport(null), ['/ must be object'])
  t.ok(validateStrict(good()))
  t.same(errorLines(null), [])
  t.same(errorLines(undefined), [])
})

// ---- The schema against src/report.ts, field for field, via the TypeScript checker ----

const program = ts.createProgram({
  rootNames: [REPORT_TS],
  options: { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [] },
})
const checker = program.getTypeChecker()
const source = program.getSourceFile(REPORT_TS)!

/** The string literals of `export type Name = 'a' | 'b' | …`, read from the source text. */
function literalUnion(name: string): string[] {
  const alias = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name)
  if (alias === undefined || !ts.isUnionTypeNode(alias.type)) throw new Error(`no union type ${name} in src/report.ts`)
  return alias.type.types.map((m) => {
    if (!ts.isLiteralTypeNode(m) || !ts.isStringLiteral(m.literal)) throw new Error(`${name}: not a string literal: ${m.getText(source)}`)
    return m.literal.text
  })
}

t.test('every union in src/report.ts is the schema enum, both ways', async (t) => {
  for (const name of ['Cause', 'TcpOutcome', 'UdpOutcome', 'PeerKind']) {
    const fromTs = literalUnion(name)
    const fromSchema = defs[name]!.enum as string[]
    t.ok(fromTs.length > 0, `${name} parsed`)
    t.same(fromTs.filter((v) => !fromSchema.includes(v)), [], `${name}: every TS member is in the schema`)
    t.same(fromSchema.filter((v) => !fromTs.includes(v)), [], `${name}: every schema value is in the TS union`)
    t.equal(new Set(fromSchema).size, fromSchema.length, `${name}: no duplicates`)
  }
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  const causesSection = readme.slice(readme.indexOf('### Causes'))
  t.same(literalUnion('Cause').filter((c) => !causesSection.includes(`| \`${c}\` |`)), [], 'every cause is also documented in the README')
})

/** What a schema node admits, flattened: `$ref` followed, `anyOf`, `type` arrays and `enum` expanded. */
interface Admits {
  null: boolean
  string: boolean
  strings: Set<string>
  number: boolean
  numbers: Set<number>
  boolean: boolean
  object: JsonSchema | null
  array: JsonSchema | null
}
const none = (): Admits => ({ null: false, string: false, strings: new Set(), number: false, numbers: new Set(), boolean: false, object: null, array: null })

function admits(s: JsonSchema, root: JsonSchema, a: Admits = none()): Admits {
  if (typeof s.$ref === 'string') return admits((root.$defs as Record<string, JsonSchema>)[s.$ref.replace('#/$defs/', '')]!, root, a)
  if (Array.isArray(s.anyOf)) for (const b of s.anyOf as JsonSchema[]) admits(b, root, a)
  if (typeof s.const === 'number') a.numbers.add(s.const)
  if (Array.isArray(s.enum)) {
    for (const v of s.enum as unknown[]) {
      if (v === null) a.null = true
      else if (typeof v === 'string') a.strings.add(v)
      else throw new Error(`unexpected enum value ${String(v)}`)
    }
  }
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? (s.type as string[]) : [s.type as string]
  for (const ty of types) {
    if (ty === 'null') a.null = true
    else if (ty === 'string') a.string = true
    else if (ty === 'number' || ty === 'integer') a.number = true
    else if (ty === 'boolean') a.boolean = true
    else if (ty === 'object') a.object = s
    else if (ty === 'array') a.array = s.items as JsonSchema
  }
  return a
}

/** The same for a TypeScript type. */
function admitsTs(type: ts.Type): { a: Admits; objectType: ts.Type | null; elementType: ts.Type | null } {
  const a = none()
  let objectType: ts.Type | null = null
  let elementType: ts.Type | null = null
  for (const m of type.isUnion() ? type.types : [type]) {
    if (m.flags & ts.TypeFlags.Undefined) continue
    else if (m.flags & ts.TypeFlags.Null) a.null = true
    else if (m.isStringLiteral()) a.strings.add(m.value)
    else if (m.flags & ts.TypeFlags.String) a.string = true
    else if (m.isNumberLiteral()) a.numbers.add(m.value)
    else if (m.flags & ts.TypeFlags.Number) a.number = true
    else if (m.flags & (ts.TypeFlags.BooleanLiteral | ts.TypeFlags.Boolean)) a.boolean = true
    else if (checker.isArrayType(m)) elementType = checker.getTypeArguments(m as ts.TypeReference)[0]!
    else if (m.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) objectType = m // an intersection's properties are its members' together
    else throw new Error(`unhandled type ${checker.typeToString(m)}`)
  }
  return { a, objectType, elementType }
}

/** Fields the schema describes before the type has them (optional both ways once it does). */
const SCHEMA_AHEAD: Record<string, string[]> = { '': ['redacted'] }

function compare(type: ts.Type, s: JsonSchema, root: JsonSchema, path: string, out: string[]): void {
  const want = admitsTs(type)
  const got = admits(s, root)
  const where = path === '' ? '(report)' : path
  for (const k of ['null', 'string', 'number', 'boolean'] as const) if (want.a[k] !== got[k]) out.push(`${where}: ${k} ${want.a[k] ? 'allowed by the type, not the schema' : 'allowed by the schema, not the type'}`)
  const sameSet = <T>(x: Set<T>, y: Set<T>): boolean => x.size === y.size && [...x].every((v) => y.has(v))
  if (!sameSet(want.a.strings, got.strings)) out.push(`${where}: literals ${[...want.a.strings].join('|')} in the type, ${[...got.strings].join('|')} in the schema`)
  if (!sameSet(want.a.numbers, got.numbers)) out.push(`${where}: number literals ${[...want.a.numbers].join('|')} in the type, ${[...got.numbers].join('|')} in the schema`)
  if ((want.elementType === null) !== (got.array === null)) out.push(`${where}: array in ${want.elementType ? 'the type only' : 'the schema only'}`)
  else if (want.elementType && got.array) compare(want.elementType, got.array, root, `${path}[]`, out)
  if ((want.objectType === null) !== (got.object === null)) out.push(`${where}: object in ${want.objectType ? 'the type only' : 'the schema only'}`)
  else if (want.objectType && got.object) {
    const props = got.object.properties as Record<string, JsonSchema>
    const required = new Set(got.object.required as string[])
    const seen = new Set<string>()
    for (const p of checker.getPropertiesOfType(want.objectType)) {
      const name = p.getName()
      seen.add(name)
      const sub = `${path}.${name}`.replace(/^\./, '')
      if (!(name in props)) {
        out.push(`${sub}: in the type, missing from the schema`)
        continue
      }
      const optional = (p.flags & ts.SymbolFlags.Optional) !== 0
      if (optional === required.has(name)) out.push(`${sub}: ${optional ? 'optional in the type, required in the schema' : 'required in the type, not in the schema'}`)
      compare(checker.getTypeOfSymbolAtLocation(p, p.valueDeclaration ?? source), props[name]!, root, sub, out)
    }
    for (const name of Object.keys(props)) {
      if (seen.has(name)) continue
      const ahead = SCHEMA_AHEAD[path]?.includes(name) === true && !required.has(name)
      if (!ahead) out.push(`${`${path}.${name}`.replace(/^\./, '')}: in the schema, not in the type`)
    }
  }
}

t.test('the schema describes the Report type field for field', async (t) => {
  const decl = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Report')!
  const report = checker.getTypeAtLocation(decl)
  t.ok(checker.getPropertiesOfType(report).length >= 18, 'Report resolved with its inherited fields')
  const mismatches: string[] = []
  compare(report, schema, schema, '', mismatches)
  t.same(mismatches, [], 'no field, nullability, optionality or enum differs')

  // The comparison itself notices a forgotten field, a stray one and a changed enum.
  const tampered = loadSchema()
  const tDefs = tampered.$defs as Record<string, JsonSchema>
  delete (tDefs.TcpReport!.properties as Record<string, unknown>).strangers
  ;(tDefs.Fix!.properties as Record<string, unknown>).url = { description: 'x', type: 'string' }
  tDefs.PeerKind!.enum = ['public-ip', 'gateway', 'client']
  ;((tampered.properties as Record<string, JsonSchema>).port!).type = 'integer'
  const found: string[] = []
  compare(report, tampered, tampered, '', found)
  t.match(found.join('\n'), /tcp\.strangers: in the type, missing from the schema/)
  t.match(found.join('\n'), /verdict\.fixes\[\]\.url: in the schema, not in the type/)
  // The type's literals come in the compiler's order, which is not the declaration's.
  const peerKinds = /tcp\.peerKind: literals (\S+) in the type, public-ip\|gateway\|client in the schema/.exec(found.join('\n'))
  t.same(peerKinds?.[1]?.split('|').sort(), ['client', 'gateway', 'other', 'public-ip'], 'a changed enum')
  t.match(found.join('\n'), /port: null allowed by the type, not the schema/)
})
