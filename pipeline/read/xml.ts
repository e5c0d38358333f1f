/**
 * The streaming iWmo XML reader: well-formedness (saxes), no DTDs or entities, and the structure of the message
 * checked against its description in schemas/iwmo (element order, cardinality, namespaces, and the facets of
 * every simple value): control level 1. Meanwhile it collects element values into "bags" (Header, Declaratie,
 * Client, Prestatie, ...) from which the message-specific builders make records.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { checkSimpleValue, type SimpleType } from '../../schemas/iwmo/datatypes';
import { type ComplexDef, type ElementDef, isComplex, NS_BASIS } from '../../schemas/iwmo/structure';
import type { FindingCollector } from './collector';
import { finding } from './findings';

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

interface Frame {
  readonly el: ElementDef | null;
  readonly name: string;
  readonly parent: Frame | null;
  /** 1-based position among siblings of the same name. */
  readonly index: number;
  /** Key of this element in the innermost bag ('' for a bag element itself). */
  readonly rel: string;
  /** Position in the sequence of the child last seen, and how often it occurred. */
  pos: number;
  count: number;
  text: string;
  readonly bagName: string | null;
  /** Inside an element the schema does not allow: its content is skipped. */
  readonly skip: boolean;
}

/** List elements that only wrap their items; paths leave them out (Client[2]/Prestatie[1], not …/Prestaties/…). */
const WRAPPERS = new Set(['Clienten', 'Prestaties', 'ToegewezenProducten', 'Relaties']);

/** The element's path for findings (built only when there is a finding). */
function pathOf(f: Frame | null): string {
  if (!f?.parent) return '';
  const parent = pathOf(f.parent);
  if (WRAPPERS.has(f.name)) return parent === 'Declaratie' ? '' : parent;
  const name = f.el && f.el.max > 1 ? `${f.name}[${f.index}]` : f.name;
  return parent ? `${parent}/${name}` : name;
}

const at = (f: Frame | null, child?: string): string => {
  const p = pathOf(f) || (f?.parent ? '' : 'Bericht');
  return child ? (p ? `${p}/${child}` : child) : p;
};

export async function* readXml<R>(
  text: AsyncIterable<string>,
  root: ComplexDef,
  messageNs: string,
  findings: FindingCollector,
  state: XmlReadState,
  spec: BagSpec<R>,
): AsyncGenerator<R[]> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: Frame[] = [];
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
  const expectedNs = (def: ElementDef) => (def.ns === 'msg' ? messageNs : NS_BASIS);

  parser.on('doctype', () =>
    fatal('XML-DTD', 'het bericht bevat een DOCTYPE (DTD of entiteiten); dat is niet toegestaan'),
  );
  parser.on('error', (err) =>
    fatal('XML-WELLFORMED', `geen welgevormde XML: ${err.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}`),
  );

  // iWmo elements have no attributes; namespace declarations are fine. (The attribute event fires before the
  // element's opentag, so the element's own path is not known yet: name its parent.)
  parser.on('attribute', (a) => {
    if (state.fatal || a.prefix === 'xmlns' || a.name === 'xmlns') return;
    const top = stack.length ? stack[stack.length - 1] : null;
    structure(at(top), `attribuut ${a.name} is niet toegestaan`);
  });

  parser.on('opentag', (tag: SaxesTagNS) => {
    if (state.fatal) return;
    const local = tag.local;
    const top = stack.length ? stack[stack.length - 1] : null;
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
      stack.push({
        el,
        name: root.name,
        parent: null,
        index: 1,
        rel: '',
        pos: 0,
        count: 0,
        text: '',
        bagName: null,
        skip: false,
      });
      return;
    }
    const parent = top!;
    const skipFrame = (): void => {
      stack.push({
        el: null,
        name: local,
        parent,
        index: 1,
        rel: '',
        pos: 0,
        count: 0,
        text: '',
        bagName: null,
        skip: true,
      });
    };
    if (parent.skip) return skipFrame();
    const parentType = parent.el!.type;
    if (!isComplex(parentType)) {
      structure(at(parent), `element ${parent.name} mag geen elementen bevatten (gevonden: ${local})`);
      return skipFrame();
    }
    const children = parentType.children;
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
      return skipFrame();
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
    const def = children[found];
    const bagName = spec.bags.has(local) ? local : null;
    // Keys in a bag are paths below the bag element, e.g. ProductReferentie/ReferentieNummer.
    const rel = bagName ? '' : parent.rel ? `${parent.rel}/${local}` : local;
    const frame: Frame = {
      el: def,
      name: local,
      parent,
      index: parent.count,
      rel,
      pos: 0,
      count: 0,
      text: '',
      bagName,
      skip: false,
    };
    stack.push(frame);
    if (parent.count > def.max)
      structure(at(frame), `element ${def.name} mag hier hoogstens ${def.max} keer voorkomen`);
    if (tag.uri !== expectedNs(def)) {
      structure(
        at(frame),
        `element ${def.name} staat in namespace ${tag.uri || '(geen)'}; verwacht ${expectedNs(def)}`,
      );
    }
    if (local === spec.lineElement) state.lines++;
    if (bagName) {
      const info: BagInfo = { bag: new Map(), index: parent.count, line: parser.line, path: pathOf(frame) };
      bags.set(bagName, info);
      openBags.push(info);
    }
  });

  parser.on('text', (t: string) => {
    if (state.fatal || stack.length === 0) return;
    const top = stack[stack.length - 1];
    if (top.skip) return;
    if (isComplex(top.el!.type)) {
      if (t.trim() !== '') structure(at(top), `tekst is niet toegestaan in ${top.name}`);
      return;
    }
    top.text += t;
  });

  parser.on('closetag', () => {
    if (state.fatal) return;
    const top = stack.pop();
    if (!top || top.skip) return;
    const type = top.el!.type;
    if (isComplex(type)) {
      const children = type.children;
      for (let k = top.pos; k < children.length; k++) {
        const seen = k === top.pos ? top.count : 0;
        if (seen < children[k].min)
          structure(at(top, children[k].name), `verplicht element ${children[k].name} ontbreekt`);
      }
      if (top.bagName) {
        openBags.pop();
        spec.onClose(top.bagName, bags, emit);
      }
      return;
    }
    const simple = type as SimpleType;
    const problem = checkSimpleValue(simple, top.text);
    if (problem) structure(at(top), problem);
    if (openBags.length) {
      openBags[openBags.length - 1].bag.set(top.rel, simple.base === 'string' ? top.text : top.text.trim());
    }
  });

  for await (const chunk of text) {
    if (state.fatal) break;
    parser.write(chunk);
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
