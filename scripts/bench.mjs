// Runs a TypeScript script (default scripts/bench.ts): bundles it, with the lab module it imports, into node_modules/.cache and imports it.
import { build } from 'esbuild'
import { basename } from 'node:path'

const entry = process.argv[2] ?? 'scripts/bench.ts'
const outfile = `node_modules/.cache/hairpin-check/${basename(entry, '.ts')}.mjs`
// The bundle needs a require() for the CommonJS packages it pulls in (ajv, via the schema hook).
const banner = { js: "import{createRequire as __hcRequire}from'node:module';const require=__hcRequire(import.meta.url);" }
await build({ entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20.19', logLevel: 'warning', banner })
await import(new URL(`../${outfile}`, import.meta.url).href)
