// Tests for the strict little XML reader used on UPnP descriptions and SOAP answers.
import t from 'tap'
import {
  child,
  childText,
  decodeEntities,
  parseXml,
  XML_MAX_CHARS,
  XML_MAX_DEPTH,
  XML_MAX_ELEMENTS,
  XML_MAX_TEXT_CHARS,
  type XmlElement,
} from '../../src/gateway/xml.js'

/** The root of `xml`, failing the test when it does not parse. */
function root(xml: string): XmlElement {
  const r = parseXml(xml)
  if ('error' in r) throw new Error(r.error)
  return r.root
}

const error = (xml: string): string | null => {
  const r = parseXml(xml)
  return 'error' in r ? r.error : null
}

t.test('constants', async (t) => {
  t.equal(XML_MAX_CHARS, 65536)
  t.equal(XML_MAX_DEPTH, 32)
  t.equal(XML_MAX_ELEMENTS, 4096)
  t.equal(XML_MAX_TEXT_CHARS, 1024)
})

t.test('elements, local names, text, attributes skipped', async (t) => {
  const r = root(`<?xml version="1.0"?>
<!-- a comment with <tags> -->
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" a='x>y'>
  <s:Body><u:Answer xmlns:u="urn:x"><NewValue>1.2.3.4</NewValue><Empty/><Empty2 /></u:Answer></s:Body>
</s:Envelope>
`)
  t.equal(r.name, 'Envelope')
  const answer = child(child(r, 'Body')!, 'Answer')!
  t.same(answer.children.map((c) => c.name), ['NewValue', 'Empty', 'Empty2'])
  t.equal(childText(answer, 'NewValue'), '1.2.3.4')
  t.equal(childText(answer, 'Empty'), '')
  t.equal(childText(answer, 'Missing'), null)
  t.equal(child(answer, 'Missing'), null)
})

t.test('only the five predefined entities are decoded, once', async (t) => {
  t.equal(decodeEntities('&lt;&gt;&amp;&quot;&apos;'), `<>&"'`)
  t.equal(decodeEntities('&amp;lt; &#x1b; &nbsp; &foo;'), '&lt; &#x1b; &nbsp; &foo;', 'no double decoding; others left as written')
  t.equal(root('<a>x &amp; y &#27;[31m</a>').text, 'x & y &#27;[31m')
})

t.test('CDATA is text, taken as written', async (t) => {
  t.equal(root('<a>1<![CDATA[<b>&amp;]]>2</a>').text, '1<b>&amp;2')
})

t.test('DOCTYPE and ENTITY are refused', async (t) => {
  t.equal(error('<?xml version="1.0"?><!DOCTYPE root [<!ENTITY x "y">]><root>&x;</root>'), 'DOCTYPE and ENTITY declarations are refused')
  t.equal(error('<root><!ENTITY x SYSTEM "file:///etc/passwd"></root>'), 'DOCTYPE and ENTITY declarations are refused')
})

t.test('malformed documents are refused', async (t) => {
  t.equal(error('<a>'), 'document ends inside an element')
  t.equal(error(''), 'no root element')
  t.equal(error('  \n'), 'no root element')
  t.equal(error('junk<a/>'), 'text outside the root element')
  t.equal(error('<a/>junk'), 'text outside the root element')
  t.equal(error('<a></b>'), 'mismatched closing tag')
  t.equal(error('</a>'), 'mismatched closing tag')
  t.equal(error('<a/><b/>'), 'more than one root element')
  t.equal(error('<a><1/></a>'), 'malformed tag')
  t.equal(error('<a'), 'malformed tag')
  t.equal(error('<a x="1"'), 'malformed tag')
  t.equal(error('<a x="1></a>'), 'malformed tag')
  t.equal(error('<a/b>'), 'malformed tag', 'a name must end at space, / or >')
  t.equal(error('<a></a x>'), 'malformed tag')
  t.equal(error('<a><!-- never closed</a>'), 'unterminated comment or processing instruction')
  t.equal(error('<?xml version="1.0"'), 'unterminated comment or processing instruction')
  t.equal(error('<a><![CDATA[ never closed</a>'), 'unterminated CDATA section')
  t.equal(error('<![CDATA[x]]><a/>'), 'text outside the root element')
})

t.test('limits: size, depth, elements, text', async (t) => {
  t.equal(error(`<a>${'x'.repeat(XML_MAX_CHARS)}</a>`), `document larger than ${XML_MAX_CHARS} characters`)
  const deep = (n: number): string => '<a>'.repeat(n) + '</a>'.repeat(n)
  t.equal(error(deep(XML_MAX_DEPTH)), null)
  t.equal(error(deep(XML_MAX_DEPTH + 1)), `nested deeper than ${XML_MAX_DEPTH} levels`)
  t.equal(error(`<r>${'<b/>'.repeat(XML_MAX_ELEMENTS - 1)}</r>`), null)
  t.equal(error(`<r>${'<b/>'.repeat(XML_MAX_ELEMENTS)}</r>`), `more than ${XML_MAX_ELEMENTS} elements`)
  const long = root(`<a>${'y'.repeat(XML_MAX_TEXT_CHARS)}<b/>${'z'.repeat(10)}</a>`)
  t.equal(long.text.length, XML_MAX_TEXT_CHARS, 'text capped')
  t.equal(root(`<a>${'y'.repeat(XML_MAX_TEXT_CHARS + 5)}</a>`).text.length, XML_MAX_TEXT_CHARS)
})
