// Walking chains: certain and possible matches, jumps and gotos, base-chain judgements and their detail lines.

import t from 'tap'
import { ChainWalker, describe, evaluateBase, judgeAll, type BaseChain, type Outcomes, type Rule } from '../../../src/host/firewall/chains.js'

const accept = { kind: 'accept' } as const
const drop = { kind: 'drop' } as const
const rule = (match: Rule['match'], verdict: Rule['verdict'], text: string): Rule => ({ match, verdict, text })
const base = (chain: string, policy: BaseChain['policy'] = 'drop', extra: Partial<BaseChain> = {}): BaseChain => ({
  chain,
  label: chain,
  policy,
  policyText: `policy ${policy}`,
  ...extra,
})
const outcomesOf = (chains: Record<string, Rule[]>, b: BaseChain): Outcomes =>
  evaluateBase(new ChainWalker(new Map(Object.entries(chains)), new Set([b.chain])), b)

t.test('a certain match decides; a possible one keeps both ways open', async (t) => {
  t.same(outcomesOf({ in: [rule('yes', drop, 'drop all')] }, base('in', 'accept')), new Map([['drop', '"drop all"']]))
  t.same(outcomesOf({ in: [rule('no', drop, 'x'), rule('yes', accept, 'ok')] }, base('in')), new Map([['accept', '"ok"']]))
  t.same(outcomesOf({ in: [rule('maybe', accept, 'lan only')] }, base('in')), new Map([['accept', '"lan only"'], ['drop', 'policy drop']]))
  t.same(outcomesOf({ in: [rule('yes', { kind: 'continue' }, 'counter')] }, base('in', 'accept')), new Map([['accept', 'policy accept']]))
  t.same(outcomesOf({ in: [rule('yes', { kind: 'unknown' }, 'queue')] }, base('in')), new Map([['unknown', '"queue"']]))
})

t.test('jumps return, gotos do not, user chains are named in reasons', async (t) => {
  const chains = {
    in: [rule('yes', { kind: 'jump', target: 'user' }, 'jump user'), rule('yes', drop, 'drop rest')],
    user: [rule('maybe', accept, 'from lan'), rule('yes', { kind: 'return' }, 'return')],
  }
  t.same(outcomesOf(chains, base('in', 'accept')), new Map([['accept', '"from lan" (chain user)'], ['drop', '"drop rest"']]))
  const viaGoto = { in: [rule('yes', { kind: 'goto', target: 'zone' }, 'goto zone'), rule('yes', accept, 'never')], zone: [] }
  t.same(outcomesOf(viaGoto, base('in')), new Map([['drop', 'policy drop']]), 'the end of a goto chain returns from the base chain')
  const decided = { in: [rule('yes', { kind: 'jump', target: 'user' }, 'jump'), rule('yes', accept, 'never')], user: [rule('yes', drop, 'deny')] }
  t.same(outcomesOf(decided, base('in', 'accept')), new Map([['drop', '"deny" (chain user)']]))
})

t.test('missing chains and loops are unknown, never a guess', async (t) => {
  t.same(outcomesOf({ in: [rule('yes', { kind: 'jump', target: 'gone' }, 'j')] }, base('in')).get('unknown'), 'a jump to gone, a chain not in the listing')
  const loop = { in: [rule('yes', { kind: 'jump', target: 'a' }, 'j')], a: [rule('yes', { kind: 'jump', target: 'a' }, 'again')] }
  t.match(outcomesOf(loop, base('in')).get('unknown'), /loop or nest too deep/)
  const walker = new ChainWalker(new Map([['in', []]]), new Set(['in']), (k) => `<${k}>`)
  t.same(walker.flow('in'), new Map([['return', 'the end of <in>']]))
  t.equal(walker.flow('in'), walker.flow('in'), 'each chain is walked once')
  t.match(new ChainWalker(new Map([['x', []]]), new Set()).flow('x', 999).get('unknown'), /too deep/)
})

t.test('a long chain needs no deep recursion', async (t) => {
  const rules = Array.from({ length: 50_000 }, (_, i) => rule('no', accept, `r${i}`))
  t.same(outcomesOf({ in: rules }, base('in')), new Map([['drop', 'policy drop']]))
})

t.test('evaluateBase: unknown policy, chains that may not see the probe', async (t) => {
  t.same(outcomesOf({ in: [] }, base('in', 'unknown')), new Map([['unknown', 'policy unknown']]))
  const bridge = base('br', 'accept', { onlyIf: 'the LAN interface is a bridge port' })
  t.same(outcomesOf({ br: [rule('yes', drop, 'drop 8443')] }, bridge), new Map([['drop', '"drop 8443"'], ['accept', 'the LAN interface is a bridge port']]))
  t.same(outcomesOf({ br: [] }, bridge), new Map([['accept', 'policy accept']]))
})

t.test('judgeAll: one sure drop blocks, every chain must surely accept', async (t) => {
  const a = base('a', 'accept')
  const b = base('b', 'drop')
  const sureAccept: Outcomes = new Map([['accept', 'policy accept']])
  const byRule: Outcomes = new Map([['accept', '"tcp dport 8443 accept"']])
  const sureDrop: Outcomes = new Map([['drop', 'policy drop']])
  const either: Outcomes = new Map([['accept', '"x"'], ['drop', 'policy drop']])
  t.same(judgeAll([]), { state: 'inactive', base: null, outcomes: new Map() })
  t.equal(judgeAll([{ base: a, outcomes: either }, { base: b, outcomes: sureDrop }]).base, b)
  t.equal(judgeAll([{ base: a, outcomes: sureAccept }, { base: b, outcomes: byRule }]).base, b, 'the chain whose rule decides')
  t.equal(judgeAll([{ base: a, outcomes: sureAccept }]).state, 'allows')
  const unclear = judgeAll([{ base: a, outcomes: sureAccept }, { base: b, outcomes: either }])
  t.equal(unclear.state, 'unclear')
  t.equal(unclear.base, b)
})

t.test('describe: one line per situation', async (t) => {
  const b = base('inet filter input')
  const line = (state: 'blocks' | 'allows' | 'unclear' | 'inactive', outcomes: Outcomes, bb: BaseChain | null = b): string =>
    describe({ state, base: bb, outcomes }, `chain ${bb?.label ?? 'x'}`, 'tcp dport 8443')
  t.equal(line('inactive', new Map(), null), 'chain x: nothing filters the input path')
  t.equal(line('blocks', new Map([['drop', 'policy drop']])), 'chain inet filter input: policy drop, no accept for tcp dport 8443')
  t.equal(line('blocks', new Map([['drop', '"counter drop"']])), 'chain inet filter input: "counter drop" drops tcp dport 8443')
  const open = base('inet filter input', 'accept')
  t.equal(line('allows', new Map([['accept', 'policy accept']]), open), 'chain inet filter input: policy accept, nothing drops tcp dport 8443')
  t.equal(line('allows', new Map([['accept', '"tcp dport 8443 accept"']])), 'chain inet filter input: "tcp dport 8443 accept" accepts tcp dport 8443')
  t.equal(line('unclear', new Map([['unknown', '"queue"']])), 'chain inet filter input: "queue" may decide tcp dport 8443 in a way not judged here')
  const bridge = base('bridge filter input', 'accept', { onlyIf: 'the LAN interface is a bridge port' })
  t.equal(
    line('unclear', new Map([['drop', '"drop"'], ['accept', 'the LAN interface is a bridge port']]), bridge),
    'chain bridge filter input: "drop" drops tcp dport 8443, but only if the LAN interface is a bridge port',
  )
  t.equal(
    line('unclear', new Map([['accept', '"ip saddr 10.0.0.0/8 accept"'], ['drop', 'policy drop']])),
    'chain inet filter input: "ip saddr 10.0.0.0/8 accept" may accept tcp dport 8443 (a condition not known here), else policy drop',
  )
  t.equal(
    line('unclear', new Map([['drop', '"iifname eth1 drop"'], ['accept', 'policy accept']]), open),
    'chain inet filter input: "iifname eth1 drop" may drop tcp dport 8443 (a condition not known here), else policy accept',
  )
  t.equal(line('unclear', new Map([['accept', '"a"'], ['drop', '"d"']])), 'chain inet filter input: "a" may accept tcp dport 8443, "d" may drop it')
})
