// A strict, small XML reader for UPnP descriptions and SOAP answers: elements and their text, no DTD, bounded in every way.

/** Longest document read, in characters: a UPnP description is a few KiB; the fetch caps bytes first. */
export const XML_MAX_CHARS = 64 * 1024

/** Deepest nesting accepted: a gateway description nests about ten levels (root, device, deviceList, …). */
export const XML_MAX_DEPTH = 32

/** Most elements accepted: a busy IGD description has a few hundred. */
export const XML_MAX_ELEMENTS = 4096

/** Longest text kept per element; the rest is dropped (fields are capped again before they are shown). */
export const XML_MAX_TEXT_CHARS = 1024

/** An element: its local name (namespace prefix dropped), its own text, its child elements. Attributes are not kept. */
export interface XmlElement {
  name: string
  text: string
  children: XmlElement[]
}

/** The five predefined entities (XML 1.0 §4.6), the only ones decoded: no DTD, so no others exist. */
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/** Decodes the predefined entities in one pass (`&amp;lt;` stays `&lt;`); any other reference is left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_m, name: string) => ENTITIES[name]!)
}

// A name with an optional prefix; sticky, read where a tag starts.
const NAME = /([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?/y
// The rest of a start tag up to '>': attributes, quoted values may hold '>'. The alternatives
// start with different characters, so matching is linear.
const ATTRIBUTES = /(?:[^<>"']|"[^"]*"|'[^']*')*/y

/**
 * Parses `xml` into its root element, or returns why not (one line). Refuses any DTD (`<!DOCTYPE`,
 * `<!ENTITY`, …: entity expansion and external fetches are how XML parsers get attacked),
 * unbalanced or malformed tags, text outside the root, and anything over the limits above.
 * Comments and processing instructions are skipped; CDATA is text.
 */
export function parseXml(xml: string): { root: XmlElement } | { error: string } {
  if (xml.length > XML_MAX_CHARS) return { error: `document larger than ${XML_MAX_CHARS} characters` }
  const stack: XmlElement[] = []
  let root: XmlElement | null = null
  let elements = 0
  let i = 0

  const addText = (text: string): string | null => {
    const top = stack[stack.length - 1]
    if (top === undefined) return /\S/.test(text) ? 'text outside the root element' : null
    if (top.text.length < XML_MAX_TEXT_CHARS) top.text = (top.text + text).slice(0, XML_MAX_TEXT_CHARS)
    return null
  }
  // Skips from `from` past `end`; -1 when the document ends first.
  const skipPast = (from: number, end: string): number => {
    const at = xml.indexOf(end, from)
    return at === -1 ? -1 : at + end.length
  }

  while (i < xml.length) {
    const lt = xml.indexOf('<', i)
    const textEnd = lt === -1 ? xml.length : lt
    if (textEnd > i) {
      const err = addText(decodeEntities(xml.slice(i, textEnd)))
      if (err !== null) return { error: err }
    }
    if (lt === -1) break
    const pi = xml.startsWith('<?', lt)
    if (pi || xml.startsWith('<!--', lt)) {
      i = pi ? skipPast(lt + 2, '?>') : skipPast(lt + 4, '-->')
      if (i === -1) return { error: 'unterminated comment or processing instruction' }
      continue
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9)
      if (end === -1) return { error: 'unterminated CDATA section' }
      const err = addText(xml.slice(lt + 9, end))
      if (err !== null) return { error: err }
      i = end + 3
      continue
    }
    if (xml.startsWith('<!', lt)) return { error: 'DOCTYPE and ENTITY declarations are refused' }
    const closing = xml[lt + 1] === '/'
    NAME.lastIndex = lt + (closing ? 2 : 1)
    const name = NAME.exec(xml)
    if (name === null) return { error: 'malformed tag' }
    const local = name[2] ?? name[1]!
    ATTRIBUTES.lastIndex = NAME.lastIndex
    const attributes = ATTRIBUTES.exec(xml)![0] // matches the empty string at worst
    const gt = ATTRIBUTES.lastIndex
    // After the name: '>', '/>' or whitespace and attributes; and the tag must end.
    if (xml[gt] !== '>' || (attributes !== '' && attributes !== '/' && !/^\s/.test(attributes))) return { error: 'malformed tag' }
    i = gt + 1
    if (closing) {
      if (/\S/.test(attributes)) return { error: 'malformed tag' }
      const open = stack.pop()
      if (open === undefined || open.name !== local) return { error: 'mismatched closing tag' }
      continue
    }
    if (root !== null && stack.length === 0) return { error: 'more than one root element' }
    if (++elements > XML_MAX_ELEMENTS) return { error: `more than ${XML_MAX_ELEMENTS} elements` }
    if (stack.length >= XML_MAX_DEPTH) return { error: `nested deeper than ${XML_MAX_DEPTH} levels` }
    const element: XmlElement = { name: local, text: '', children: [] }
    const parent = stack[stack.length - 1]
    if (parent === undefined) root = element
    else parent.children.push(element)
    if (!attributes.trimEnd().endsWith('/')) stack.push(element) // not self-closing
  }
  if (stack.length > 0) return { error: 'document ends inside an element' }
  if (root === null) return { error: 'no root element' }
  return { root }
}

/** The first child of `el` named `name`, or null. */
export function child(el: XmlElement, name: string): XmlElement | null {
  return el.children.find((c) => c.name === name) ?? null
}

/** The trimmed text of `el`'s first child named `name`; null when there is none. */
export function childText(el: XmlElement, name: string): string | null {
  const c = child(el, name)
  return c === null ? null : c.text.trim()
}
