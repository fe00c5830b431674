// Property tests for src/echo.ts: parseEchoAnswer and validateEchoUrl on arbitrary input either
// give a usable answer or throw one short printable line. Deterministic: PROPERTY_SEED picks the
// seed (printed on failure), PROPERTY_RUNS may raise the number of runs.

import t from 'tap'
import fc from 'fast-check'
import { isIPv4, isIPv6 } from 'node:net'
import { parseEchoAnswer, validateEchoUrl, type Family } from '../../src/discover/echo.js'
import { holds, UNPRINTABLE } from '../support/property.js'

// --- what a printable one-line message is ---

/** Longest error message accepted: the snippets are capped at 40 or 80 characters plus a fixed sentence. */
const MAX_MESSAGE_CHARS = 200

/** Throws (so fast-check reports it) unless `err` is an Error with one short printable line. */
function assertOneLineError(err: unknown): void {
  if (!(err instanceof Error)) throw new Error(`threw a non-Error: ${String(err)}`)
  const m = err.message
  if (m.trim() === '') throw new Error('empty error message')
  if (UNPRINTABLE.test(m)) throw new Error(`message has a control or invisible character: ${JSON.stringify(m)}`)
  if (Array.from(m).length > MAX_MESSAGE_CHARS) throw new Error(`message longer than ${MAX_MESSAGE_CHARS} characters: ${JSON.stringify(m)}`)
}

// --- generators ---

const family = fc.constantFrom<Family>(4, 6)
const v4 = fc.ipV4()
const v6 = fc.ipV6()
const anyAddress = fc.oneof(v4, v6, v4.map((a) => `::ffff:${a}`), v4.map((a) => `::FFFF:${a}`), fc.ipV4Extended(), v6.map((a) => `${a}%eth0`))

/** Short strings that tend to matter to a parser: separators, escapes, markers. */
const tricky = fc.constantFrom(
  '',
  ' ',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\u000b',
  '\u0085',
  '\u2028',
  '\ufeff',
  '\u00a0',
  '\u200b',
  '\u202e',
  '\u061c',
  '\u180e',
  '\u001b[31m',
  '\u001b]0;title\u0007',
  '\u009b2J',
  '\u0000',
  'ip=',
  '{',
  '}',
  '<',
  '"',
  '%',
  '[',
  ']',
  ':',
  '::',
  '.',
  '\\',
)

const noise = fc.oneof(
  tricky,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
)

/** A valid address with noise around it (or not). */
const embedded = fc.tuple(noise, anyAddress, noise).map(([a, b, c]) => `${a}${b}${c}`)

const latin1 = fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1'))

const jsonValue = fc.oneof(anyAddress, embedded, noise, fc.integer(), fc.constant(null), fc.boolean(), fc.jsonValue({ maxDepth: 2 }))
const jsonish = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.dictionary(fc.oneof(fc.constantFrom('ip', 'address', 'query', 'IP', 'origin', '__proto__'), fc.string({ maxLength: 8 })), jsonValue, { maxKeys: 4 }).map((o) =>
    JSON.stringify(o),
  ),
  // Cut short, or with noise after it: not valid JSON any more.
  fc.tuple(fc.record({ ip: jsonValue }).map((o) => JSON.stringify(o)), fc.nat(), noise).map(([j, cut, tail]) => `${j.slice(0, cut % (j.length + 1))}${tail}`),
  fc.tuple(tricky, fc.record({ ip: anyAddress }).map((o) => JSON.stringify(o, null, 2))).map(([pre, j]) => `${pre}${j}`),
)

const htmlish = fc
  .tuple(fc.constantFrom('html', 'body', 'p', 'pre', 'script', '!DOCTYPE html', 'h1 class="x"'), fc.oneof(noise, embedded, anyAddress))
  .map(([tag, inner]) => `<${tag}>${inner}</${tag.split(' ')[0]}>`)

const traceish = fc
  .array(
    fc.tuple(fc.constantFrom('ip', 'fl', 'h', 'ts', 'loc', 'IP', ' ip'), fc.oneof(anyAddress, embedded, noise)).map(([k, v]) => `${k}=${v}`),
    { maxLength: 8 },
  )
  .map((lines) => lines.join('\n'))

const body = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  latin1,
  jsonish,
  htmlish,
  traceish,
  embedded,
  anyAddress,
  fc.array(fc.oneof(noise, anyAddress, embedded), { maxLength: 6 }).map((parts) => parts.join('\n')),
)

const contentType = fc.option(
  fc.oneof(
    fc.constantFrom('text/plain', 'text/plain; charset=utf-8', 'application/json', 'application/problem+json', 'text/html', 'TEXT/HTML; charset=UTF-8', ''),
    fc.string({ maxLength: 30 }),
  ),
  { nil: null },
)

// --- parseEchoAnswer ---

t.test('parseEchoAnswer: any answer gives an address of the family asked, or one printable line', async (t) => {
  await holds(
    t,
    'total: address of the family, or a one-line Error',
    fc.property(body, contentType, family, (text, type, fam) => {
      let address: string
      try {
        address = parseEchoAnswer(text, type, fam)
      } catch (err) {
        assertOneLineError(err)
        return
      }
      const ok = fam === 4 ? isIPv4(address) : isIPv6(address)
      if (!ok) throw new Error(`returned ${JSON.stringify(address)}, not an IPv${fam} address`)
    }),
    1500,
  )
})

t.test('parseEchoAnswer: well-formed answers are understood', async (t) => {
  const space = fc.array(fc.constantFrom(' ', '\t', '\n', '\r\n', '\ufeff'), { maxLength: 3 }).map((a) => a.join(''))
  const plainType = fc.constantFrom(null, 'text/plain', 'text/plain; charset=utf-8')
  await holds(
    t,
    'plain IPv4 with surrounding whitespace',
    fc.property(space, v4, space, plainType, (pre, a, post, type) => parseEchoAnswer(`${pre}${a}${post}`, type, 4) === a),
    300,
  )
  await holds(
    t,
    'plain IPv6 (not IPv4-mapped) comes back in lower case',
    fc.property(
      v6.filter((a) => !/^::ffff:\d/i.test(a)),
      space,
      plainType,
      (a, post, type) => parseEchoAnswer(`${a}${post}`, type, 6) === a.toLowerCase(),
    ),
    300,
  )
  await holds(
    t,
    'IPv4-mapped IPv6 counts as IPv4',
    fc.property(v4, fc.constantFrom('::ffff:', '::FFFF:'), (a, prefix) => parseEchoAnswer(`${prefix}${a}\n`, null, 4) === a),
    200,
  )
  await holds(
    t,
    'JSON with ip / address / query',
    fc.property(fc.constantFrom('ip', 'address', 'query'), v4, fc.constantFrom('application/json', 'text/plain', null), (key, a, type) =>
      parseEchoAnswer(JSON.stringify({ status: 'success', [key]: ` ${a} ` }), type, 4) === a,
    ),
    300,
  )
  await holds(
    t,
    'Cloudflare trace: the ip= line wherever it is',
    fc.property(
      fc.array(fc.constantFrom('fl=1f1', 'h=example.net', 'ts=1700000000.1', 'loc=NL'), { maxLength: 4 }),
      fc.nat(4),
      v4,
      (others, at, a) => {
        const lines: string[] = [...others]
        lines.splice(at % (lines.length + 1), 0, `ip=${a}`)
        return parseEchoAnswer(lines.join('\n'), 'text/plain', 4) === a
      },
    ),
    300,
  )
  await holds(
    t,
    'the other family is named, not returned',
    fc.property(fc.oneof(v4.map((a) => [a, 6] as const), v6.filter((a) => !/^::ffff:\d/i.test(a)).map((a) => [a, 4] as const)), ([a, fam]) => {
      try {
        parseEchoAnswer(a, null, fam)
      } catch (err) {
        return (err as Error).message === `answered an IPv${fam === 4 ? 6 : 4} address, IPv${fam} was asked`
      }
      return false
    }),
    300,
  )
})

// --- validateEchoUrl ---

const scheme = fc.constantFrom('http://', 'https://', 'HTTP://', 'hTtPs://', 'ftp://', 'http:/', 'http:', '//', '', ' http://', '\thttps://', 'javascript:', 'file://')
const host = fc.oneof(
  fc.domain(),
  v4,
  v6.map((a) => `[${a}]`),
  fc.ipV4Extended(),
  fc.constantFrom('localhost', 'example.com', 'user:pass@example.com', 'user@example.com', ':@example.com', '[::1]', '[fe80::1%25eth0]', '[', 'exa mple.com', 'xn--nxasmq6b', '0x7f.1', '%41'),
  noise,
)
const rest = fc.oneof(
  fc.constant(''),
  fc.webPath(),
  fc.tuple(fc.constantFrom('', ':', ':80', ':8080', ':99999', ':x'), fc.webPath(), fc.constantFrom('', '?a=1', '#f', '?q=\u001b')).map(([p, path, q]) => `${p}${path}${q}`),
  noise,
)
const urlish = fc.oneof(
  fc.tuple(scheme, host, rest).map(([s, h, r]) => `${s}${h}${r}`),
  fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }),
  fc.webUrl({ validSchemes: ['http', 'https', 'ftp'], authoritySettings: { withIPv4: true, withIPv6: true, withUserInfo: true, withPort: true } }),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  latin1,
)

t.test('validateEchoUrl: a usable http(s) URL, or one printable line', async (t) => {
  await holds(
    t,
    'total: accepted URLs parse as http(s) without credentials and with a host of the family',
    fc.property(urlish, family, (text, fam) => {
      let accepted: string
      try {
        accepted = validateEchoUrl(text, fam)
      } catch (err) {
        assertOneLineError(err)
        return
      }
      if (accepted !== text.trim()) throw new Error(`returned ${JSON.stringify(accepted)}, not the input trimmed`)
      const url = new URL(accepted) // throws, and fails the property, when not a URL
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`accepted protocol ${url.protocol}`)
      if (url.username !== '' || url.password !== '') throw new Error('accepted a URL with credentials')
      if (fam === 4 && url.hostname.startsWith('[')) throw new Error('accepted an IPv6 literal for IPv4')
      if (fam === 6 && isIPv4(url.hostname)) throw new Error('accepted an IPv4 literal for IPv6')
    }),
    1500,
  )
  await holds(
    t,
    'ordinary http(s) URLs with a host name are accepted for both families',
    fc.property(fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }), family, (url, fam) => validateEchoUrl(url, fam) === url),
    500,
  )
})
