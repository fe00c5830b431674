// The fixes for a diagnosed cause: the cause's entries from the catalogue, filled in for this network.

import type { Cause, Fix } from '../report/report.js'
import { FIXES, valuesOf, type FixContext } from './catalogue.js'
import { CAUSES } from './causes.js'

export type { FixContext } from './catalogue.js'

/**
 * The fixes for a diagnosed cause, most likely first, each with one line of why and its commands filled in
 * from `ctx` (named placeholders such as `<public-IP>` where a fact is unknown).
 */
export function fixesFor(cause: Cause, ctx: FixContext): Fix[] {
  const v = valuesOf(ctx)
  return CAUSES[cause].fixes.map(([id, why]) => {
    const { title, commands } = FIXES[id](v)
    return { id, title, why, commands, source: null }
  })
}
