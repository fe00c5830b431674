import t from 'tap'
import { hasInvisibles, MAX_SNIPPET_CHARS, printable } from '../../src/util/sanitize.js'

t.test('removes escape sequences and control characters', async (t) => {
  t.equal(printable('\u001b[31mred\u001b[0m text'), 'red text')
  t.equal(printable('\u001b]0;evil title\u0007after'), 'after')
  t.equal(printable('\u001b]8;;http://x\u001b\\link'), 'link')
  t.equal(printable('\u009b2Jcleared'), 'cleared')
  t.equal(printable('a\r\nb\tc\u0000d\u007fe\u0085f'), 'a b c d e f')
  t.equal(printable('lone \u001b escape'), 'lone escape')
  t.equal(printable('  padded  '), 'padded')
})

t.test('caps the length with an ellipsis', async (t) => {
  const long = 'x'.repeat(500)
  const out = printable(long)
  t.equal(out.length, MAX_SNIPPET_CHARS)
  t.ok(out.endsWith('…'))
  t.equal(printable('abcdef', 4), 'abc…')
  t.equal(printable('abcd', 4), 'abcd')
  t.equal(printable('', 4), '')
})

t.test('printable', async (t) => {
  t.equal(printable('plain'), 'plain')
  t.equal(printable('a\u001bMb\u001b[1;2Hc\u001b]8;;http://x\u001b\\d'), 'abcd', 'two-byte, CSI and OSC escapes dropped')
  t.equal(printable('a\u200bb\u2066c\u0085d'), 'a b c d', 'invisibles become spaces')
  t.equal(printable('\u{1F600}'.repeat(5), 3), '\u{1F600}\u{1F600}…', 'never splits a surrogate pair')
  t.equal(printable('abc', 3), 'abc', 'exactly at the cap is kept')
})

t.test('every bidirectional mark goes, U+061C and U+180E included', async (t) => {
  t.equal(printable('a\u061cb\u180ec\u200fd\u202ee\u2067f'), 'a b c d e f')
})

t.test('hasInvisibles tells text printable would change', async (t) => {
  t.notOk(hasInvisibles('https://ifconfig.co/port/{port}'))
  t.notOk(hasInvisibles('plain text with spaces'))
  for (const bad of ['a\u001b[31mb', 'a\u0007b', 'a\u202eb', 'a\u061cb', 'a\u009b2Jb', 'tab\there', 'new\nline']) t.ok(hasInvisibles(bad), JSON.stringify(bad))
})
