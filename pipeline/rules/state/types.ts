/**
 * Rules against state (control levels 3 and 4): pure functions of a line and what is known about its toewijzing,
 * the provider's earlier declarations, the contracts and the region's product list.
 */
import type { TariefRow } from '../../../schemas/csv';
import type { DeclaratieRegel } from '../../../schemas/iwmo/wmo323';
import type { Finding } from '../../../schemas/report';
import type { Variant } from '../../reconcile/omvang';
import type { ToewijzingUsage } from '../../reconcile/usage';
import type { ToewijzingVersion } from '../../state/items';

export interface ReferenceData {
  /** Contract tariff of a provider's product on a date, in the declared unit when it has one (contractTarief). */
  tarief(agb: string, categorie: string, code: string, datum: string, eenheid: string): TariefRow | null;
  /** The product is on the region's product list (with its category). */
  product(categorie: string, code: string): { readonly variant: Variant; readonly taakveld: string } | null;
  /** The municipality is one the region knows. */
  gemeenteBekend(code: string): boolean;
}

export interface PrestatieContext {
  readonly regel: DeclaratieRegel;
  /** The toewijzing in effect (latest committed version), or null when there is none for this number. */
  readonly toewijzing: ToewijzingVersion | null;
  /** The line's BSN as keyed pseudonym; compared with the toewijzing's client. */
  readonly client: string;
  /** What was declared on the toewijzing so far (committed files and earlier lines of this file). */
  readonly usage: ToewijzingUsage | null;
  /** The provider used this ReferentieNummer before (a committed file or earlier in this file). */
  readonly refTaken: boolean;
  readonly ref: ReferenceData;
}

export interface StatePrestatieRule {
  readonly id: string;
  /** Which lines the rule judges: debits, credits or both. */
  readonly applies: 'D' | 'C' | 'DC';
  readonly check: (c: PrestatieContext) => Finding | null;
}

/** The contract tariff for a declared line: its provider, product, begin date and unit (TR346, TR418). */
export function contractFor(ref: ReferenceData, regel: DeclaratieRegel): TariefRow | null {
  const p = regel.prestatie;
  return ref.tarief(regel.bericht.afzender, p.productCategorie, p.productCode, p.begin, p.eenheid);
}

export function defineStateRule(rule: StatePrestatieRule): StatePrestatieRule {
  return rule;
}

/** A finding of a level-3/4 declaration rule, with its registered retourcode. */
export { ruleFinding } from '../../read/findings';
