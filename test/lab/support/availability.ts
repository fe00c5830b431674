// Whether the lab can run here (root, ip netns, nft, and what the options need), and why not: the reason tests skip with.
import { randomBytes } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { DNSMASQ, MINIUPNPD } from './daemons.js'
import { CLI_PATH } from './paths.js'
import type { LabOptions } from './plan.js'
import { childEnv, EXEC_TIMEOUT_MS } from './proc.js'

let unavailable: string | null | undefined
let cliEchoMissing: string | null | undefined
let miniupnpdMissing: string | null | undefined
/**
 * Why the lab cannot run here, or null when it can: needs root, `ip netns` (actually creating
 * one, so a container without CAP_SYS_ADMIN is caught) and `nft`; with `opts.dns` also dnsmasq,
 * with `opts.ipv6` a kernel with IPv6, with `opts.upnp` miniupnpd, with `opts.echoServer` 'cli'
 * a built CLI that has the `echo-server` command. Cached per process.
 */
export function labUnavailableReason(opts: LabOptions = {}): string | null {
  if (unavailable === undefined) unavailable = probeAvailability()
  if (unavailable) return unavailable
  if (opts.dns && !existsSync(DNSMASQ)) return `lab DNS needs dnsmasq: ${DNSMASQ} not found (Debian package dnsmasq-base)`
  if (opts.ipv6 && !existsSync('/proc/sys/net/ipv6')) return 'lab IPv6 needs a kernel with IPv6 (/proc/sys/net/ipv6 is missing)'
  if (opts.upnp) {
    miniupnpdMissing ??= probeMiniupnpd()
    if (miniupnpdMissing) return miniupnpdMissing
  }
  if (opts.echoServer === 'cli') {
    cliEchoMissing ??= probeCliEchoServer()
    if (cliEchoMissing) return cliEchoMissing
  }
  return null
}

/** Why the lab cannot run miniupnpd, or null: it must be there, and the nftables build (the config names its nft table). */
function probeMiniupnpd(): string | null {
  const prefix = 'lab UPnP needs miniupnpd with the nftables backend (Debian package miniupnpd-nftables): '
  if (!existsSync(MINIUPNPD)) return prefix + `${MINIUPNPD} not found`
  const r = spawnSync(MINIUPNPD, ['--version'], { encoding: 'utf8', timeout: EXEC_TIMEOUT_MS })
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`
  if (r.status !== 0 || !/nftables/.test(out)) return prefix + `\`${MINIUPNPD} --version\` says ${JSON.stringify(out.trim() || String(r.error ?? r.status))}`
  return null
}

/**
 * Why the built CLI cannot serve the lab's echo URLs, or null. `echo-server --help` must succeed
 * and name the command: a CLI without it prints its main help for unknown words, and exits 0.
 */
function probeCliEchoServer(): string | null {
  if (!existsSync(CLI_PATH)) return `lab echo server 'cli' needs the built CLI: ${CLI_PATH} is missing (run \`npm run build\`)`
  const r = spawnSync(process.execPath, [CLI_PATH, 'echo-server', '--help'], { encoding: 'utf8', env: childEnv(), timeout: EXEC_TIMEOUT_MS })
  if (r.status !== 0 || !/echo-server/.test(r.stdout ?? '')) {
    return `lab echo server 'cli' needs the CLI's echo-server command: \`node bin/hairpin-check.js echo-server --help\` ${r.status !== 0 ? `failed (${r.status ?? r.signal})` : 'does not mention it'}`
  }
  return null
}

function probeAvailability(): string | null {
  const prefix = 'lab needs root, ip netns and nft: '
  if (process.platform !== 'linux') return prefix + `not Linux (${process.platform})`
  if (process.getuid?.() !== 0) return prefix + 'not running as root'
  const ipv = spawnSync('ip', ['-V'], { encoding: 'utf8' })
  if (ipv.error || ipv.status !== 0) return prefix + '`ip` (iproute2) not found'
  const nftv = spawnSync('nft', ['--version'], { encoding: 'utf8' })
  if (nftv.error || nftv.status !== 0) return prefix + '`nft` (nftables) not found'
  const probe = `hpc${process.pid}-${randomBytes(3).toString('hex')}-a`
  try {
    const add = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' })
    if (add.status !== 0) return prefix + `cannot create a namespace: ${(add.stderr || '').trim()}`
    const nl = spawnSync('ip', ['netns', 'exec', probe, 'nft', 'list', 'ruleset'], { encoding: 'utf8' })
    if (nl.status !== 0) return prefix + `nft does not work in a namespace: ${(nl.stderr || '').trim()}`
    return null
  } finally {
    spawnSync('ip', ['netns', 'del', probe], { stdio: 'ignore' })
  }
}
