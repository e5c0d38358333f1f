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
  readonly path: string;
  /** Position in the parent's sequence of the child last seen, and how often it occurred. */
  pos: number;
  count: number;
  text: string;
  readonly bagName: string | null;
  /** Inside an element the schema does not allow: its content is skipped. */
  readonly skip: boolean;
}

/** List elements that only wrap their items; paths leave them out (Client[2]/Prestatie[1], not …/Prestaties/…). */
const WRAPPERS = new Set(['Clienten', 'Prestaties', 'ToegewezenProducten', 'Relaties']);

function childPath(parent: string, def: ElementDef, index: number): string {
  if (WRAPPERS.has(def.name)) return parent === 'Declaratie' ? '' : parent;
  const name = def.max > 1 ? `${def.name}[${index}]` : def.name;
  return parent ? `${parent}/${name}` : name;
}

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
  const openBags: { name: string; info: BagInfo; depth: number }[] = [];
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
  const relPath = (frameDepth: number, name: string): string => {
    // Path of the element below the innermost open bag, for the bag's keys.
    const bagDepth = openBags.length ? openBags[openBags.length - 1].depth : 0;
    const parts: string[] = [];
    for (let i = bagDepth + 1; i < frameDepth; i++) parts.push(stack[i].el!.name);
    parts.push(name);
    return parts.join('/');
  };

  parser.on('doctype', () => fatal('XML-DTD', 'het bericht bevat een DOCTYPE (DTD of entiteiten); dat is niet toegestaan'));
  parser.on('error', (err) => fatal('XML-WELLFORMED', `geen welgevormde XML: ${err.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}`));

  parser.on('opentag', (tag: SaxesTagNS) => {
    if (state.fatal) return;
    const local = tag.local;
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix !== 'xmlns' && a.name !== 'xmlns') {
        structure(stack.length ? `${stack[stack.length - 1].path}/${local}` : local, `attribuut ${a.name} is niet toegestaan`);
      }
    }
    if (!sawRoot) {
      sawRoot = true;
      if (local !== root.name || tag.uri !== messageNs) {
        fatal('XML-RELEASE', `root ${local} in namespace ${tag.uri || '(geen)'}: geen iWmo 3.2 bericht van deze soort`);
        return;
      }
      stack.push({ el: { name: root.name, ns: 'msg', type: root, min: 1, max: 1 }, path: '', pos: 0, count: 0, text: '', bagName: null, skip: false });
      return;
    }
    const parent = stack[stack.length - 1];
    const skipFrame = (): void => {
      stack.push({ el: null, path: `${parent.path}/${local}`, pos: 0, count: 0, text: '', bagName: null, skip: true });
    };
    if (parent.skip) return skipFrame();
    const parentType = parent.el!.type;
    if (!isComplex(parentType)) {
      structure(parent.path, `element ${parent.el!.name} mag geen elementen bevatten (gevonden: ${local})`);
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
        `${parent.path}/${local}`,
        earlier >= 0
          ? `element ${local} staat niet op de juiste plaats (volgorde in ${parent.el!.name}: ${children.map((c) => c.name).join(', ')})`
          : `element ${local} is niet toegestaan in ${parent.el!.name || 'Bericht'}`,
      );
      return skipFrame();
    }
    for (let k = parent.pos; k < found; k++) {
      const seen = k === parent.pos ? parent.count : 0;
      if (seen < children[k].min) structure(`${parent.path}/${children[k].name}`, `verplicht element ${children[k].name} ontbreekt`);
    }
    if (found === parent.pos) {
      parent.count++;
    } else {
      parent.pos = found;
      parent.count = 1;
    }
    const def = children[found];
    const path = childPath(parent.path, def, parent.count);
    if (parent.count > def.max) structure(path, `element ${def.name} mag hier hoogstens ${def.max} keer voorkomen`);
    if (tag.uri !== expectedNs(def)) {
      structure(path, `element ${def.name} staat in namespace ${tag.uri || '(geen)'}; verwacht ${expectedNs(def)}`);
    }
    const bagName = spec.bags.has(local) ? local : null;
    stack.push({ el: def, path, pos: 0, count: 0, text: '', bagName, skip: false });
    if (local === spec.lineElement) state.lines++;
    if (bagName) {
      const info: BagInfo = { bag: new Map(), index: parent.count, line: parser.line, path };
      bags.set(bagName, info);
      openBags.push({ name: bagName, info, depth: stack.length - 1 });
    }
  });

  parser.on('text', (t: string) => {
    if (state.fatal || stack.length === 0) return;
    const top = stack[stack.length - 1];
    if (top.skip) return;
    if (isComplex(top.el!.type)) {
      if (t.trim() !== '') structure(top.path || 'Bericht', `tekst is niet toegestaan in ${top.el!.name}`);
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
        if (seen < children[k].min) structure(`${top.path ? `${top.path}/` : ''}${children[k].name}`, `verplicht element ${children[k].name} ontbreekt`);
      }
      if (top.bagName) {
        openBags.pop();
        spec.onClose(top.bagName, bags, emit);
      }
      return;
    }
    const problem = checkSimpleValue(type as SimpleType, top.text);
    if (problem) structure(top.path, problem);
    if (openBags.length) {
      const value = (type as SimpleType).base === 'string' ? top.text : top.text.trim();
      openBags[openBags.length - 1].info.bag.set(relPath(stack.length, top.el!.name), value);
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
