// Maps each test file to the source files it is responsible for covering (node-tap `coverage-map`).
// test/foo/bar.test.ts covers src/foo/bar.ts. A folder's entry test, test/foo/foo.test.ts, drives the
// folder through its entry point (src/foo/foo.ts) and covers every file in src/foo/ with it; each of
// those files still has its own mirroring test for what is best tested alone.
// Lab tests run the built CLI as a separate process: they prove behaviour, not coverage.
import { existsSync, readdirSync } from 'node:fs'

export default function coverageMap(testFile) {
  const f = testFile.replace(/\\/g, '/')
  if (f.startsWith('test/lab/')) return null
  const m = /^test\/(.+)\.test\.ts$/.exec(f)
  const src = m ? `src/${m[1]}.ts` : null
  if (src === null || !existsSync(src)) return null
  const folder = /^src\/(.+)\/([^/]+)\.ts$/.exec(src)
  if (folder === null || folder[1].split('/').pop() !== folder[2]) return src
  const dir = `src/${folder[1]}`
  return readdirSync(dir).filter((n) => n.endsWith('.ts')).map((n) => `${dir}/${n}`)
}
