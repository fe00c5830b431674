// Runs scripts/bench.ts: bundles it (with the lab module it imports) into node_modules/.cache and imports it.
import { build } from 'esbuild'

const outfile = 'node_modules/.cache/hairpin-check/bench.mjs'
await build({ entryPoints: ['scripts/bench.ts'], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20.19', logLevel: 'warning' })
await import(new URL(`../${outfile}`, import.meta.url).href)
