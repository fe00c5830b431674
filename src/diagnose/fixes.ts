// The fixes for a diagnosed cause: the cause's entries from the catalogue, filled in for this network, each citing its documentation.

import type { Cause, Fix } from '../report/report.js'
import { FIXES, valuesOf, type Entry, type FixContext } from './catalogue.js'
import { CAUSES } from './causes.js'

export type { FixContext } from './catalogue.js'

/**
 * The fixes for a diagnosed cause, most likely first, each with one line of why, its commands filled in
 * from `ctx` (named placeholders such as `<public-IP>` where a fact is unknown) and the URL of the
 * documentation it follows as `source`. `entries` picks other fixes than the cause's own.
 */
export function fixesFor(cause: Cause, ctx: FixContext, entries: readonly Entry[] = CAUSES[cause].fixes): Fix[] {
  const v = valuesOf(ctx)
  return entries.map(([id, why]) => {
    const { title, source, commands } = FIXES[id](v)
    return { id, title, why, commands, source }
  })
}
