import t from 'tap'
import { renderJson } from '../../src/render/json.js'
import type { Report } from '../../src/report/report.js'

t.test('one JSON document with a trailing newline', async (t) => {
  const report = { schemaVersion: 1, port: 443 } as unknown as Report
  const out = renderJson(report)
  t.ok(out.endsWith('}\n'))
  t.same(JSON.parse(out), report)
  t.equal(out.trimEnd().split('\n').filter((l) => l === '}').length, 1)
})
