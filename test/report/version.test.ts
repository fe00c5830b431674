import t from 'tap'
import { readFileSync } from 'node:fs'
import { TOOL } from '../../src/report/version.js'

t.test('name and version come from package.json', async (t) => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
  t.same(TOOL, { name: 'hairpin-check', version: pkg.version })
})
