// Maps each test file to the source file it is responsible for covering (node-tap `coverage-map`).
// test/foo.test.ts -> src/foo.ts, test/render/human.test.ts -> src/render/human.ts.
// Lab tests run the built CLI as a separate process: they prove behaviour, not coverage.
import { existsSync } from 'node:fs'

export default function coverageMap(testFile) {
  const f = testFile.replace(/\\/g, '/')
  if (f.startsWith('test/lab/')) return null
  const m = /^test\/(.+)\.test\.ts$/.exec(f)
  const src = m ? `src/${m[1]}.ts` : null
  return src !== null && existsSync(src) ? src : null
}
