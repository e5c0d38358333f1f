/**
 * A small description language for iWmo XML messages: sequences of elements with cardinality, in the message
 * namespace or the basisschema namespace, ending in simple types. The streaming reader checks documents against
 * it (control level 1) and the writers emit elements in its order.
 */
import type { SimpleType } from './datatypes';

export const NS_BASIS = 'http://www.istandaarden.nl/iwmo/3_2/basisschema/schema';
export const messageNamespace = (msg: 'wmo301' | 'wmo323' | 'wmo325'): string =>
  `http://www.istandaarden.nl/iwmo/3_2/${msg}/schema`;
/** Matches the namespace of any iWmo message, any release: used to tell "another release" from "not iWmo". */
export const IWMO_ANY_NAMESPACE =
  /^http:\/\/www\.istandaarden\.nl\/(iwmo|ijw|iwlz)\/(\d+_\d+)\/(\w+)\/schema/;

export interface ComplexDef {
  readonly name: string;
  readonly children: readonly ElementDef[];
}

export interface ElementDef {
  readonly name: string;
  /** 'msg': the message's own namespace; 'basis': the basisschema namespace (children of CDT types). */
  readonly ns: 'msg' | 'basis';
  readonly type: SimpleType | ComplexDef;
  readonly min: number;
  readonly max: number;
}

export function isComplex(t: SimpleType | ComplexDef): t is ComplexDef {
  return (t as ComplexDef).children !== undefined;
}

type Card = { min?: number; max?: number };

export function complex(name: string, children: readonly ElementDef[]): ComplexDef {
  return { name, children };
}

/** An element in the message namespace. */
export function el(name: string, type: SimpleType | ComplexDef, card: Card = {}): ElementDef {
  return { name, ns: 'msg', type, min: card.min ?? 1, max: card.max ?? 1 };
}

/** An element of a basisschema complex type (CDT_*), in the basisschema namespace. */
export function bel(name: string, type: SimpleType | ComplexDef, card: Card = {}): ElementDef {
  return { name, ns: 'basis', type, min: card.min ?? 1, max: card.max ?? 1 };
}

export const optional: Card = { min: 0 };
export const many: Card = { min: 1, max: Number.POSITIVE_INFINITY };

/** Restricts a simple type to one fixed value, as the message XSDs do for BerichtCode and versions. */
export function fixed(type: SimpleType, value: string): SimpleType {
  return { ...type, name: `${type.name}=${value}`, enumeration: [value] };
}
