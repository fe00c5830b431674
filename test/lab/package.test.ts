// The packed tarball installs into an empty prefix and runs: --help on the host, and a real probe in the lab.
import t from 'tap'
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { CLI_PATH, LAB, runCli } from './lab.js'
import { labTest } from './tap-lab.js'

// The subtests wait on child processes (npm, the installed bin, a lab run): all at once, so
// none of them may block the event loop (execFile, not execFileSync, below).
t.jobs = 5
/** execFile as a promise: rejects for a non-zero exit, with the exit code as the error's `code`. */
const execFileP = promisify(execFile)

const ROOT = dirname(dirname(CLI_PATH))
const dir = mkdtempSync(join(tmpdir(), 'hairpin-check-pack-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))

// `npm test` has just built dist/; pack it as it is (prepare would build again).
const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })
const packed = JSON.parse(out)[0] as { filename: string; files: Array<{ path: string }>; unpackedSize: number }
const tarball = join(dir, packed.filename)
const prefix = join(dir, 'prefix')
// Offline: an installed copy must need nothing from the registry (everything it runs is bundled).
execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], { encoding: 'utf8', stdio: 'pipe' })
const installed = join(prefix, 'node_modules', 'hairpin-check')
const bin = join(prefix, 'node_modules', '.bin', 'hairpin-check')

t.test('the tarball holds what runs, and no more', async (t) => {
  const files = packed.files.map((f) => f.path).sort()
  for (const needed of ['bin/hairpin-check.js', 'dist/cli.js', 'dist/THIRD-PARTY-LICENSES.txt', 'schema/report.schema.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'package.json']) t.ok(files.includes(needed), needed)
  t.notOk(files.some((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('scripts/')), 'no sources, tests or scripts')
  t.notOk(files.some((f) => f.endsWith('.map')), 'no source maps')
  t.same(readdirSync(join(prefix, 'node_modules')).filter((d) => !d.startsWith('.')), ['hairpin-check'], 'no runtime dependencies installed')
  t.ok(existsSync(join(installed, 'dist', 'cli.js')))
})

t.test('the installed bin runs', async (t) => {
  const help = (await execFileP(bin, ['--help'], { encoding: 'utf8' })).stdout
  t.match(help, /hairpin-check <ports\.\.>/)
  t.match(help, /Exit codes:/)
  t.match((await execFileP(bin, ['--version'], { encoding: 'utf8' })).stdout, /^\d+\.\d+\.\d+\n$/)
  let code = 0
  try {
    await execFileP(bin, ['nope'], { encoding: 'utf8' })
  } catch (err) {
    code = (err as { code: number }).code
  }
  t.equal(code, 2, 'bad input: exit 2')
})

t.test('through npx (npm exec), as users run it', async (t) => {
  // npm exec installs the tarball into its own cache and runs the bin through npm's shim.
  const version = (await execFileP('npm', ['exec', '--offline', '--yes', `--package=${tarball}`, '--', 'hairpin-check', '--version'], { cwd: dir, encoding: 'utf8' })).stdout
  t.match(version, /^\d+\.\d+\.\d+\n$/)
})

t.test('the bin is plain JavaScript run by node (what npm\'s Windows shims need)', async (t) => {
  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'))
  t.same(pkg.bin, { 'hairpin-check': 'bin/hairpin-check.js' })
  const source = readFileSync(join(installed, 'bin', 'hairpin-check.js'), 'utf8')
  t.match(source, /^#!\/usr\/bin\/env node\n/, 'a node shebang, which the shims read to call node')
  t.equal((await execFileP(process.execPath, [join(installed, 'bin', 'hairpin-check.js'), '--version'], { encoding: 'utf8' })).stdout.trim(), pkg.version, 'runs when node is called on it directly, as the .cmd shim does')
})

labTest(t, 'reflect-masq', async (t, lab) => {
  const r = await runCli(lab, 'a', [String(LAB.port), '--json', ...LAB.echoUrls.flatMap((u) => ['--echo-url', u]), '--timeout', '3000'], { cli: join(installed, 'bin', 'hairpin-check.js') })
  t.equal(r.code, 0, 'exit code', { stderr: r.stderr })
  t.equal(r.json?.verdict.cause, 'hairpin-ok-gateway-source')
  t.equal(r.json?.tool.name, 'hairpin-check')
}, 'a lab probe from the installed copy')
