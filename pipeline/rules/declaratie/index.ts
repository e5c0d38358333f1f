/** All in-message (level 2) rules for declarations, in the order their findings are reported. */
import type { DeclaratieRule } from '../types';
import { CD060 } from './CD060';
import { CD087 } from './CD087';
import { CS002 } from './CS002';
import { CS100 } from './CS100';
import { CS325 } from './CS325';
import { CS337 } from './CS337';
import { CS339 } from './CS339';
import { CS340 } from './CS340';
import { CSV_CONSISTENT } from './CSV-CONSISTENT';
import { RS037 } from './RS037';
import { TR101 } from './TR101';
import { TR134 } from './TR134';
import { TR137 } from './TR137';
import { TR315 } from './TR315';
import { TR316 } from './TR316';
import { TR319 } from './TR319';
import { TR335 } from './TR335';
import { TR358 } from './TR358';
import { TR416 } from './TR416';

export const DECLARATIE_RULES: readonly DeclaratieRule<unknown>[] = [
  CSV_CONSISTENT,
  RS037,
  CS002,
  CS100,
  CS340,
  TR134,
  TR137,
  CS325,
  CS337,
  CS339,
  CD060,
  CD087,
  TR101,
  TR315,
  TR316,
  TR319,
  TR335,
  TR416,
  TR358,
];
