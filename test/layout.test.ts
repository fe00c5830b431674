// Every source file has a unit test that mirrors its path: coverage is only counted for files a test loads.
import t from 'tap'
import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
}

t.test('each src/**/*.ts has test/**/*.test.ts', async (t) => {
  const root = new URL('..', import.meta.url).pathname
  const sources = walk(join(root, 'src')).filter((f) => f.endsWith('.ts'))
  t.ok(sources.length > 10, 'found the sources')
  const tests = new Set(walk(join(root, 'test')).map((f) => relative(root, f)))
  for (const src of sources) {
    const rel = relative(join(root, 'src'), src)
    t.ok(tests.has(join('test', rel.replace(/\.ts$/, '.test.ts'))), `test for src/${rel}`)
  }
})
