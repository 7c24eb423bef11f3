/**
 * XML for REFI-QDA with fast-xml-parser: a parser that refuses DTDs (no DOCTYPE, no ENTITY: no
 * external or expanding entities ever reach the parser) and helpers that escape exactly what XML
 * needs, so text and attribute values survive a round trip (line breaks in attributes included).
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { describeErrorText } from '../errors';
import { RefiError } from './errors';

/** A parsed element: attributes under "@_name", children by element name, text under "#text". */
export type XmlElement = { readonly [key: string]: unknown };

const REPEATED = new Set([
  'User',
  'Code',
  'Set',
  'MemberCode',
  'MemberSource',
  'MemberNote',
  'Variable',
  'Case',
  'CodeRef',
  'VariableValue',
  'SourceRef',
  'SelectionRef',
  'TextSource',
  'PictureSource',
  'PDFSource',
  'AudioSource',
  'VideoSource',
  'PlainTextSelection',
  'PictureSelection',
  'PDFSelection',
  'AudioSelection',
  'VideoSelection',
  'TranscriptSelection',
  'Transcript',
  'SyncPoint',
  'Coding',
  'NoteRef',
  'Note',
  'Link',
  'Graph',
  'Vertex',
  'Edge',
  'Representation',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // Only the five XML entities and character references: DOCTYPEs are refused before parsing.
  processEntities: true,
  htmlEntities: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
  isArray: (name) => REPEATED.has(name),
});

/** Parses an XML document and returns its root element by name. Refuses DTDs and malformed XML. */
export function parseXml(text: string, what: string): { name: string; root: XmlElement } {
  const xml = text.replace(/^\uFEFF/, '');
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new RefiError(
      `${what} declares a DOCTYPE or ENTITY; such XML can pull in external files or expand without limit and is refused.`,
    );
  }
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) {
    throw new RefiError(`${what} is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col}).`);
  }
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (e) {
    // "Maximum nested tags exceeded" and the like: a sentence about the file, not the parser's words.
    throw new RefiError(describeErrorText(e, what));
  }
  const names = Object.keys(doc).filter((k) => !k.startsWith('?') && k !== '#text');
  if (names.length !== 1) {
    throw new RefiError(`${what} has no single root element.`);
  }
  const root = doc[names[0]];
  return { name: names[0], root: typeof root === 'object' && root !== null ? (root as XmlElement) : {} };
}

export function attr(el: XmlElement | undefined, name: string): string | undefined {
  const v = el?.[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  const v = el?.[name];
  if (v === undefined || v === null) {
    return [];
  }
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => (typeof x === 'object' && x !== null ? (x as XmlElement) : { '#text': String(x) }));
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return children(el, name)[0];
}

/** The text content of a child element (e.g. Description), undefined when absent or blank. */
export function childText(el: XmlElement | undefined, name: string): string | undefined {
  const c = child(el, name);
  if (!c) {
    return undefined;
  }
  const t = c['#text'];
  const text = typeof t === 'string' ? t : '';
  return text.trim() === '' ? undefined : text;
}

// ---------- writing ----------

// Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF).
const INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(value: string): string {
  return value.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function escapeAttr(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** Attributes for {@link buildXml}: escaped, prefixed, undefined ones left out. */
export function attrs(values: Record<string, string | number | boolean | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v !== undefined) {
      out[`@_${k}`] = escapeAttr(String(v));
    }
  }
  return out;
}

/** A text-only element for {@link buildXml}. */
export function textNode(value: string): { '#text': string } {
  return { '#text': escapeText(value) };
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  // "true" stays a value: XML has no attributes without one (isCodable="true").
  suppressBooleanAttributes: false,
  // Values are escaped by attrs() and textNode() already.
  processEntities: false,
});

/** Serialises a document built from {@link attrs} and {@link textNode}, with an XML declaration. */
export function buildXml(rootName: string, root: Record<string, unknown>): string {
  return '<?xml version="1.0" encoding="utf-8"?>\n' + (builder.build({ [rootName]: root }) as string);
}
