/** All in-message (level 2) rules for toewijzingen. */
import type { ToewijzingRule } from '../types';
import { CD009 } from './CD009';
import { CD034 } from './CD034';
import { CD041 } from './CD041';
import { CD075 } from './CD075';
import { CD076 } from './CD076';
import { CD077 } from './CD077';
import { CD078 } from './CD078';
import { CD079 } from './CD079';
import { CD080 } from './CD080';
import { CS002 } from './CS002';
import { CS003 } from './CS003';
import { CS335 } from './CS335';
import { CS336 } from './CS336';
import { CS338 } from './CS338';
import { CSV_OMVANG } from './CSV-OMVANG';
import { RS037 } from './RS037';
import { TR006 } from './TR006';
import { TR061 } from './TR061';
import { TR134 } from './TR134';
import { TR302 } from './TR302';

export const TOEWIJZING_RULES: readonly ToewijzingRule<unknown>[] = [
  CS002,
  RS037,
  TR061,
  TR006,
  CD009,
  CD034,
  TR134,
  CS003,
  CS335,
  CS336,
  CS338,
  CD041,
  CSV_OMVANG,
  CD075,
  CD076,
  CD077,
  CD078,
  CD079,
  CD080,
  TR302,
];
