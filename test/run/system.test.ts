// The real I/O: each piece answers, the HTTP client loads lazily; nothing leaves this machine.
import t from 'tap'
import { systemIO } from '../../src/run/system.js'

t.test('systemIO wires the real pieces', async (t) => {
  const io = systemIO()
  t.type(io.now(), 'number')
  t.type(io.date(), Date)
  t.equal(io.randomBytes(4).length, 4)
  t.ok(Array.isArray(await io.defaultRoutes()))
  t.equal(await io.sourceAddressFor('127.0.0.1'), '127.0.0.1')
  t.ok(io.interfaces()['lo'] !== undefined || Object.keys(io.interfaces()).length > 0)
  // The echo path loads the HTTP client lazily; a refused local port answers fast.
  const r = await io.discoverPublicIp(['http://127.0.0.1:1/ip'], 2000, 4)
  t.equal(r.address, null)
  t.match(r.sources[0]?.error, /refused/)
  // The outside check loads its client lazily too; a refused local port answers at once.
  const ext = await io.checkExternal('http://127.0.0.1:1/port/1', 1, 2000)
  t.equal(ext.reachable, null)
  t.match(ext.error, /refused/)
  // Never called here: it would talk to this machine's real gateway.
  t.type(io.queryGateway, 'function')
  // Reading this host's firewall only reads (and never rejects, whether or not the tools are here or may be read).
  const fw = await io.readHostFirewall({ port: 8443, protocol: 'tcp', timeoutMs: 3000 })
  t.ok(Array.isArray(fw.findings))
  t.ok(fw.blocks === null || typeof fw.blocks === 'boolean')
})
