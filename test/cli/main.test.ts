import t from 'tap'
import { main } from '../../src/cli/main.js'
import { fakeIO } from '../support/fixtures.js'

t.test('--version answers without loading the commands', async (t) => {
  for (const flag of ['--version', '-v']) {
    let out = ''
    const code = await main([flag], { stdout: { write: (s: string) => (out += s) } } as Parameters<typeof main>[1])
    t.equal(code, 0)
    t.match(out, /^\d+\.\d+\.\d+\n$/)
  }
})

t.test('--version on the real stdout when no environment is given', async (t) => {
  const write = process.stdout.write
  let out = ''
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write
  let code: number
  try {
    code = await main(['--version']) // no assertions in here: tap itself writes to stdout
  } finally {
    process.stdout.write = write
  }
  t.equal(code, 0)
  t.match(out, /^\d+\.\d+\.\d+\n$/)
})

t.test('anything else goes to the commands', async (t) => {
  let err = ''
  const code = await main(['not-a-port'], {
    stdout: { write: () => true },
    stderr: { write: (s: string) => (err += s) },
    env: {},
    io: fakeIO().io,
    started: 0,
    stopSignal: () => new AbortController().signal,
  })
  t.equal(code, 2)
  t.match(err, /port must be an integer/)
})
