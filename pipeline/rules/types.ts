/**
 * The shape of an in-message (level 2) rule. A rule is a set of pure functions over the records of one message;
 * rules that look at more than one line fold over the lines with their own state. For a CSV file every
 * DeclaratieNummer is a message of its own.
 */
import type { ToewijzingRegel } from '../../schemas/iwmo/wmo301';
import type { DeclaratieBericht, DeclaratieKop, DeclaratieRegel } from '../../schemas/iwmo/wmo323';
import type { Finding } from '../../schemas/report';

export type Findings = Finding | readonly Finding[] | null | undefined;

/** The message-level facts of one declaration, with the record of its first line (for locations). */
export interface DeclaratieContext {
  readonly bericht: DeclaratieBericht;
  readonly kop: DeclaratieKop;
  readonly first: DeclaratieRegel;
}

export interface DeclaratieRule<S = unknown> {
  readonly id: string;
  /** Once per declaration, on its header and Declaratie class. */
  readonly declaratie?: (ctx: DeclaratieContext) => Findings;
  /** Once per line. */
  readonly prestatie?: (regel: DeclaratieRegel) => Findings;
  /** Over all lines of one declaration. */
  readonly fold?: {
    // Method syntax on purpose: rules with different state types fit in one list.
    init(): S;
    step(state: S, regel: DeclaratieRegel): Findings;
    finish(state: S, ctx: DeclaratieContext): Findings;
  };
}

export interface ToewijzingRule<S = unknown> {
  readonly id: string;
  /** Once per client of a WMO301 (CSV toewijzingen carry no client data). */
  readonly client?: (regel: ToewijzingRegel) => Findings;
  /** Once per toegewezen product. */
  readonly product?: (regel: ToewijzingRegel) => Findings;
  /** Over all products of one message. */
  readonly fold?: {
    init(): S;
    step(state: S, regel: ToewijzingRegel): Findings;
  };
}

export function defineDeclaratieRule<S>(rule: DeclaratieRule<S>): DeclaratieRule<S> {
  return rule;
}
export function defineToewijzingRule<S>(rule: ToewijzingRule<S>): ToewijzingRule<S> {
  return rule;
}
