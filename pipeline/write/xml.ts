/**
 * Writes iWmo XML from a value tree, in the element order and namespaces of the message's description in
 * schemas/iwmo. Message writers render large messages piece by piece (one client at a time).
 */
import { type ComplexDef, type ElementDef, isComplex, NS_BASIS } from '../../schemas/iwmo/structure';
import { LONE_SURROGATE } from '../text';

export type XmlValue = string | number | XmlObject | readonly XmlValue[] | null | undefined;
export interface XmlObject {
  readonly [element: string]: XmlValue;
}

// A CR as a reference: a parser turns a literal one into LF (XML 1.0 §2.11), and the value would not come back.
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;',
};

/** What XML 1.0 cannot hold at all (§2.2 Char): C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates. */
const NOT_XML_CHAR = new RegExp(
  `[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|${LONE_SURROGATE}`,
);

/** Text content or an attribute value; a character XML cannot hold is refused rather than written broken. */
export function escapeXml(s: string): string {
  const bad = s.search(NOT_XML_CHAR);
  // The position only: the text may be a client's data.
  if (bad >= 0)
    throw new Error(`een waarde bevat op positie ${bad + 1} een teken dat XML 1.0 niet kan bevatten`);
  return s.replace(/[&<>"\r]/g, (c) => ESCAPES[c]);
}

export interface Prefixes {
  readonly msg: string;
  readonly basis: string;
}

function prefixOf(def: ElementDef, p: Prefixes): string {
  return def.ns === 'msg' ? p.msg : p.basis;
}

/** Renders one element (and its children, in schema order) with indentation. */
export function renderElement(def: ElementDef, value: XmlValue, p: Prefixes, indent: string): string {
  if (value === null || value === undefined) return '';
  const values = Array.isArray(value) ? value : [value];
  let out = '';
  const tag = `${prefixOf(def, p)}:${def.name}`;
  for (const v of values) {
    if (isComplex(def.type)) {
      out += `${indent}<${tag}>\n${renderChildren(def.type, v as XmlObject, p, `${indent}\t`)}${indent}</${tag}>\n`;
    } else {
      out += `${indent}<${tag}>${escapeXml(String(v))}</${tag}>\n`;
    }
  }
  return out;
}

export function renderChildren(type: ComplexDef, value: XmlObject, p: Prefixes, indent: string): string {
  let out = '';
  for (const child of type.children) out += renderElement(child, value[child.name], p, indent);
  return out;
}

/** The definition of child `name` of a complex element (or root type). */
export function childDef(parent: ComplexDef | ElementDef, name: string): ElementDef {
  const type = 'children' in parent ? parent : parent.type;
  if (!isComplex(type)) throw new Error(`${parent.name} has no child elements`);
  const def = type.children.find((c) => c.name === name);
  if (!def) throw new Error(`${type.name} has no element ${name}`);
  return def;
}

export const openTag = (def: ElementDef, p: Prefixes, indent: string): string =>
  `${indent}<${prefixOf(def, p)}:${def.name}>\n`;
export const closeTag = (def: ElementDef, p: Prefixes, indent: string): string =>
  `${indent}</${prefixOf(def, p)}:${def.name}>\n`;

/** Renders the children of `def` up to (not including) `stop`, for messages written in pieces. */
export function renderChildrenBefore(
  def: ElementDef,
  value: XmlObject,
  stop: string,
  p: Prefixes,
  indent: string,
): string {
  if (!isComplex(def.type)) throw new Error(`${def.name} is not complex`);
  let out = '';
  for (const child of def.type.children) {
    if (child.name === stop) break;
    out += renderElement(child, value[child.name], p, indent);
  }
  return out;
}

export function xmlDeclarationAndRoot(rootTag: string, msgPrefix: string, msgNs: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${msgPrefix}:${rootTag} xmlns:iwmo="${NS_BASIS}" xmlns:${msgPrefix}="${msgNs}">\n`;
}
