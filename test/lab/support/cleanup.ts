// Lab teardown that cannot be skipped: live labs torn down on exit and signals, /etc/netns files, and the sweep of labs left by dead processes.
import { spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { resolve } from 'node:path'
import { killQuietly, pidAlive } from './proc.js'

/** Namespace names look like `hpc<pid>-<6 hex>-<role>`: the pid lets a later run sweep labs of dead processes (.ci/run sweeps the same pattern). */
export const NAME_RE = /^hpc(\d+)-[0-9a-f]{6}-(inet|router|a|b|isp|outer|vpn)$/
/** Per-lab temp dirs (miniupnpd's config, lease and pid files): `<tmpdir>/hpc<pid>-<6 hex>-upnp`, swept like namespaces. */
export const TMP_NAME_RE = /^hpc(\d+)-[0-9a-f]{6}-upnp$/
/** Where `ip netns exec NS` looks for files to bind-mount over /etc (iproute2 convention). */
export const ETC_NETNS = '/etc/netns'

/** What a lab holds that must go when it does: registered before it is created, removed once it is gone. */
export interface LiveLab {
  /** Its namespace names. */
  names: string[]
  /** Every process it started (exec and background), while it runs. */
  children: Set<ChildProcess>
  /** Temp dirs to remove with the lab (miniupnpd's files). */
  dirs: string[]
}

const live = new Set<LiveLab>()
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
let handlersInstalled = false

/** Registers a lab for the exit and signal safety net (installed with the first one). */
export function registerLab(entry: LiveLab): void {
  live.add(entry)
  installHandlers()
}

/** Forgets a lab that is gone; the safety net goes with the last one. */
export function unregisterLab(entry: LiveLab): void {
  live.delete(entry)
  if (live.size === 0) uninstallHandlers()
}

function cleanupAllSync(): void {
  for (const l of live) {
    for (const c of l.children) killQuietly(c.pid, 'SIGKILL')
    deleteNamespacesSync(l.names)
    removeDirsSync(l.dirs)
  }
  live.clear()
}

function onSignal(sig: NodeJS.Signals): void {
  cleanupAllSync()
  uninstallHandlers()
  // Re-raise so the process dies the way it was asked to (or lets other handlers, e.g. tap's, run).
  process.kill(process.pid, sig)
}
const signalHandlers = new Map<NodeJS.Signals, () => void>(SIGNALS.map((s) => [s, () => onSignal(s)]))

function installHandlers(): void {
  if (handlersInstalled) return
  handlersInstalled = true
  process.on('exit', cleanupAllSync)
  for (const [s, h] of signalHandlers) process.on(s, h)
}
function uninstallHandlers(): void {
  if (!handlersInstalled) return
  handlersInstalled = false
  process.removeListener('exit', cleanupAllSync)
  for (const [s, h] of signalHandlers) process.removeListener(s, h)
}

/** Kills whatever still runs inside the namespaces and deletes them, synchronously (exit/signal paths). */
export function deleteNamespacesSync(names: string[]): void {
  for (const n of names) {
    const r = spawnSync('ip', ['netns', 'pids', n], { encoding: 'utf8' })
    for (const p of (r.stdout ?? '').split(/\s+/).filter(Boolean)) killQuietly(Number(p), 'SIGKILL')
  }
  spawnSync('ip', ['-force', '-batch', '-'], { input: names.map((n) => `netns del ${n}`).join('\n') + '\n', stdio: ['pipe', 'ignore', 'ignore'] })
  removeEtcNetnsSync(names)
}

/**
 * Writes `/etc/netns/<ns>/<file>` for each file, so `ip netns exec` bind-mounts it over
 * `/etc/<file>` in that namespace. Retries once when a concurrent lab's cleanup removed the
 * (then empty) /etc/netns between our mkdir and our write.
 */
export function writeEtcNetns(ns: string, files: Record<string, string>): void {
  for (let attempt = 0; ; attempt++) {
    try {
      mkdirSync(`${ETC_NETNS}/${ns}`, { recursive: true, mode: 0o755 })
      for (const [file, text] of Object.entries(files)) writeFileSync(`${ETC_NETNS}/${ns}/${file}`, text, { mode: 0o644 })
      return
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 0) throw err
    }
  }
}

/** Removes `/etc/netns/<ns>` of each name (absent ones are fine), then /etc/netns itself if that left it empty. */
export function removeEtcNetnsSync(names: string[]): void {
  for (const n of names) rmSync(`${ETC_NETNS}/${n}`, { recursive: true, force: true })
  try {
    rmdirSync(ETC_NETNS) // fails (ENOTEMPTY) while anyone else uses it, or ENOENT: both fine
  } catch {
    /* in use or absent */
  }
}

/** Removes directories (absent ones are fine). */
export function removeDirsSync(dirs: string[]): void {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
}

/** Whether a name of ours (matched by `re`, pid first) belongs to a process that is gone. */
function ownerGone(re: RegExp, name: string): boolean {
  const m = re.exec(name)
  return m !== null && Number(m[1]) !== process.pid && !pidAlive(Number(m[1]))
}

/** Entries of a folder, or none when it cannot be read (absent). */
function listDir(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

/**
 * Deletes lab namespaces (and their /etc/netns/<ns> resolver files, and their temp dirs with
 * miniupnpd's config, lease and pid files) left by processes that died without cleaning up
 * (SIGKILL, power cut). Only names whose embedded pid is no longer running are touched, so
 * concurrent runs are safe. Returns the stale names (namespaces, then temp dir names), each once.
 */
export function sweepStaleLabs(): string[] {
  const r = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' })
  const listed = (r.stdout ?? '').split('\n').map((l) => l.split(' ')[0] ?? '')
  const stale = new Set([...listed, ...listDir(ETC_NETNS)].filter((name) => ownerGone(NAME_RE, name)))
  if (stale.size) deleteNamespacesSync([...stale])
  const staleDirs = listDir(tmpdir()).filter((name) => ownerGone(TMP_NAME_RE, name))
  removeDirsSync(staleDirs.map((d) => resolve(tmpdir(), d)))
  return [...stale, ...staleDirs]
}

let swept = false
/** {@link sweepStaleLabs}, once per process: before the first lab is built. */
export function sweepOnce(): void {
  if (swept) return
  swept = true
  sweepStaleLabs()
}
