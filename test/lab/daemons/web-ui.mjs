// Lab stand-in for a router's own web UI on its LAN address: OpenWrt's LuCI pages over HTTP and HTTPS, every request logged.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { daemonOptions, quitWithLab } from './daemon.mjs'

// Usage: node web-ui.mjs --host 192.168.77.1 [--http-port 80] [--https-port 443] [--vendor openwrt]
//   Serves the pages of --vendor (only `openwrt`): `/` is LuCI's redirect shell
//   (luci-base root/www/index.html: a meta refresh to /cgi-bin/luci), `/cgi-bin/luci` (and
//   anything under it) the login page LuCI answers without a session: 403 with the title
//   `OpenWrt - LuCI`; anything else 404. HTTPS (--https-port 0 to leave it out) uses a throwaway
//   self-signed certificate made with openssl at start-up (CN router.lab, no organisation: it
//   matches no fingerprint, so the pages are what identify the router); without openssl it says
//   so on stderr and serves HTTP only.
//   The request is read in full before the answer is written (a server that answers first and
//   closes makes HTTP clients report an empty reply). Each request is one stdout line:
//   `request <http|https> <METHOD> <path> from <address>`. Prints "listening" once ready; exits
//   when stdin closes (the lab holds it open).
const { opt, fail } = daemonOptions('web-ui', 'node web-ui.mjs --host 192.168.77.1 [--http-port 80] [--https-port 443] [--vendor openwrt]')
const host = opt('--host', '')
const httpPort = Number(opt('--http-port', '80'))
const httpsPort = Number(opt('--https-port', '443'))
const vendor = opt('--vendor', 'openwrt')
if (host === '') fail('--host ADDR is required', 2)
if (vendor !== 'openwrt') fail(`unknown --vendor ${vendor} (openwrt)`, 2)
for (const p of [httpPort, httpsPort]) if (!Number.isInteger(p) || p < 0 || p > 65535) fail(`bad port ${p}`, 2)

// Idle connections are dropped after this, so a client that never speaks cannot hold the lab open.
const IDLE_MS = 10_000

// luci-base root/www/index.html, as OpenWrt ships it.
const INDEX = `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Cache-Control" content="no-cache" />
<meta http-equiv="refresh" content="0; URL=/cgi-bin/luci" />
</head>
<body style="background-color: black">
<a style="color: white; text-decoration: none" href="/cgi-bin/luci">LuCI - Lua Configuration Interface</a>
</body>
</html>
`
// The start of LuCI's login page (theme bootstrap): the title is the hostname, `OpenWrt` until renamed.
const LOGIN = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>OpenWrt - LuCI</title>
<meta name="viewport" content="initial-scale=1.0">
</head>
<body class="lang_en">
<form method="post" class="cbi-map"><h2 name="content">Authorization Required</h2>
<input class="cbi-input-text" type="text" name="luci_username" value="root" />
<input class="cbi-input-text" type="password" name="luci_password" />
</form>
</body>
</html>
`

/** One request: logged, then answered like uhttpd with LuCI (no Server header), and the connection closed. */
const handler = (scheme) => (req, res) => {
  const path = (req.url ?? '/').split('?')[0]
  process.stdout.write(`request ${scheme} ${req.method} ${req.url} from ${req.socket.remoteAddress}\n`)
  const [status, body] = path === '/' || path === '/index.html' ? [200, INDEX] : /^\/cgi-bin\/luci(?:\/|$)/.test(path) ? [403, LOGIN] : [404, 'Not Found\n']
  res.writeHead(status, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(body), Connection: 'close' })
  res.end(req.method === 'HEAD' ? undefined : body)
}

/** A throwaway self-signed certificate (EC P-256, one day), or null without openssl. */
function selfSigned() {
  const dir = mkdtempSync(join(tmpdir(), 'hpc-webui-'))
  try {
    const key = join(dir, 'key.pem')
    const cert = join(dir, 'cert.pem')
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=router.lab', '-keyout', key, '-out', cert], { stdio: 'ignore' })
    return { key: readFileSync(key), cert: readFileSync(cert) }
  } catch (err) {
    process.stderr.write(`web-ui: no HTTPS (openssl: ${err.message})\n`)
    return null
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const servers = [[createHttpServer(handler('http')), httpPort]]
const tls = httpsPort === 0 ? null : selfSigned()
if (tls !== null) servers.push([createHttpsServer(tls, handler('https')), httpsPort])
let waiting = servers.length
for (const [server, port] of servers) {
  server.setTimeout(IDLE_MS, (sock) => sock.destroy())
  server.on('clientError', (_err, sock) => sock.destroy())
  server.on('error', (err) => fail(err.message, 1))
  server.listen(port, host, () => {
    if (--waiting === 0) process.stdout.write(`listening${tls === null ? ' (http only)' : ''}\n`)
  })
}

quitWithLab()
