// The shape of src/: every file has a mirroring test, the layers import downwards only, no cycles, short functions.
import t from 'tap'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

const root = new URL('..', import.meta.url).pathname
const SRC = join(root, 'src')

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
}

// Declaration files (types for untyped modules) hold no behaviour to test or layer.
const sources = walk(SRC).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
const parsed = new Map(sources.map((f) => [f, ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022, true)]))

/** Every module a file imports, type-only and dynamic imports and re-exports included, as absolute .ts paths inside src/. */
function importsOf(file: string): string[] {
  const found: string[] = []
  const visit = (node: ts.Node): void => {
    let spec: ts.Expression | undefined
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) spec = node.moduleSpecifier
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) spec = node.arguments[0]
    if (spec !== undefined && ts.isStringLiteral(spec) && spec.text.startsWith('.')) {
      const target = resolve(dirname(file), spec.text).replace(/\.js$/, '.ts')
      if (target.startsWith(SRC)) found.push(target)
    }
    ts.forEachChild(node, visit)
  }
  visit(parsed.get(file)!)
  return found
}

const graph = new Map(sources.map((f) => [f, importsOf(f)]))
const rel = (f: string): string => relative(root, f)

/**
 * The layers, lowest first: a file may import its own layer and the ones below, never above.
 * `cli` wires everything; `servers` are the long-running commands' cores.
 */
const LAYERS = [['report'], ['util'], ['net', 'host', 'gateway', 'discover'], ['run'], ['diagnose'], ['render', 'servers'], ['cli']]
const layerOf = (f: string): number => LAYERS.findIndex((names) => names.includes(relative(SRC, f).split('/')[0]!))

t.test('each src/**/*.ts has test/**/*.test.ts', async (t) => {
  t.ok(sources.length > 10, 'found the sources')
  const tests = new Set(walk(join(root, 'test')).map((f) => relative(root, f)))
  for (const src of sources) {
    const r = relative(SRC, src)
    t.ok(tests.has(join('test', r.replace(/\.ts$/, '.test.ts'))), `test for src/${r}`)
  }
})

t.test('src/ has at most 12 entries at its top, each a layer', async (t) => {
  const top = readdirSync(SRC)
  t.ok(top.length <= 12, `${top.length} entries: ${top.join(', ')}`)
  for (const name of top) t.ok(LAYERS.flat().includes(name), `${name} is a known layer`)
})

t.test('the report imports nothing else from src/', async (t) => {
  for (const f of sources.filter((s) => relative(SRC, s).startsWith('report/'))) {
    const outside = graph.get(f)!.filter((i) => !relative(SRC, i).startsWith('report/'))
    t.same(outside.map(rel), [], `${rel(f)} imports only the report`)
  }
})

t.test('imports go down the layers, never up', async (t) => {
  for (const [f, imports] of graph) {
    const up = imports.filter((i) => layerOf(i) > layerOf(f))
    t.same(up.map(rel), [], `${rel(f)} imports nothing above its layer`)
  }
})

t.test('no import cycle in src/, type imports included', async (t) => {
  const state = new Map<string, 'open' | 'done'>()
  const cycles: string[] = []
  const visit = (f: string, path: string[]): void => {
    if (state.get(f) === 'done') return
    if (state.get(f) === 'open') {
      cycles.push([...path.slice(path.indexOf(f)), f].map(rel).join(' → '))
      return
    }
    state.set(f, 'open')
    for (const i of graph.get(f) ?? []) visit(i, [...path, f])
    state.set(f, 'done')
  }
  for (const f of sources) visit(f, [])
  t.same(cycles, [], 'no cycles')
})

/** The longest a function in src/ may be, in lines: longer ones do too much to read at once. */
const MAX_FUNCTION_LINES = 80

t.test(`no function in src/ is longer than ${MAX_FUNCTION_LINES} lines`, async (t) => {
  const long: string[] = []
  for (const [f, sf] of parsed) {
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
        const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line
        const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line
        if (end - start + 1 > MAX_FUNCTION_LINES) long.push(`${rel(f)}:${start + 1} (${end - start + 1} lines)`)
      }
      ts.forEachChild(node, visit)
    }
    visit(sf)
  }
  t.same(long, [], 'every function fits')
})
