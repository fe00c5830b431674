// Makes text from the network safe to show: no escape sequences, no control or invisible characters, bounded length.

/** Longest snippet of foreign text the tool shows unless a caller asks for less. */
export const MAX_SNIPPET_CHARS = 80

/** Escape sequences (CSI, OSC, two-byte ESC, 8-bit CSI) a hostile or broken peer could use to repaint a terminal. */
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])|\u009b[0-?]*[ -/]*[@-~]/g

// Beyond the C0 controls: C1 controls, zero-width characters, bidirectional marks and overrides
// (U+061C ARABIC LETTER MARK among them), line and paragraph separators, the BOM.
const HIDDEN = '\\u007f-\\u009f\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff'

/** C0/C1 controls and every other character above: invisible or misleading in a report. */
const INVISIBLES = new RegExp(`[\\u0000-\\u001f${HIDDEN}]`, 'g')

/**
 * The invisible characters that `JSON.stringify` leaves raw (it escapes every C0 control
 * itself): to escape in JSON shown to people, where they would hide or reorder text.
 */
export const JSON_INVISIBLES = new RegExp(`[${HIDDEN}]`, 'g')

/**
 * Makes untrusted text safe to show on one line: drops escape sequences, turns control and
 * invisible characters into spaces, collapses whitespace, and caps the length at `max`
 * characters (code points, with `…` marking a cut).
 */
export function printable(text: string, max: number = MAX_SNIPPET_CHARS): string {
  const clean = text.replace(ESCAPES, '').replace(INVISIBLES, ' ').replace(/\s+/g, ' ').trim()
  const chars = Array.from(clean) // code points, so a cut never splits a surrogate pair
  return chars.length > max ? `${chars.slice(0, Math.max(0, max - 1)).join('')}…` : clean
}

/** Whether `text` holds anything `printable` would remove or change: control, invisible or bidi characters. */
export function hasInvisibles(text: string): boolean {
  return text.search(INVISIBLES) !== -1 || text.search(ESCAPES) !== -1
}
