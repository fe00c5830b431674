// The handle of a built lab: run commands and background servers in its hosts, and destroy it.
import { spawn, type ChildProcess } from 'node:child_process'
import { removeDirsSync, removeEtcNetnsSync, deleteNamespacesSync, unregisterLab, type LiveLab } from './cleanup.js'
import type { LabHost, LabNames, LabOptions, LabSetupName } from './plan.js'
import {
  childEnv,
  collect,
  EXEC_TIMEOUT_MS,
  ipBatch,
  killQuietly,
  READY_TIMEOUT_MS,
  run,
  stopChild,
  waitForOutput,
  WITHOUT_RUNNER_HOOKS,
  type ExecResult,
} from './proc.js'

/** Options for {@link Lab.exec}. */
export interface ExecOptions {
  /** Kill the command (SIGKILL) after this many milliseconds; default 30 s. */
  timeoutMs?: number
  /** Written to the command's stdin, which is then closed. */
  input?: string
}

/** Options for {@link Lab.spawnBackground}. */
export interface SpawnOptions {
  /** Resolve only once the process printed this (stdout or stderr); reject if it exits first. */
  waitFor?: string | RegExp
  /** How long to wait for `waitFor`; default 10 s. */
  timeoutMs?: number
}

/** A built lab. Always call {@link Lab.destroy} (the process exit/signal handlers are only a safety net). */
export interface Lab {
  /** The setup this lab was built with. */
  setup: LabSetupName
  /** The options this lab was built with. */
  options: Readonly<LabOptions>
  /** Namespace name of each host (`isp`/`outer` only in the setups that have them). */
  names: LabNames
  /** With {@link LabOptions.upnp}: miniupnpd's temp dir (config, lease and pid files), removed with the lab; else null. */
  upnpDir: string | null
  /**
   * Runs `argv` inside a host's namespace and collects its output. Never rejects for a non-zero
   * exit; rejects for a host this lab does not have.
   */
  exec(host: LabHost, argv: string[], opts?: ExecOptions): Promise<ExecResult>
  /**
   * Starts a long-running process inside a host's namespace. Its stdin stays open (our helper
   * servers exit on EOF, so they die with this process even on SIGKILL); it is killed by
   * {@link Lab.destroy}. Resolves once spawned, or once it printed `opts.waitFor`; rejects for a
   * host this lab does not have.
   */
  spawnBackground(host: LabHost, argv: string[], opts?: SpawnOptions): Promise<ChildProcess>
  /** Kills every process the lab started, deletes its namespaces and its /etc/netns files. Idempotent. */
  destroy(): Promise<void>
}

/** What {@link createLab} needs: the lab's identity and its registered safety-net entry. */
export interface LabSpec {
  setup: LabSetupName
  options: Readonly<LabOptions>
  names: LabNames
  upnpDir: string | null
  /** Registered with registerLab already: the handle adds its children and unregisters it on destroy. */
  entry: LiveLab
}

/** The handle of a lab whose namespaces are (about to be) created; its processes are tracked in `spec.entry`. */
export function createLab(spec: LabSpec): Lab {
  const { setup, names, entry } = spec
  /** The namespace of a host, or an error for a host this setup does not have. */
  const nsOf = (host: LabHost): string => {
    const ns = names[host]
    if (ns === undefined) throw new Error(`lab setup ${setup} has no ${host} host`)
    return ns
  }
  const track = (child: ChildProcess, done: boolean): void => void (done ? entry.children.delete(child) : entry.children.add(child))
  let destroyed: Promise<void> | null = null
  return {
    setup,
    options: spec.options,
    names,
    upnpDir: spec.upnpDir,
    async exec(host, argv, opts = {}) {
      const command = ['ip', 'netns', 'exec', nsOf(host), ...WITHOUT_RUNNER_HOOKS, ...argv]
      return collect(command, { input: opts.input, timeoutMs: opts.timeoutMs ?? EXEC_TIMEOUT_MS, track })
    },
    async spawnBackground(host, argv, opts = {}) {
      return spawnIn(entry, nsOf(host), argv, opts, `${argv.join(' ')} in ${host}`)
    },
    destroy() {
      destroyed ??= teardown(entry, spec.options)
      return destroyed
    },
  }
}

/** Lab.spawnBackground: a tracked, unreferenced child in namespace `ns`, resolved once spawned (and ready). */
async function spawnIn(entry: LiveLab, ns: string, argv: string[], opts: SpawnOptions, what: string): Promise<ChildProcess> {
  const child = spawn('ip', ['netns', 'exec', ns, ...WITHOUT_RUNNER_HOOKS, ...argv], { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv() })
  entry.children.add(child)
  child.on('exit', () => entry.children.delete(child))
  child.stdin.on('error', () => {})
  // Keep the pipes drained so a chatty process never blocks on a full pipe.
  child.stdout.resume()
  child.stderr.resume()
  // Do not keep the event loop alive for it: the exit handler kills it if destroy() is forgotten.
  child.unref()
  for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as { unref?: () => void }).unref?.()
  const ready = opts.waitFor ? waitForOutput(child, opts.waitFor, opts.timeoutMs ?? READY_TIMEOUT_MS, what) : Promise.resolve()
  await new Promise<void>((resolveP, reject) => {
    child.once('spawn', resolveP)
    child.once('error', reject)
  })
  await ready
  return child
}

/** Lab.destroy: stops every process, kills stragglers, deletes the namespaces, /etc/netns files and temp dirs. */
async function teardown(entry: LiveLab, options: Readonly<LabOptions>): Promise<void> {
  await Promise.all([...entry.children].map(stopChild))
  // Anything else still inside (e.g. a daemon a test forked) would keep the namespace alive unnamed.
  const pids = await Promise.all(entry.names.map((n) => run(['ip', 'netns', 'pids', n]).then((r) => r.stdout, () => '')))
  for (const p of pids.join(' ').split(/\s+/).filter(Boolean)) killQuietly(Number(p), 'SIGKILL')
  await ipBatch(entry.names.map((n) => `netns del ${n}`), undefined, true).catch(() => deleteNamespacesSync(entry.names))
  if (options.dns) removeEtcNetnsSync(entry.names)
  removeDirsSync(entry.dirs)
  unregisterLab(entry)
}
