#!/usr/bin/env node
// Entry point: the one place that ends the process. Everything else returns an exit code.
import { setFlagsFromString } from 'node:v8'

// undici parses HTTP with llhttp compiled to WebAssembly. A run makes a few tiny requests, so
// V8's optimizing WebAssembly tier only costs: it compiles in the background and the process
// waits for it at exit (about 100 ms on the project's machines). Baseline tier, compiled lazily.
setFlagsFromString('--liftoff-only')
setFlagsFromString('--wasm-lazy-compilation')

const { main } = await import('../dist/cli.js')
const code = await main(process.argv.slice(2))
// Stopped by a signal (130, 143): probes still in flight must not hold the exit.
if (code >= 128) process.exit(code)
process.exitCode = code
// Sockets and timers are closed by now; if anything still holds the event loop, do not hang.
setTimeout(() => process.exit(code), 1000).unref()
