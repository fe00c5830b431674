import t from 'tap'
import { createServer } from 'node:net'
import { listenOn } from '../../src/net/bind.js'

t.test('resolves with the port, rejects with the system error', async (t) => {
  const a = createServer()
  t.teardown(() => a.close())
  const port = await listenOn(a, '127.0.0.1', 0)
  t.ok(port > 0, 'a real port for 0')
  const b = createServer()
  await t.rejects(listenOn(b, '127.0.0.1', port), { code: 'EADDRINUSE' })
  t.equal(b.listenerCount('error'), 0, 'no listener left behind on failure')
  t.equal(a.listenerCount('error'), 1, 'after listening, errors are swallowed (they surface on sockets)')
  a.emit('error', new Error('late'))
  t.pass('a late server error does not crash')
})
