/** Context of the message- and declaration-level rules against state. */
import type { DeclaratieRegel } from '../../../schemas/iwmo/wmo323';
import type { Finding } from '../../../schemas/report';
import type { ReferenceData } from './types';

export interface MessageContext {
  /** The declaration's first line (with its message header and Declaratie class). */
  readonly regel: DeclaratieRegel;
  /** The provider used this BerichtIdentificatie before (a committed file, or earlier in this file). */
  readonly berichtTaken: boolean;
  /** The provider used this DeclaratieNummer before. */
  readonly declaratieTaken: boolean;
  /** The file's receipt date in the Netherlands (YYYY-MM-DD). */
  readonly ontvangstdatum: string;
  readonly ref: ReferenceData;
}

export interface StateMessageRule {
  readonly id: string;
  /** 'header': rejects the whole message with the code in the header; 'declaratie': on DeclaratieAntwoord. */
  readonly level: 'header' | 'declaratie';
  readonly check: (c: MessageContext) => Finding | null;
}

export function defineMessageRule(rule: StateMessageRule): StateMessageRule {
  return rule;
}
