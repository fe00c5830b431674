// Tests for src/external.ts: URL templates, the echoip answer parser, and the check with a fake HTTP client.

import t from 'tap'
import {
  checkExternal,
  DEFAULT_EXTERNAL_URL,
  EXTERNAL_MAX_BYTES,
  EXTERNAL_REQUEST_TIMEOUT_MS,
  externalUrl,
  parsePortCheck,
  PORT_PLACEHOLDER,
} from '../../src/discover/external.js'
import type { HttpAnswer, HttpGet } from '../../src/net/http.js'

t.test('constants', async (t) => {
  t.equal(DEFAULT_EXTERNAL_URL, 'https://ifconfig.co/port/{port}')
  t.equal(PORT_PLACEHOLDER, '{port}')
  t.ok(EXTERNAL_REQUEST_TIMEOUT_MS > 2000, "above echoip's own 2 s wait")
  t.equal(EXTERNAL_MAX_BYTES, 4096)
})

t.test('externalUrl', async (t) => {
  t.equal(externalUrl(DEFAULT_EXTERNAL_URL, 8443), 'https://ifconfig.co/port/8443')
  t.equal(externalUrl(' http://echo.example.net:8080/check/{port}?tcp=1 ', 22), 'http://echo.example.net:8080/check/22?tcp=1', 'trimmed')
  t.equal(externalUrl('https://echo.example.net/{port}/{port}', 1), 'https://echo.example.net/1/1', 'every placeholder')
  t.equal(externalUrl('https://echo.example.net', 65535), 'https://echo.example.net/port/65535', 'appended to an empty path')
  t.equal(externalUrl('https://echo.example.net/', 80), 'https://echo.example.net/port/80')
  t.equal(externalUrl('https://echo.example.net/base//', 80), 'https://echo.example.net/base/port/80')
  t.equal(externalUrl('https://echo.example.net/base?x=1#f', 80), 'https://echo.example.net/base/port/80?x=1#f', 'query kept')
  t.equal(externalUrl('http://192.0.2.10', 80), 'http://192.0.2.10/port/80')
  t.throws(() => externalUrl('ftp://echo.example.net/{port}', 80), { message: /^echo URL must start with http:\/\/ or https:\/\// })
  t.throws(() => externalUrl('https://user:pw@echo.example.net', 80), { message: 'echo URL must not contain a user name or password' })
  t.throws(() => externalUrl('https://[2001:db8::1]/port/{port}', 80), { message: /IPv6 address, IPv4 is asked/ })
  t.throws(() => externalUrl('https://exa mple.net/{port}', 80), { message: /^echo URL is not a valid URL/ })
  t.throws(() => externalUrl('https://\u001b[31mevil/', 80), { message: /^echo URL contains control or invisible characters: "https:\/\/evil\/"$/ }, 'made printable')
  for (const bad of [0, 65536, 1.5, -1, Number.NaN]) {
    t.throws(() => externalUrl(DEFAULT_EXTERNAL_URL, bad), { message: /^port must be an integer from 1 to 65535, not / }, String(bad))
  }
})

t.test('parsePortCheck', async (t) => {
  t.test("echoip's answers", async (t) => {
    t.same(parsePortCheck('{\n  "ip": "203.0.113.7",\n  "port": 8443,\n  "reachable": true\n}', 8443), { ip: '203.0.113.7', reachable: true })
    t.same(parsePortCheck('{"ip":"203.0.113.7","port":22,"reachable":false}\n', 22), { ip: '203.0.113.7', reachable: false })
    t.same(parsePortCheck('{"ip":"::FFFF:203.0.113.7","port":22,"reachable":true}', 22), { ip: '203.0.113.7', reachable: true }, 'IPv4-mapped')
    t.same(parsePortCheck('{"ip":"2001:DB8::1","port":22,"reachable":true}', 22), { ip: '2001:db8::1', reachable: true })
    t.same(parsePortCheck('{"port":22,"reachable":true}', 22), { ip: null, reachable: true }, 'no ip')
    t.same(parsePortCheck('{"ip":null,"port":22,"reachable":false}', 22), { ip: null, reachable: false })
  })

  t.test('anything else', async (t) => {
    const bad: Array<[string, string | RegExp]> = [
      ['', 'empty answer'],
      ['  \n', 'empty answer'],
      ['<!DOCTYPE html><html><body>Port 22 is open</body></html>', /^looks like HTML, not a port check: "<!DOCTYPE html>/],
      ['reachable', 'not valid JSON: "reachable"'],
      ['{"ip": ', 'not valid JSON: "{"ip":"'],
      ['{\n  "status": 400,\n  "error": "invalid port: 0"\n}', 'the service said: "invalid port: 0"'],
      ['{"error":"\\u001b[2Jrate\\u0007 limited"}', 'the service said: "rate limited"'],
      ['{"ip":"203.0.113.7","port":23,"reachable":true}', 'answered for port 23, port 22 was asked'],
      ['{"ip":"203.0.113.7","port":"22","reachable":true}', /^not a port check answer \(no port number\)/],
      ['{"ip":"203.0.113.7","reachable":true}', /^not a port check answer \(no port number\)/],
      ['42', 'not a port check answer (no port number): "42"'],
      ['null', 'not a port check answer (no port number): "null"'],
      ['[22]', /^not a port check answer \(no port number\)/],
      ['{"ip":"203.0.113.7","port":22,"reachable":"true"}', /^not a port check answer \("reachable" is not true or false\)/],
      ['{"ip":"203.0.113.7","port":22}', /^not a port check answer \("reachable" is not true or false\)/],
      ['{"ip":"localhost","port":22,"reachable":true}', /^answered an "ip" that is not an IP address: /],
      ['{"ip":42,"port":22,"reachable":true}', /^answered an "ip" that is not an IP address: /],
      [`{"ip":"203.0.113.7","port":22,"reachable":1,"pad":"${'x'.repeat(200)}"}`, /^not a port check answer \("reachable" is not true or false\): ".{39}…"$/],
    ]
    for (const [body, message] of bad) t.throws(() => parsePortCheck(body, 22), { message }, JSON.stringify(body).slice(0, 60))
  })
})

/** A clock that moves 25 ms per reading. */
function ticking(): () => number {
  let clock = 1000
  return () => (clock += 25)
}

const answer = (body: string): HttpAnswer => ({ status: 200, contentType: 'application/json', body })

t.test('checkExternal', async (t) => {
  const url = 'https://echo.example.net/port/8443'

  t.test('reachable', async (t) => {
    const calls: Array<{ url: string; timeoutMs: number; maxBytes: number; signal: AbortSignal }> = []
    const http: HttpGet = async (u, o) => {
      calls.push({ url: u, ...o })
      return answer('{"ip":"203.0.113.7","port":8443,"reachable":true}')
    }
    const r = await checkExternal({ url, port: 8443, http, timeoutMs: 10_000, now: ticking() })
    t.same(r, { reachable: true, via: url, ip: '203.0.113.7', error: null, ms: 25 })
    t.equal(calls.length, 1)
    t.equal(calls[0]!.url, url)
    t.equal(calls[0]!.timeoutMs, EXTERNAL_REQUEST_TIMEOUT_MS, 'each phase capped by the request timeout')
    t.equal(calls[0]!.maxBytes, EXTERNAL_MAX_BYTES)
    t.notOk(calls[0]!.signal.aborted)
  })

  t.test('not reachable', async (t) => {
    let timeoutMs = 0
    const http: HttpGet = async (_u, o) => {
      timeoutMs = o.timeoutMs
      return answer('{"ip":"203.0.113.7","port":8443,"reachable":false}')
    }
    const r = await checkExternal({ url, port: 8443, http, timeoutMs: 1500, now: ticking() })
    t.same(r, { reachable: false, via: url, ip: '203.0.113.7', error: null, ms: 25 })
    t.equal(timeoutMs, 1500, 'a smaller budget caps each phase too')
  })

  t.test('HTTP error', async (t) => {
    const http: HttpGet = async () => {
      throw new Error('HTTP 429')
    }
    t.same(await checkExternal({ url, port: 8443, http, timeoutMs: 5000, now: ticking() }), {
      reachable: null,
      via: url,
      ip: null,
      error: 'HTTP 429',
      ms: 25,
    })
  })

  t.test('a client that throws at once, or throws a non-Error', async (t) => {
    const sync: HttpGet = () => {
      throw new Error('HTTP client closed')
    }
    t.equal((await checkExternal({ url, port: 8443, http: sync, timeoutMs: 5000, now: ticking() })).error, 'HTTP client closed')
    const odd: HttpGet = () => Promise.reject('\u001b[31mweird\nfailure') // eslint-disable-line prefer-promise-reject-errors
    t.equal((await checkExternal({ url, port: 8443, http: odd, timeoutMs: 5000, now: ticking() })).error, 'weird failure', 'printable')
  })

  t.test('bad body', async (t) => {
    const http: HttpGet = async () => ({ status: 200, contentType: 'text/html', body: '<html>Port check</html>' })
    const r = await checkExternal({ url, port: 8443, http, timeoutMs: 5000, now: ticking() })
    t.equal(r.reachable, null)
    t.equal(r.ip, null)
    t.match(r.error, /^looks like HTML, not a port check/)
    const wrongPort: HttpGet = async () => answer('{"ip":"203.0.113.7","port":8080,"reachable":true}')
    t.equal((await checkExternal({ url, port: 8443, http: wrongPort, timeoutMs: 5000, now: ticking() })).error, 'answered for port 8080, port 8443 was asked')
  })

  t.test('the budget ends a request that never answers, and cancels it', async (t) => {
    let signal: AbortSignal | null = null
    const hang: HttpGet = (_u, o) => {
      signal = o.signal
      return new Promise(() => {}) // ignores the signal, too
    }
    const r = await checkExternal({ url, port: 8443, http: hang, timeoutMs: 20, now: ticking() })
    t.same(r, { reachable: null, via: url, ip: null, error: 'no answer within 20 ms', ms: 25 })
    t.ok(signal!.aborted, 'the request was told to stop')
  })
})
