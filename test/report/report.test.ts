import t from 'tap'
import { SCHEMA_VERSION } from '../../src/report/report.js'

t.test('schema version is 1', async (t) => {
  t.equal(SCHEMA_VERSION, 1)
})
