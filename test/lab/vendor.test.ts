// The router's vendor found without UPnP: its web UI (an OpenWrt LuCI stand-in on the LAN address) read by the built CLI, its fixes first.
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { LAB, runCli, webUiRequests, type CliResult, type LabOptions } from './lab.js'
import { LAB_JOBS, SharedLabs, sharedLabTest } from './tap-lab.js'

// Both subtests share one lab (they only read it) and take turns on it.
t.jobs = LAB_JOBS
const labs = new SharedLabs(t)

// wan-only (hairpinning fails, so there are router fixes to order), no miniupnpd: nothing answers UPnP.
const OPTS: LabOptions = { webUi: 'openwrt' }
// The gateway query has 2 s of its own, the web UI read at most 1.5 s of that; the run ends when they
// are done (the hairpin is refused at once), so the budget is only a cap, roomy for a loaded machine.
const ARGS = [String(LAB.port), '--json', ...LAB.echoUrls.flatMap((u) => ['--echo-url', u]), '--timeout', '5000']
const ctx = (r: CliResult) => ({ stdout: r.stdout.slice(0, 3000), stderr: r.stderr })
// The stand-in serves HTTPS too when it could make its certificate.
const https = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0

sharedLabTest(
  t,
  labs,
  'wan-only',
  async (t, lab) => {
    const seen = webUiRequests(lab).length
    const r = await runCli(lab, 'a', ARGS)
    t.equal(r.code, 1, 'exit 1', ctx(r))
    t.equal(r.json?.verdict.cause, 'no-reflection')
    const g = r.json?.gateway
    t.equal(g?.address, LAB.gateway)
    t.equal(g?.upnp.found, false, 'no UPnP on this router')
    t.equal(g?.vendor?.id, 'openwrt', 'the vendor, from the web UI alone')
    t.equal(g?.vendor?.name, 'OpenWrt')
    t.match(g?.vendor?.via, /^web UI (?:redirect|title)$/, 'found by a web UI field')
    t.match(g?.vendor?.evidence, /^(?:\/cgi-bin\/luci|OpenWrt - LuCI)$/)
    const pages = (g?.webui.pages ?? []) as Array<{ url: string; status: number | null; title: string | null; location: string | null; cert: unknown }>
    t.same(
      pages.filter((p) => p.url.startsWith('http:')).map((p) => [p.url, p.status, p.location, p.title]),
      [
        ['http://192.168.77.1/', 200, '/cgi-bin/luci', null],
        ['http://192.168.77.1/cgi-bin/luci', 403, null, 'OpenWrt - LuCI'],
      ],
      "LuCI's redirect shell, followed on the gateway to the login page",
    )
    if (https) {
      t.same(
        pages.filter((p) => p.url.startsWith('https:')).map((p) => [p.url, p.status, p.title]),
        [
          ['https://192.168.77.1/', 200, null],
          ['https://192.168.77.1/cgi-bin/luci', 403, 'OpenWrt - LuCI'],
        ],
        'the same over HTTPS (a self-signed certificate: read, not trusted)',
      )
    }
    t.match(r.json?.verdict.fixes[0].id, /^openwrt-/, "OpenWrt's fix first")
    t.equal(r.json?.verdict.fixes[0].id, 'openwrt-reflection')
    t.match(r.json?.verdict.warnings.join('\n'), /The gateway shows itself as OpenWrt by its web UI (?:redirect|title): its fixes come first\./)
    const requests = webUiRequests(lab).slice(seen)
    t.ok(requests.includes(`request http GET / from ${LAB.hostA}`), 'the stand-in read GET / from host A', { requests })
    t.ok(requests.every((l) => / GET \S+ from 192\.168\.77\.10$/.test(l)), 'only GETs, only from host A', { requests })
    if (https) t.ok(requests.includes(`request https GET / from ${LAB.hostA}`), 'and over HTTPS', { requests })
  },
  'OpenWrt found by its web UI: its fix first, and a warning that says so',
  OPTS,
)

sharedLabTest(
  t,
  labs,
  'wan-only',
  async (t, lab) => {
    const seen = webUiRequests(lab).length
    const r = await runCli(lab, 'a', [...ARGS, '--no-gateway'])
    t.equal(r.code, 1, 'exit 1', ctx(r))
    t.equal(r.json?.gateway, null, 'no gateway block')
    // A marker request from host B after the run: its log line comes after any the run caused
    // (one process, one stdout), so once it is in, the log is complete up to there.
    const marker = `request http GET /lab-marker from ${LAB.hostB}`
    const get = await lab.exec('b', [process.execPath, '-e', `require('http').get('http://${LAB.gateway}/lab-marker', (r) => r.resume())`])
    t.equal(get.code, 0, 'the marker request went through', { stderr: get.stderr })
    for (let i = 0; i < 100 && !webUiRequests(lab).includes(marker); i++) await new Promise((r) => setTimeout(r, 20))
    t.same(webUiRequests(lab).slice(seen), [marker], 'no web UI request was made by the run')
    t.notMatch(r.json?.verdict.fixes[0].id, /^openwrt-/, 'the fixes in their usual order')
    t.notMatch(r.json?.verdict.warnings.join('\n'), /shows itself as/, 'no vendor warning')
  },
  '--no-gateway: the web UI is not asked',
  OPTS,
)
