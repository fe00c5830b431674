// Tests for src/echo.ts: the answer parser, URL validation and the agreement logic, with a fake HTTP client.

import t from 'tap'
import { performance } from 'node:perf_hooks'
import {
  DEFAULT_ECHO_URLS_V6,
  describeDiscoveryFailure,
  DEFAULT_ECHO_URLS,
  ECHO_DEADLINE_MS,
  ECHO_HEDGE_MS,
  ECHO_MAX_BYTES,
  ECHO_REQUEST_TIMEOUT_MS,
  NOT_NEEDED,
  discoverPublicIp,
  notPublic,
  tally,
  parseEchoAnswer,
  validateEchoUrl,
} from '../../src/discover/echo.js'
import type { HttpAnswer, HttpGet } from '../../src/net/http.js'

t.test('parseEchoAnswer', async (t) => {
  t.test('plain text, with and without line endings', async (t) => {
    t.equal(parseEchoAnswer('203.0.113.7', 'text/plain'), '203.0.113.7')
    t.equal(parseEchoAnswer('203.0.113.7\n', 'text/plain; charset=utf-8'), '203.0.113.7')
    t.equal(parseEchoAnswer('\uFEFF  203.0.113.7\r\n\r\n', null), '203.0.113.7')
    t.equal(parseEchoAnswer('\n\n198.51.100.4\nsecond line\n', null), '198.51.100.4', 'first non-empty line')
    t.equal(parseEchoAnswer('::ffff:203.0.113.9\n', null), '203.0.113.9', 'IPv4-mapped IPv6 counts as IPv4')
  })

  t.test('JSON', async (t) => {
    t.equal(parseEchoAnswer('{"ip":"203.0.113.8"}', 'application/json'), '203.0.113.8')
    t.equal(parseEchoAnswer('{"ip": " 203.0.113.8 ", "country": "NL"}\n', 'text/plain'), '203.0.113.8', 'JSON labelled text')
    t.equal(parseEchoAnswer('{"address":"203.0.113.8"}', 'application/json'), '203.0.113.8')
    t.equal(parseEchoAnswer('{"status":"success","query":"203.0.113.8"}', 'application/json'), '203.0.113.8')
    t.equal(parseEchoAnswer('{"ip":42,"address":"203.0.113.8"}', 'application/json'), '203.0.113.8', 'non-string field skipped')
    t.throws(() => parseEchoAnswer('{"ip": ', 'application/json'), { message: 'not valid JSON: "{"ip":"' })
    t.throws(() => parseEchoAnswer('{"origin":"x"}', 'application/json'), { message: /^JSON answer without an "ip" field/ })
    t.throws(() => parseEchoAnswer('42', 'application/json'), { message: /^JSON answer without an "ip" field: "42"$/ })
    t.throws(() => parseEchoAnswer('null', 'application/json'), { message: /^JSON answer without an "ip" field/ })
    t.throws(() => parseEchoAnswer('{"ip":"2001:db8::1"}', 'application/json'), {
      message: 'answered an IPv6 address, IPv4 was asked',
    })
  })

  t.test('key=value lines (Cloudflare trace)', async (t) => {
    const trace = 'fl=29f1\nh=example.net\nip=198.51.100.23\nts=1700000000.1\nvisit_scheme=https\n'
    t.equal(parseEchoAnswer(trace, 'text/plain'), '198.51.100.23')
    t.throws(() => parseEchoAnswer('h=x\nip=nope\n', 'text/plain'), { message: /^not an IP address: "h=x ip=nope"$/ })
  })

  t.test('HTML', async (t) => {
    t.throws(() => parseEchoAnswer('<!DOCTYPE html><html><body>Your IP is 203.0.113.7</body></html>', 'text/html'), {
      message: /^looks like HTML, not an address: "<!DOCTYPE html>/,
    })
    t.throws(() => parseEchoAnswer('<html>', null), { message: /^looks like HTML/ }, 'recognised without a header')
    t.throws(() => parseEchoAnswer('Your IP: 203.0.113.7', 'text/html; charset=utf-8'), { message: /^looks like HTML/ })
  })

  t.test('IPv6', async (t) => {
    t.throws(() => parseEchoAnswer('2001:db8::1\n', 'text/plain'), { message: 'answered an IPv6 address, IPv4 was asked' })
  })

  t.test('garbage is quoted printable, short and on one line', async (t) => {
    const hostile = '\u001b[2J\u001b[31mHACKED\u001b[0m\u0007\u001b]0;title\u0007 \u202eevil\r\nline two ' + 'x'.repeat(100)
    const err = t.throws(() => parseEchoAnswer(hostile, 'text/plain')) as Error
    t.match(err.message, /^not an IP address: "HACKED evil line two x+…"$/)
    t.notMatch(err.message, /[\u0000-\u001f\u007f-\u009f\u202e]/, 'no control or bidi characters left')
    const snippet = /"(.*)"$/.exec(err.message)![1]!
    t.equal(Array.from(snippet).length, 40, 'capped at 40 characters')
    t.throws(() => parseEchoAnswer('hello', null), { message: 'not an IP address: "hello"' })
    t.throws(() => parseEchoAnswer('203.0.113.256', null), { message: /^not an IP address/ })
    t.throws(() => parseEchoAnswer('203.0.113.7 extra', null), { message: /^not an IP address/ })
  })

  t.test('empty', async (t) => {
    t.throws(() => parseEchoAnswer('', 'text/plain'), { message: 'empty answer' })
    t.throws(() => parseEchoAnswer(' \r\n\t', null), { message: 'empty answer' })
  })
})


t.test('validateEchoUrl', async (t) => {
  t.equal(validateEchoUrl('http://198.51.100.10/ip'), 'http://198.51.100.10/ip')
  t.equal(validateEchoUrl('  https://api.ipify.org \n'), 'https://api.ipify.org')
  t.equal(validateEchoUrl('HTTPS://Example.NET:8443/ip?format=text'), 'HTTPS://Example.NET:8443/ip?format=text')
  t.throws(() => validateEchoUrl('ftp://198.51.100.10/ip'), { message: 'echo URL must start with http:// or https://: "ftp://198.51.100.10/ip"' })
  t.throws(() => validateEchoUrl('api.ipify.org'), { message: /^echo URL must start with http/ })
  t.throws(() => validateEchoUrl('http:198.51.100.10'), { message: /^echo URL must start with http/ })
  t.throws(() => validateEchoUrl(''), { message: /^echo URL must start with http/ })
  t.throws(() => validateEchoUrl('http://'), { message: 'echo URL is not a valid URL: "http://"' })
  t.throws(() => validateEchoUrl('http://exa mple.com/'), { message: /^echo URL is not a valid URL/ })
  t.throws(() => validateEchoUrl('https://user:secret@example.net/ip'), { message: 'echo URL must not contain a user name or password' })
  t.throws(() => validateEchoUrl('https://user@example.net/ip'), { message: /user name or password/ })
  t.throws(() => validateEchoUrl('http://[2001:db8::1]/ip'), { message: /^echo URL has an IPv6 address/ })
  t.throws(() => validateEchoUrl('http://\u001b[31mx/'), { message: /^echo URL contains control or invisible characters: "http:\/\/x\/"$/ })
  t.throws(() => validateEchoUrl('http://x/{port}\u202e'), { message: /control or invisible characters/ }, 'a bidi override, which new URL() would accept')
})

t.test('constants', async (t) => {
  t.ok(DEFAULT_ECHO_URLS.length >= 4, 'at least four services')
  const hosts = DEFAULT_ECHO_URLS.map((u) => new URL(u).hostname)
  t.equal(new Set(hosts).size, hosts.length, 'all different services')
  for (const url of DEFAULT_ECHO_URLS) {
    t.equal(validateEchoUrl(url), url)
    t.match(url, /^https:\/\//, `${url} uses HTTPS`)
  }
  t.ok(Object.isFrozen(DEFAULT_ECHO_URLS))
  t.equal(ECHO_MAX_BYTES, 4096)
  t.ok(ECHO_DEADLINE_MS > ECHO_REQUEST_TIMEOUT_MS, 'deadline leaves room for a full request')
})

/** How the fake echo service at one URL behaves. */
type Behaviour =
  | { after: number; body: string; contentType?: string | null; ignoreSignal?: boolean }
  | { after: number; reject: unknown; ignoreSignal?: boolean }
  | { never: true; ignoreSignal?: boolean }
  | { throwNow: unknown }

interface Call {
  url: string
  timeoutMs: number
  maxBytes: number
  signal: AbortSignal
}

/** A fake HttpGet: answers after a delay, rejects with "cancelled" on abort unless told to ignore it. */
function fakeHttp(behaviours: Record<string, Behaviour>): { http: HttpGet; calls: Call[] } {
  const calls: Call[] = []
  const http: HttpGet = (url, { signal, timeoutMs, maxBytes }) => {
    calls.push({ url, signal, timeoutMs, maxBytes })
    const b = behaviours[url]
    if (b === undefined) throw new Error(`test bug: no behaviour for ${url}`)
    if ('throwNow' in b) throw b.throwNow
    return new Promise<HttpAnswer>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined
      if (!('never' in b)) {
        timer = setTimeout(() => {
          if ('reject' in b) reject(b.reject)
          else resolve({ status: 200, contentType: b.contentType === undefined ? 'text/plain' : b.contentType, body: b.body })
        }, b.after)
      }
      if (!b.ignoreSignal) {
        signal.addEventListener('abort', () => {
          clearTimeout(timer)
          reject(new Error('cancelled'))
        })
      }
    })
  }
  return { http, calls }
}

const now = (): number => performance.now()
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

t.test('discoverPublicIp', async (t) => {
  t.test('two agree early: the rest are cancelled and recorded', async (t) => {
    const { http, calls } = fakeHttp({
      'https://a.test/': { after: 10, body: '203.0.113.7\n' },
      'https://b.test/': { never: true },
      'https://c.test/': { after: 30, body: '{"ip":"203.0.113.7"}', contentType: 'application/json' },
      'https://d.test/': { after: 1000, body: '198.51.100.1' },
    })
    const r = await discoverPublicIp({ urls: ['https://a.test/', 'https://b.test/', 'https://c.test/', 'https://d.test/'], http, now, deadlineMs: 2000 })
    t.equal(r.address, '203.0.113.7')
    t.same(
      r.sources.map((s) => [s.url, s.address, s.error]),
      [
        ['https://a.test/', '203.0.113.7', null],
        ['https://b.test/', null, NOT_NEEDED],
        ['https://c.test/', '203.0.113.7', null],
        ['https://d.test/', null, NOT_NEEDED],
      ],
    )
    t.equal(NOT_NEEDED, 'not needed: two sources already agreed')
    for (const s of r.sources) t.type(s.ms, 'number')
    // Order only, never wall-clock bounds: a answered before c, and b was cancelled when c agreed.
    // Each ms counts from its own request's start, rounded: under load both answers can land in one
    // tick, and a (started a fraction of a millisecond earlier) may then round 1 ms above c.
    t.ok(r.sources[0]!.ms! <= r.sources[2]!.ms! + 1, `first answer's ms (${r.sources[0]!.ms}) <= second's (${r.sources[2]!.ms})`)
    t.ok(r.sources[1]!.ms! >= r.sources[2]!.ms!, `cancelled entry's ms is the time until cancelled (${r.sources[1]!.ms})`)
    t.same(calls.map((c) => c.signal.aborted), [false, true, false, true], 'cancelled requests were aborted')
    t.same(calls.map((c) => c.url), ['https://a.test/', 'https://b.test/', 'https://c.test/', 'https://d.test/'], 'all asked at once')
    t.same(r.candidates, [{ address: '203.0.113.7', votes: 2 }])
    t.same(r.sources.map((s) => s.rejected), [null, null, null, null])
  })

  t.test('single configured source', async (t) => {
    const ok = fakeHttp({ 'http://198.51.100.10/ip': { after: 5, body: '198.51.100.2\n' } })
    const r = await discoverPublicIp({ urls: ['http://198.51.100.10/ip'], http: ok.http, now })
    t.equal(r.address, '198.51.100.2')
    t.same(r.sources.map((s) => [s.address, s.error]), [['198.51.100.2', null]])
    t.same(r.candidates, [{ address: '198.51.100.2', votes: 1 }], 'a documentation address is used: labs stand in for public addresses with it')
    t.same([ok.calls[0]!.timeoutMs, ok.calls[0]!.maxBytes], [ECHO_REQUEST_TIMEOUT_MS, ECHO_MAX_BYTES], 'defaults passed on')

    const bad = fakeHttp({ 'http://198.51.100.10/ip': { after: 5, reject: new Error('connection refused') } })
    const r2 = await discoverPublicIp({ urls: ['http://198.51.100.10/ip'], http: bad.http, now })
    t.equal(r2.address, null)
    t.same(r2.sources.map((s) => [s.address, s.error]), [[null, 'connection refused']])
    t.same(r2.candidates, [])
  })

  t.test('majority of three; the disagreeing source is recorded', async (t) => {
    const { http, calls } = fakeHttp({
      a: { after: 10, body: '198.51.100.9' },
      b: { after: 20, body: '203.0.113.7' },
      c: { after: 40, body: '203.0.113.7' },
    })
    const r = await discoverPublicIp({ urls: ['a', 'b', 'c'], http, now, requestTimeoutMs: 123 })
    t.equal(r.address, '203.0.113.7')
    t.same(r.sources.map((s) => [s.url, s.address, s.error]), [
      ['a', '198.51.100.9', null],
      ['b', '203.0.113.7', null],
      ['c', '203.0.113.7', null],
    ])
    t.same(calls.map((c) => c.timeoutMs), [123, 123, 123])
    t.same(r.candidates, [
      { address: '203.0.113.7', votes: 2 },
      { address: '198.51.100.9', votes: 1 },
    ], 'most votes first')
  })

  t.test('a tie goes to the earliest answer', async (t) => {
    const { http } = fakeHttp({
      slow: { after: 40, body: '198.51.100.9' },
      fast: { after: 10, body: '203.0.113.7' },
      broken: { after: 20, body: '<html>' },
    })
    const r = await discoverPublicIp({ urls: ['slow', 'fast', 'broken'], http, now })
    t.equal(r.address, '203.0.113.7')
    t.same(r.sources.map((s) => [s.url, s.address]), [
      ['slow', '198.51.100.9'],
      ['fast', '203.0.113.7'],
      ['broken', null],
    ])
    t.match(r.sources[2]!.error, /^looks like HTML/)
    t.same(r.candidates, [
      { address: '203.0.113.7', votes: 1 },
      { address: '198.51.100.9', votes: 1 },
    ], 'equal votes: in order of arrival')
  })

  t.test('an answer that is not a public address is recorded, never used', async (t) => {
    const { http } = fakeHttp({
      lan: { after: 5, body: '192.168.1.1' },
      a: { after: 10, body: '203.0.113.7' },
      b: { after: 20, body: '203.0.113.7' },
    })
    const r = await discoverPublicIp({ urls: ['lan', 'a', 'b'], http, now })
    t.equal(r.address, '203.0.113.7')
    t.same(r.sources.map((s) => [s.url, s.address, s.error, s.rejected]), [
      ['lan', '192.168.1.1', null, 'a private address (RFC 1918)'],
      ['a', '203.0.113.7', null, null],
      ['b', '203.0.113.7', null, null],
    ])
    t.same(r.candidates, [{ address: '203.0.113.7', votes: 2 }], 'the rejected answer is no candidate')
  })

  t.test('rejected answers never count as votes, not even when they agree', async (t) => {
    const { http, calls } = fakeHttp({
      a: { after: 5, body: '10.0.0.1' },
      b: { after: 10, body: '10.0.0.1' },
      c: { after: 20, body: '100.64.0.9' },
    })
    const r = await discoverPublicIp({ urls: ['a', 'b', 'c'], http, now })
    t.equal(r.address, null)
    t.same(r.candidates, [])
    t.same(r.sources.map((s) => s.rejected), ['a private address (RFC 1918)', 'a private address (RFC 1918)', 'in 100.64.0.0/10, the shared space of carrier-grade NAT (RFC 6598)'])
    t.same(calls.map((c) => c.signal.aborted), [false, false, false], 'two equal rejected answers are no agreement: c was still awaited')
  })

  t.test('one answer among several failures is accepted', async (t) => {
    const { http } = fakeHttp({
      a: { after: 5, reject: new Error('HTTP 500') },
      b: { after: 15, body: '203.0.113.7' },
      c: { after: 10, body: '2001:db8::1' },
    })
    const r = await discoverPublicIp({ urls: ['a', 'b', 'c'], http, now })
    t.equal(r.address, '203.0.113.7')
    t.same(r.sources.map((s) => s.error), ['HTTP 500', null, 'answered an IPv6 address, IPv4 was asked'])
  })

  t.test('all fail: no address, every error recorded', async (t) => {
    const { http } = fakeHttp({
      refused: { after: 5, reject: new Error('connection refused') },
      weird: { after: 5, reject: 'a string, not an Error\nwith a second line' },
      sync: { throwNow: new Error('thrown synchronously') },
      html: { after: 10, body: '<!doctype html><p>hi</p>', contentType: 'text/html' },
      empty: { after: 10, body: '' },
      long: { after: 10, reject: new Error('x'.repeat(500)) },
    })
    const urls = ['refused', 'weird', 'sync', 'html', 'empty', 'long']
    const r = await discoverPublicIp({ urls, http, now })
    t.equal(r.address, null)
    t.same(r.sources.map((s) => s.url), urls, 'every URL in the configured order')
    t.same(r.sources.map((s) => s.address), [null, null, null, null, null, null])
    t.same(r.sources.slice(0, 3).map((s) => s.error), [
      'connection refused',
      'a string, not an Error with a second line',
      'thrown synchronously',
    ])
    t.match(r.sources[3]!.error, /^looks like HTML/)
    t.equal(r.sources[4]!.error, 'empty answer')
    t.equal(Array.from(r.sources[5]!.error!).length, 200, 'long messages capped')
    for (const s of r.sources) t.type(s.ms, 'number')
  })

  t.test('the overall deadline aborts what is still running', async (t) => {
    const { http, calls } = fakeHttp({
      ok: { after: 10, body: '203.0.113.7' },
      hung: { never: true, ignoreSignal: true },
      polite: { never: true },
    })
    const r = await discoverPublicIp({ urls: ['ok', 'hung', 'polite'], http, now, deadlineMs: 80 })
    t.equal(r.address, '203.0.113.7', 'the single answer is accepted')
    t.same(r.sources.map((s) => s.error), [
      null,
      'no answer before the 80 ms deadline',
      'no answer before the 80 ms deadline',
    ])
    t.ok(r.sources[1]!.ms! >= r.sources[0]!.ms!, `ms is the time until aborted, after the answer (${r.sources[1]!.ms})`)
    t.same(calls.map((c) => c.signal.aborted), [false, true, true])
    t.match(String((calls[1]!.signal.reason as Error).message), /deadline/, 'the abort says why')
  })

  t.test('the deadline with no answer at all', async (t) => {
    const { http } = fakeHttp({ a: { never: true }, b: { after: 5, reject: new Error('name not found') } })
    const r = await discoverPublicIp({ urls: ['a', 'b'], http, now, deadlineMs: 30 })
    t.equal(r.address, null)
    t.same(r.sources.map((s) => s.error), ['no answer before the 30 ms deadline', 'name not found'])
  })

  t.test('late answers after cancellation change nothing', async (t) => {
    const { http } = fakeHttp({
      a: { after: 5, body: '203.0.113.7' },
      b: { after: 10, body: '203.0.113.7' },
      late: { after: 40, body: '198.51.100.1', ignoreSignal: true },
      lateFail: { after: 40, reject: new Error('boom'), ignoreSignal: true },
    })
    const r = await discoverPublicIp({ urls: ['a', 'b', 'late', 'lateFail'], http, now })
    const before = JSON.stringify(r.sources)
    await sleep(80)
    t.equal(JSON.stringify(r.sources), before)
    t.same(r.sources.map((s) => s.error), [null, null, NOT_NEEDED, NOT_NEEDED])
  })

  t.test('no URLs', async (t) => {
    const { http, calls } = fakeHttp({})
    t.same(await discoverPublicIp({ urls: [], http, now }), { address: null, sources: [], candidates: [] })
    t.equal(calls.length, 0)
  })
})

t.test('hedging: a silent service is asked a second time, the first answer wins', async (t) => {
  t.equal(ECHO_HEDGE_MS, 500)
  /** A fake where each URL answers per request: the n-th request to it gets the n-th behaviour. */
  const perRequest = (plans: Record<string, Array<{ after: number; body?: string; reject?: string } | 'never'>>) => {
    const calls: string[] = []
    const http: HttpGet = (url, { signal }) => {
      const n = calls.filter((c) => c === url).length
      calls.push(url)
      const plan = plans[url]![n]!
      return new Promise<HttpAnswer>((resolve, reject) => {
        signal.addEventListener('abort', () => reject(new Error('cancelled')))
        if (plan === 'never') return
        setTimeout(() => (plan.reject !== undefined ? reject(new Error(plan.reject)) : resolve({ status: 200, contentType: 'text/plain', body: plan.body! })), plan.after)
      })
    }
    return { http, calls }
  }

  const lost = perRequest({ a: ['never', { after: 5, body: '203.0.113.7' }], b: [{ after: 5, body: '203.0.113.7' }] })
  const r = await discoverPublicIp({ urls: ['a', 'b'], http: lost.http, now, hedgeMs: 20 })
  t.equal(r.address, '203.0.113.7')
  t.same(lost.calls, ['a', 'b', 'a'], 'only the silent service is asked again')
  t.same(r.sources.map((s) => [s.address, s.error]), [['203.0.113.7', null], ['203.0.113.7', null]])
  t.same(r.candidates, [{ address: '203.0.113.7', votes: 2 }], 'one vote per service, whichever request answered')

  const firstFails = perRequest({ a: [{ after: 40, reject: 'connect timed out' }, { after: 60, body: '203.0.113.7' }] })
  const r2 = await discoverPublicIp({ urls: ['a'], http: firstFails.http, now, hedgeMs: 20 })
  t.equal(r2.address, '203.0.113.7', 'a failure while the twin is in flight does not decide')
  t.same(r2.sources.map((s) => s.error), [null])

  const bothFail = perRequest({ a: [{ after: 40, reject: 'first' }, { after: 30, reject: 'second' }] })
  const r3 = await discoverPublicIp({ urls: ['a'], http: bothFail.http, now, hedgeMs: 20 })
  t.equal(r3.address, null)
  t.same(r3.sources.map((s) => s.error), ['second'], 'the last request out gives the error')

  const quick = perRequest({ a: [{ after: 5, body: '203.0.113.7' }] })
  await discoverPublicIp({ urls: ['a'], http: quick.http, now, hedgeMs: 20 })
  await sleep(40)
  t.same(quick.calls, ['a'], 'a service that answered in time is not asked again')
})

t.test('notPublic and tally', async (t) => {
  t.equal(notPublic('203.0.113.7'), null, 'documentation: used (labs)')
  t.equal(notPublic('8.8.8.8'), null)
  t.equal(notPublic('127.0.0.1'), 'a loopback address')
  t.equal(notPublic('169.254.1.1'), 'a link-local address')
  t.equal(notPublic('0.1.2.3'), 'in 0.0.0.0/8, "this network"')
  t.equal(notPublic('224.0.0.1'), 'a multicast address')
  t.equal(notPublic('240.0.0.1'), 'in 240.0.0.0/4, reserved')
  t.equal(notPublic('2001:db8::1'), null, 'IPv6 answers are not judged')
  t.same(tally([]), [])
  t.same(tally(['b', 'a', 'a', 'c', 'b', 'a']), [
    { address: 'a', votes: 3 },
    { address: 'b', votes: 2 },
    { address: 'c', votes: 1 },
  ])
  t.same(tally(['x', 'y']), [
    { address: 'x', votes: 1 },
    { address: 'y', votes: 1 },
  ], 'ties by arrival')
})

t.test('describeDiscoveryFailure names each service by host, on one line', async (t) => {
  const line = describeDiscoveryFailure([
    { url: 'https://api.ipify.org', address: null, error: 'connect timed out after 2500 ms', ms: 2500, rejected: null },
    { url: 'http://198.51.100.10:8080/ip', address: null, error: null, ms: 3, rejected: null },
    { url: 'weird', address: null, error: 'HTTP 500', ms: 1, rejected: null },
  ])
  t.equal(
    line,
    'could not learn the public IP: none of the 3 echo services answered with an address (api.ipify.org: connect timed out after 2500 ms; 198.51.100.10:8080: no address; weird: HTTP 500); pass --public-ip ADDR, or --echo-url URL for a service you can reach',
  )
})

t.test('IPv6: parsing, URL checks and discovery pinned to IPv6', async (t) => {
  t.equal(parseEchoAnswer('2001:DB8::10\n', 'text/plain', 6), '2001:db8::10', 'lower-cased canonical text')
  t.equal(parseEchoAnswer('{"ip":"2001:db8::10"}', 'application/json', 6), '2001:db8::10')
  t.throws(() => parseEchoAnswer('203.0.113.7', null, 6), { message: 'answered an IPv4 address, IPv6 was asked' })
  t.throws(() => parseEchoAnswer('2001:db8::1', null), { message: 'answered an IPv6 address, IPv4 was asked' })
  t.equal(validateEchoUrl('http://[2001:db8:100::10]/ip', 6), 'http://[2001:db8:100::10]/ip')
  t.equal(validateEchoUrl('https://api6.ipify.org', 6), 'https://api6.ipify.org')
  t.throws(() => validateEchoUrl('http://198.51.100.10/ip', 6), { message: /IPv4 address, IPv6 is asked/ })
  t.ok(DEFAULT_ECHO_URLS_V6.length >= 4)
  const { http } = fakeHttp({ a: { after: 5, body: '2001:db8:77::10' }, b: { after: 10, body: '2001:db8:77::10\n' } })
  const r = await discoverPublicIp({ urls: ['a', 'b'], http, now, family: 6 })
  t.equal(r.address, '2001:db8:77::10')
})
