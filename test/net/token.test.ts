import t from 'tap'
import { keyFromToken, newToken, TOKEN_KEY_BYTES, TOKEN_PREFIX } from '../../src/net/token.js'

t.test('round trip', async (t) => {
  const token = newToken()
  t.match(token, /^hc1\.[A-Za-z0-9_-]{43}$/)
  t.equal(keyFromToken(token).length, TOKEN_KEY_BYTES)
  const fixed = newToken((n) => Buffer.alloc(n, 7))
  t.same(keyFromToken(fixed), Buffer.alloc(32, 7))
  t.same(keyFromToken(` ${fixed}\n`), Buffer.alloc(32, 7), 'surrounding whitespace from a copy-paste is fine')
  t.equal(TOKEN_PREFIX, 'hc1.')
})

t.test('anything else is refused with one line', async (t) => {
  const good = newToken((n) => Buffer.alloc(n, 1))
  for (const bad of ['', 'hc1.', 'hc2.' + good.slice(4), good.slice(0, -1), `${good}A`, good.replace(/.$/, '!'), 'hc1.' + Buffer.alloc(16).toString('base64url'), '\u001b[31mhc1.x']) {
    t.throws(() => keyFromToken(bad), { message: /^not a token from "hairpin-check serve"/ }, JSON.stringify(bad))
  }
  t.throws(() => keyFromToken('\u001b[31mx'), { message: /"x"$/ }, 'escapes removed')
})
