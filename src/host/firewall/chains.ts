// Walks firewall chains for one probe, through jumps and gotos, and says whether they surely drop, surely accept, or cannot tell.

import type { Tri3 } from './match.js'

/** What a rule does when it matches. `unknown`: an action whose effect is not judged here (a queue, an opaque target). */
export type Verdict = { kind: 'accept' | 'drop' | 'return' | 'continue' | 'unknown' } | { kind: 'jump' | 'goto'; target: string }

/** One rule as the walker sees it: whether it matches the probe, what it does, and how to show it. */
export interface Rule {
  match: Tri3
  verdict: Verdict
  /** The rule as people read it, short (quoted in detail lines). */
  text: string
}

/** A chain a hook calls: where evaluation starts, and the policy applied when it ends. */
export interface BaseChain {
  /** Its key among the chains. */
  chain: string
  /** How a detail line names it, and where an opening rule belongs: `inet filter input`, `INPUT`, `ufw`. */
  label: string
  /** `unknown` when the listing does not say. */
  policy: 'accept' | 'drop' | 'unknown'
  /** How a detail line names the policy: `policy drop`, `default deny (incoming)`, `target default`. */
  policyText: string
  /** Set when the chain may not see the probe at all (a bridge chain, a device's ingress chain): the condition. */
  onlyIf?: string
}

/** What can become of the probe. */
export type Outcome = 'accept' | 'drop' | 'unknown'

/** Each possible outcome with the first rule (quoted) or policy that gives it. */
export type Outcomes = Map<Outcome, string>

type Flow = Map<Outcome | 'return', string>

/**
 * How deep jumps may nest before the walk gives up (nftables itself stops at 16; iptables refuses
 * loops but not depth, and no real ruleset nests this deep).
 */
export const MAX_JUMP_DEPTH = 64

/** Adds `b`'s outcomes to `a`'s; `a`'s reasons win (they come first in evaluation order). */
function union(a: Flow, b: Flow): Flow {
  const out = new Map(a)
  for (const [k, v] of b) if (!out.has(k)) out.set(k, v)
  return out
}

/** Walks the chains of one listing; each chain is walked once. */
export class ChainWalker {
  private readonly memo = new Map<string, Flow>()
  private readonly open = new Set<string>()

  /**
   * @param chains every chain's rules, by key
   * @param baseKeys the keys of base chains (their rules are quoted without a chain name)
   * @param display how to name a chain in a reason
   */
  constructor(
    private readonly chains: ReadonlyMap<string, readonly Rule[]>,
    private readonly baseKeys: ReadonlySet<string>,
    private readonly display: (key: string) => string = (key) => key,
  ) {}

  /** What can become of the probe from the start of chain `key`: `return` when it may fall off the end. */
  flow(key: string, depth = 0): Flow {
    const known = this.memo.get(key)
    if (known !== undefined) return known
    const rules = this.chains.get(key)
    if (rules === undefined) return new Map([['unknown', `a jump to ${this.display(key)}, a chain not in the listing`]])
    if (depth > MAX_JUMP_DEPTH || this.open.has(key)) return new Map([['unknown', `jumps into ${this.display(key)} loop or nest too deep`]])
    this.open.add(key)
    // Backwards, so a chain of thousands of rules needs no deep recursion: each step knows what follows it.
    let next: Flow = new Map([['return', `the end of ${this.display(key)}`]])
    for (let i = rules.length - 1; i >= 0; i--) next = this.step(key, rules[i]!, next, depth)
    this.open.delete(key)
    this.memo.set(key, next)
    return next
  }

  private step(key: string, rule: Rule, next: Flow, depth: number): Flow {
    if (rule.match === 'no') return next
    const hit = this.hit(key, rule, next, depth)
    return rule.match === 'maybe' ? union(hit, next) : hit
  }

  private hit(key: string, rule: Rule, next: Flow, depth: number): Flow {
    const why = this.baseKeys.has(key) ? `"${rule.text}"` : `"${rule.text}" (chain ${this.display(key)})`
    const v = rule.verdict
    if (v.kind === 'continue') return next
    if (v.kind === 'goto') return this.flow(v.target, depth + 1)
    if (v.kind === 'jump') {
      const sub = new Map(this.flow(v.target, depth + 1))
      const returns = sub.delete('return')
      return returns ? union(sub, next) : sub
    }
    return new Map([[v.kind, why]])
  }
}

/** The outcomes of one base chain: falling off its end means its policy; a chain that may not see the probe may also let it pass. */
export function evaluateBase(walker: ChainWalker, base: BaseChain): Outcomes {
  const out: Outcomes = new Map()
  for (const [k, v] of walker.flow(base.chain)) {
    const outcome: Outcome = k === 'return' ? base.policy : k
    const reason = k === 'return' ? base.policyText : v
    if (!out.has(outcome)) out.set(outcome, reason)
  }
  if (base.onlyIf !== undefined && !out.has('accept')) out.set('accept', base.onlyIf)
  return out
}

/** How a set of base chains judges the probe, and the chain that decides (or would take an opening rule). */
export interface Judgement {
  state: 'blocks' | 'allows' | 'unclear' | 'inactive'
  base: BaseChain | null
  outcomes: Outcomes
}

const only = (o: Outcomes, outcome: Outcome): boolean => o.size === 1 && o.has(outcome)

/**
 * Every base chain sees the probe (the chains on a netfilter hook, the tables of iptables), in the
 * order given (by priority): one that surely drops drops it, whatever the others do; it passes only
 * when every one surely accepts. Anything else cannot be told.
 */
export function judgeAll(results: ReadonlyArray<{ base: BaseChain; outcomes: Outcomes }>): Judgement {
  if (results.length === 0) return { state: 'inactive', base: null, outcomes: new Map() }
  const dropping = results.find((r) => only(r.outcomes, 'drop'))
  if (dropping !== undefined) return { state: 'blocks', ...dropping }
  if (results.every((r) => only(r.outcomes, 'accept'))) {
    const byRule = results.find((r) => r.outcomes.get('accept') !== r.base.policyText)
    return { state: 'allows', ...(byRule ?? results[0]!) }
  }
  return { state: 'unclear', ...results.find((r) => !only(r.outcomes, 'accept'))! }
}

/**
 * The one-line detail for a judgement, e.g. `chain inet filter input: policy drop, no accept for tcp
 * dport 8443` or `INPUT: "-s 10.0.0.0/8 -j ACCEPT" may accept tcp dport 8443 (a condition not known
 * here), else policy DROP`.
 */
export function describe(j: Judgement, label: string, probe: string): string {
  const { outcomes: o, base } = j
  const policy = base?.policyText
  const accept = o.get('accept')
  const drop = o.get('drop')
  const unknown = o.get('unknown')
  if (j.state === 'inactive') return `${label}: nothing filters the input path`
  if (j.state === 'blocks') return drop === policy ? `${label}: ${policy}, no accept for ${probe}` : `${label}: ${drop} drops ${probe}`
  if (j.state === 'allows') return accept === policy ? `${label}: ${policy}, nothing drops ${probe}` : `${label}: ${accept} accepts ${probe}`
  if (unknown !== undefined) return `${label}: ${unknown} may decide ${probe} in a way not judged here`
  if (accept !== undefined && accept === base?.onlyIf) return `${label}: ${drop} drops ${probe}, but only if ${accept}`
  if (drop === policy) return `${label}: ${accept} may accept ${probe} (a condition not known here), else ${policy}`
  if (accept === policy) return `${label}: ${drop} may drop ${probe} (a condition not known here), else ${policy}`
  return `${label}: ${accept} may accept ${probe}, ${drop} may drop it`
}
