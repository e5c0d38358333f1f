/**
 * The streaming iWmo XML reader: well-formedness (saxes), no DTDs or entities, and the structure of the message
 * checked against its description in schemas/iwmo (element order, cardinality, namespaces, and the facets of
 * every simple value): control level 1. Meanwhile it collects element values into "bags" (Header, Declaratie,
 * Client, Prestatie, ...) from which the message-specific builders make records.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { checkSimpleValue, isXmlBlank, type SimpleType, trimXml } from '../../schemas/iwmo/datatypes';
import { type ComplexDef, type ElementDef, isComplex, NS_BASIS } from '../../schemas/iwmo/structure';
import type { FindingCollector } from './collector';
import { finding } from './findings';

/**
 * iWmo messages are XML 1.0 (the XSDs, and every writer of a WMO325). A declaration of version 1.1 would let saxes
 * accept control characters (&#x1;) that no XML 1.0 answer can repeat: the file is read as 1.0 whatever it declares.
 */
export const XML_1_0 = { defaultXMLVersion: '1.0', forceXMLVersion: true } as const;

/** Values of one bag element, keyed by their path below it (e.g. ProductReferentie/ReferentieNummer). */
export type Bag = Map<string, string>;

export interface BagInfo {
  readonly bag: Bag;
  /** 1-based position among its siblings of the same name. */
  readonly index: number;
  /** Line of its start tag. */
  readonly line: number;
  /** Its path in the message, e.g. Declaratie/Clienten/Client[2]. */
  readonly path: string;
}

export interface XmlReadState {
  /** Record elements seen (prestaties or toegewezen producten). */
  lines: number;
  /** Not well-formed, a DTD, or the wrong root: the structure check stopped. */
  fatal: boolean;
}

export interface BagSpec<R> {
  /** Element names that start a bag. */
  readonly bags: ReadonlySet<string>;
  /** The element name that counts as one line. */
  readonly lineElement: string;
  /** Called when a bag element closes; `bags` has the latest bag of every name (open or closed). */
  onClose(name: string, bags: ReadonlyMap<string, BagInfo>, emit: (record: R) => void): void;
}

/**
 * What is fixed for an element at one place in the schema (its definition, bag key, bag name, namespace): built
 * the first time that place is seen and shared by every later occurrence, so the per-element work is a lookup
 * instead of string building and set lookups.
 */
interface Node {
  readonly def: ElementDef;
  /** The children of a complex type; null for a simple type. */
  readonly children: readonly ElementDef[] | null;
  /** Key of this element in the innermost bag ('' for a bag element itself). */
  readonly rel: string;
  readonly bagName: string | null;
  readonly isLine: boolean;
  /**
   * The namespace the element must be in. Replaced by the parser's own (equal) string once it matched: identical
   * strings compare in constant time, equal but distinct ones character by character, on every element.
   */
  ns: string;
  /** Whether the value is trimmed before it goes into a bag (everything but xs:string collapses whitespace). */
  readonly trim: boolean;
  /** Nodes of the children, by position in `children`. */
  readonly kids: (Node | undefined)[];
  /** The last value that passed checkSimpleValue; values often repeat line after line (periods, codes). */
  lastValid: string | null;
}

/** An open element. Frames are reused per depth (the parser only looks at open elements), saving allocations. */
interface Frame {
  /** null: inside an element the schema does not allow, whose content is skipped. */
  node: Node | null;
  name: string;
  readonly parent: Frame | null;
  /** 1-based position among siblings of the same name. */
  index: number;
  /** Position in the sequence of the child last seen, and how often it occurred. */
  pos: number;
  count: number;
  text: string;
  /** pathOf this element, once asked for (it cannot change while the element is open). */
  path: string | null;
}

/** List elements that only wrap their items; paths leave them out (Client[2]/Prestatie[1], not …/Prestaties/…). */
const WRAPPERS = new Set(['Clienten', 'Prestaties', 'ToegewezenProducten', 'Relaties']);

/** XML Schema's instance namespace, and its attributes that only point at a schema (allowed on any element). */
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XSI_HINTS = new Set(['schemaLocation', 'noNamespaceSchemaLocation']);

/** The element's path for findings and bags. */
function pathOf(f: Frame | null): string {
  if (!f?.parent) return '';
  if (f.path !== null) return f.path;
  const parent = pathOf(f.parent);
  let path: string;
  if (WRAPPERS.has(f.name)) path = parent === 'Declaratie' ? '' : parent;
  else {
    const name = f.node && f.node.def.max > 1 ? `${f.name}[${f.index}]` : f.name;
    path = parent ? `${parent}/${name}` : name;
  }
  f.path = path;
  return path;
}

const at = (f: Frame | null, child?: string): string => {
  const p = pathOf(f) || (f?.parent ? '' : 'Bericht');
  return child ? (p ? `${p}/${child}` : child) : p;
};

/**
 * Deeper than any iWmo message (about ten levels) by far. Nesting costs saxes time for every open element at each new
 * one, and the paths of findings are built up the open elements: a file of deep nesting is stopped here.
 */
const MAX_DEPTH = 32;
const STOP_READING = new Error('te diep genest');

export async function* readXml<R>(
  text: AsyncIterable<string>,
  root: ComplexDef,
  messageNs: string,
  findings: FindingCollector,
  state: XmlReadState,
  spec: BagSpec<R>,
): AsyncGenerator<R[]> {
  const parser = new SaxesParser({ xmlns: true, position: true, ...XML_1_0 });
  /** frames[0..depth-1] are the open elements, innermost last. */
  const frames: Frame[] = [];
  let depth = 0;
  const bags = new Map<string, BagInfo>();
  const openBags: BagInfo[] = [];
  let out: R[] = [];
  const emit = (r: R) => out.push(r);
  let sawRoot = false;

  const structure = (location: string, message: string) => {
    findings.add(finding('XSD', `${location} (regel ${parser.line})`, message));
  };
  const fatal = (code: string, message: string) => {
    if (state.fatal) return;
    state.fatal = true;
    findings.add(finding(code, `regel ${parser.line}, kolom ${parser.column}`, message));
  };
  const makeNode = (def: ElementDef, rel: string, bagName: string | null, isLine: boolean): Node => {
    const type = def.type;
    return {
      def,
      children: isComplex(type) ? type.children : null,
      rel,
      bagName,
      isLine,
      ns: def.ns === 'msg' ? messageNs : NS_BASIS,
      trim: !isComplex(type) && type.base !== 'string',
      kids: [],
      lastValid: null,
    };
  };
  const childNode = (parent: Node, children: readonly ElementDef[], j: number): Node => {
    const def = children[j];
    const bagName = spec.bags.has(def.name) ? def.name : null;
    // Keys in a bag are paths below the bag element, e.g. ProductReferentie/ReferentieNummer.
    const rel = bagName ? '' : parent.rel ? `${parent.rel}/${def.name}` : def.name;
    const node = makeNode(def, rel, bagName, def.name === spec.lineElement);
    parent.kids[j] = node;
    return node;
  };
  const push = (node: Node | null, name: string, index: number): Frame => {
    let f = frames[depth];
    if (f === undefined) {
      f = {
        node,
        name,
        parent: depth ? frames[depth - 1] : null,
        index,
        pos: 0,
        count: 0,
        text: '',
        path: null,
      };
      frames.push(f);
    } else {
      f.node = node;
      f.name = name;
      f.index = index;
      f.pos = 0;
      f.count = 0;
      f.text = '';
      f.path = null;
    }
    depth++;
    return f;
  };
  parser.on('doctype', () =>
    fatal('XML-DTD', 'het bericht bevat een DOCTYPE (DTD of entiteiten); dat is niet toegestaan'),
  );
  parser.on('error', (err) =>
    fatal('XML-WELLFORMED', `geen welgevormde XML: ${err.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}`),
  );

  parser.on('opentag', (tag: SaxesTagNS) => {
    if (state.fatal) return;
    if (depth >= MAX_DEPTH) {
      fatal(
        'XSD',
        `het bericht is dieper genest dan ${MAX_DEPTH} niveaus (een iWmo-bericht heeft er hoogstens tien); niet verder gelezen`,
      );
      // Out of the parser at once: it spends time on every open element for each new one.
      throw STOP_READING;
    }
    openElement(tag);
    // iWmo elements have no attributes; namespace declarations and the schema hints any XSD allows everywhere
    // (xsi:schemaLocation) are fine. Checked once the element's frame is pushed, so the finding names it.
    for (const name in tag.attributes) {
      const a = tag.attributes[name];
      if (a.prefix === 'xmlns' || name === 'xmlns' || (a.uri === XSI && XSI_HINTS.has(a.local))) continue;
      if (!state.fatal && depth > 0) structure(at(frames[depth - 1]), `attribuut ${name} is niet toegestaan`);
    }
  });

  function openElement(tag: SaxesTagNS): void {
    const local = tag.local;
    if (!sawRoot) {
      sawRoot = true;
      if (local !== root.name || tag.uri !== messageNs) {
        fatal(
          'XML-RELEASE',
          `root ${local} in namespace ${tag.uri || '(geen)'}: geen iWmo 3.2 bericht van deze soort`,
        );
        return;
      }
      const el: ElementDef = { name: root.name, ns: 'msg', type: root, min: 1, max: 1 };
      push(makeNode(el, '', null, false), root.name, 1);
      return;
    }
    const parent = frames[depth - 1];
    const parentNode = parent.node;
    if (parentNode === null) {
      push(null, local, 1);
      return;
    }
    const children = parentNode.children;
    if (children === null) {
      structure(at(parent), `element ${parent.name} mag geen elementen bevatten (gevonden: ${local})`);
      push(null, local, 1);
      return;
    }
    let found = -1;
    for (let j = parent.pos; j < children.length; j++) {
      if (children[j].name === local) {
        found = j;
        break;
      }
    }
    if (found === -1) {
      const earlier = children.findIndex((c) => c.name === local);
      structure(
        at(parent, local),
        earlier >= 0
          ? `element ${local} staat niet op de juiste plaats (volgorde in ${parent.name}: ${children.map((c) => c.name).join(', ')})`
          : `element ${local} is niet toegestaan in ${parent.name}`,
      );
      push(null, local, 1);
      return;
    }
    for (let k = parent.pos; k < found; k++) {
      const seen = k === parent.pos ? parent.count : 0;
      if (seen < children[k].min)
        structure(at(parent, children[k].name), `verplicht element ${children[k].name} ontbreekt`);
    }
    if (found === parent.pos) {
      parent.count++;
    } else {
      parent.pos = found;
      parent.count = 1;
    }
    const node = parentNode.kids[found] ?? childNode(parentNode, children, found);
    const def = node.def;
    // The schema's name (equal to local) is an interned string: cheaper in WRAPPERS lookups.
    const frame = push(node, def.name, parent.count);
    if (parent.count > def.max)
      structure(at(frame), `element ${def.name} mag hier hoogstens ${def.max} keer voorkomen`);
    if (tag.uri !== node.ns) {
      structure(
        at(frame),
        `element ${def.name} staat in namespace ${tag.uri || '(geen)'}; verwacht ${node.ns}`,
      );
    } else node.ns = tag.uri;
    if (node.isLine) state.lines++;
    if (node.bagName) {
      const info: BagInfo = { bag: new Map(), index: parent.count, line: parser.line, path: pathOf(frame) };
      bags.set(node.bagName, info);
      openBags.push(info);
    }
  }

  // A CDATA section is character data like any other (XML 1.0 §2.7).
  const onText = (t: string) => {
    if (state.fatal || depth === 0) return;
    const top = frames[depth - 1];
    const node = top.node;
    if (node === null) return;
    if (node.children !== null) {
      // Only XML whitespace may stand between elements: a no-break space there is content.
      if (!isXmlBlank(t)) structure(at(top), `tekst is niet toegestaan in ${top.name}`);
      return;
    }
    top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.on('closetag', () => {
    if (state.fatal || depth === 0) return;
    const top = frames[--depth];
    const node = top.node;
    if (node === null) return;
    const children = node.children;
    if (children !== null) {
      for (let k = top.pos; k < children.length; k++) {
        const seen = k === top.pos ? top.count : 0;
        if (seen < children[k].min)
          structure(at(top, children[k].name), `verplicht element ${children[k].name} ontbreekt`);
      }
      if (node.bagName) {
        openBags.pop();
        spec.onClose(node.bagName, bags, emit);
      }
      return;
    }
    const value = top.text;
    if (value !== node.lastValid) {
      const problem = checkSimpleValue(node.def.type as SimpleType, value);
      if (problem) structure(at(top), problem);
      else node.lastValid = value;
    }
    if (openBags.length) openBags[openBags.length - 1].bag.set(node.rel, node.trim ? trimXml(value) : value);
  });

  for await (const chunk of text) {
    if (state.fatal) break;
    try {
      parser.write(chunk);
    } catch (err) {
      if (err !== STOP_READING) throw err;
    }
    if (out.length) {
      yield out;
      out = [];
    }
  }
  if (!state.fatal) {
    parser.close();
    if (!sawRoot) fatal('XML-WELLFORMED', 'geen welgevormde XML: het document heeft geen element');
  }
  if (out.length) yield out;
}
