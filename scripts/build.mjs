// Bundles src/ into dist/ with esbuild: one file loads far faster than a tree of modules.
import { build } from 'esbuild'
import { rm } from 'node:fs/promises'

await rm(new URL('../dist/', import.meta.url), { recursive: true, force: true })
await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  // Dynamic imports (ora, undici, the human renderer) become chunks loaded only when needed.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  // CommonJS dependencies (undici, yargs' helpers) call require(): give them one in ESM.
  banner: { js: "import{createRequire as __hcRequire}from'node:module';const require=__hcRequire(import.meta.url);" },
})
