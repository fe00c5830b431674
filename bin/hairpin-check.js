#!/usr/bin/env node
// Entry point: the one place that ends the process. Everything else returns an exit code.
import { main } from '../dist/cli.js'

const code = await main(process.argv.slice(2))
process.exitCode = code
// Sockets and timers are closed by now; if anything still holds the event loop, do not hang.
setTimeout(() => process.exit(code), 1000).unref()
