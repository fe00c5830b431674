// What the lab's daemons share: reading their options, failing in one line, saying "listening", and not outliving the lab.

/**
 * The options of the daemon `name`, `--flag value` pairs read with `opt(flag, default)`; `fail`
 * ends it with one line on stderr (exit 2 by default: bad arguments). Run bare (e.g. `tap
 * test/lab/` runs every file in the folder), it prints `usage` and exits at once: its defaults
 * must never listen in whatever namespace that is.
 */
export function daemonOptions(name, usage) {
  const args = process.argv.slice(2)
  if (args.length === 0) {
    process.stderr.write(`usage: ${usage}\n`)
    process.exit(0)
  }
  const opt = (flag, dflt) => {
    const i = args.indexOf(flag)
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt
  }
  const fail = (message, code = 2) => {
    process.stderr.write(`${name}: ${message}\n`)
    process.exit(code)
  }
  return { opt, fail }
}

/** Listens on `host:port` and prints "listening" once ready (the lab waits for it); a listen error fails with exit 1. */
export function listenOrFail(server, port, host, fail) {
  server.listen(port, host, () => {
    process.stdout.write('listening\n')
  })
  server.on('error', (err) => fail(err.message, 1))
}

/** The lab keeps our stdin open: EOF means the lab process died, so do not outlive it; nor a SIGTERM. `quit` ends the daemon. */
export function quitWithLab(quit = () => process.exit(0)) {
  process.stdin.on('end', quit)
  process.stdin.on('error', quit)
  process.stdin.resume()
  process.on('SIGTERM', quit)
}
