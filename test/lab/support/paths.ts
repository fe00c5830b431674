// Where the lab finds the repository, the built CLI and its daemon scripts (test/lab/daemons/).
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Repository root: the nearest folder above this module whose package.json is ours. Walking up
 * (rather than `../../..`) keeps it right when the benchmark bundles this module somewhere else.
 */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = resolve(dir, 'package.json')
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'hairpin-check') return dir
    if (dirname(dir) === dir) throw new Error(`no hairpin-check package.json above ${from}`)
  }
}

/** The repository's root folder. */
export const REPO_ROOT: string = findRepoRoot(dirname(fileURLToPath(import.meta.url)))

/** The CLI entry point runCli (cli.ts) runs. */
export const CLI_PATH: string = resolve(REPO_ROOT, 'bin', 'hairpin-check.js')

/** The folder of the lab's daemon scripts: servers, probes and attackers run inside the namespaces. */
export const DAEMON_DIR: string = resolve(REPO_ROOT, 'test', 'lab', 'daemons')

const daemon = (file: string): string => resolve(DAEMON_DIR, file)

/** Each daemon script of the lab, by what it is (see each file's usage comment). */
export const DAEMONS = {
  /** The echo services in `inet` (`/ip` plain text, `/json`). */
  echoServer: daemon('echo-server.mjs'),
  /** A TCP service: the router's own web UI in `router-service`. */
  tcpService: daemon('tcp-service.mjs'),
  /** The lab STUN server (with opts.upnp 'stun'). */
  stunServer: daemon('stun-server.mjs'),
  /** The NAT-PMP server standing in for routers that report a reserved WAN address (opts.natpmpWan). */
  natpmpResponder: daemon('natpmp-responder.mjs'),
  /** Hostile services on the probed port (HTTP, banner, TLS with a hostile certificate). */
  hostileService: daemon('hostile-service.mjs'),
  /** Hostile or broken echo services, one behaviour per port. */
  hostileEcho: daemon('hostile-echo.mjs'),
  /** A real HTTPS/HTTP/SSH service for --target. */
  tlsService: daemon('tls-service.mjs'),
  /** The lab attacker: strangers, floods, forged hellos. */
  stranger: daemon('stranger.mjs'),
  /** The stress script's flooder. */
  flood: daemon('flood.mjs'),
  /** Raw TCP listener and client: each setup's behaviour without the CLI. */
  rawProbe: daemon('raw-probe.mjs'),
  /** Raw UDP listener and client. */
  udpProbe: daemon('udp-probe.mjs'),
  /** NAT-PMP and PCP queries. */
  natpmpQuery: daemon('natpmp-query.mjs'),
  /** SSDP search, device description and IGD SOAP queries. */
  ssdpQuery: daemon('ssdp-query.mjs'),
  /** The router's web UI stand-in (opts.webUi): OpenWrt's LuCI pages on the LAN address, requests logged. */
  webUi: daemon('web-ui.mjs'),
} as const
