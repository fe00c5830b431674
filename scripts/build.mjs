// Bundles src/ into dist/ with esbuild (one file loads far faster than a tree of modules), with the bundled packages' licences.
import { build } from 'esbuild'
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The project's root: where its own dependencies resolve from. */
const ROOT = fileURLToPath(new URL('..', import.meta.url))

/**
 * yargs loads cliui at start, and cliui loads string-width and wrap-ansi, whose module bodies build
 * an Intl.Segmenter and Unicode property regexes: about 50 ms on every run, though they only lay
 * out text for a person (help, errors, the human report). Every import of them gets a stand-in
 * that runs the real module (a lazily initialised part of the bundle) on its first call.
 *
 * And every string-width is the project's own (8.x): wrap-ansi 9 and cliui pin 7.x, which runs a
 * grapheme segmenter and an emoji regex over every character, where 8.x measures printable ASCII
 * at once: laying out the help took 28 ms (85 ms the first time) instead of 3. Same API: a
 * default export taking the string and the same options.
 */
const lazyTextWidth = {
  name: 'lazy-text-width',
  setup(b) {
    b.onResolve({ filter: /^(string-width|wrap-ansi)$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined
      const resolveDir = args.path === 'string-width' ? ROOT : args.resolveDir
      const real = await b.resolve(args.path, { kind: args.kind, resolveDir, importer: args.importer, pluginData: 'real' })
      if (real.errors.length > 0) return { errors: real.errors }
      return { path: real.path, namespace: 'lazy' }
    })
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      // require() of an ES module makes esbuild wrap it, so that its body runs at that call.
      contents: `let f; export default (...a) => (f ??= require(${JSON.stringify(args.path)}).default)(...a)`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }))
  },
}

await rm(new URL('../dist/', import.meta.url), { recursive: true, force: true })
const result = await build({
  plugins: [lazyTextWidth],
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  // Dynamic imports (yargs, ora, undici, the renderers) become chunks loaded only when needed.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none', // the full licence texts go to THIRD-PARTY-LICENSES.txt below
  metafile: true,
  logLevel: 'warning',
  // CommonJS dependencies (undici, yargs' helpers) call require(): give them one in ESM.
  banner: { js: "import{createRequire as __hcRequire}from'node:module';const require=__hcRequire(import.meta.url);" },
})

// The installed package has no dependencies: what it runs is bundled, so their licences travel with it.
const packages = new Set()
for (const input of Object.keys(result.metafile.inputs)) {
  if (input.startsWith('lazy:')) continue // the stand-ins above: their real modules are inputs too
  // The innermost node_modules/<package>/: nested copies (cliui's own string-width) count too.
  const m = /node_modules\/(?:@[^/]+\/)?[^/]+\/(?!.*node_modules\/)/.exec(input)
  if (m) packages.add(input.slice(0, m.index + m[0].length))
}
const sections = new Map() // by name@version: the same copy nested in two places is listed once
for (const dir of [...packages].sort()) {
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'))
  if (sections.has(`${pkg.name}@${pkg.version}`)) continue
  const licence = (await readdir(dir)).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f))
  const text = licence === undefined ? `(no licence file; package.json says ${pkg.license})` : await readFile(join(dir, licence), 'utf8')
  sections.set(`${pkg.name}@${pkg.version}`, `${pkg.name} ${pkg.version} (${pkg.license})\n${'-'.repeat(72)}\n${text.trim()}\n`)
}
await writeFile('dist/THIRD-PARTY-LICENSES.txt', `Packages bundled into hairpin-check's dist/:\n\n${[...sections.values()].join('\n')}`)
