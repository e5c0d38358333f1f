/** The line-level rules against state, in the order their codes are listed on a rejected prestatie. */
import type { StatePrestatieRule } from '../types';
import { TR304 } from './TR304';
import { TR307 } from './TR307';
import { TR308 } from './TR308';
import { TR314 } from './TR314';
import { TR321 } from './TR321';
import { TR322 } from './TR322';
import { TR323 } from './TR323';
import { TR338 } from './TR338';
import { TR339 } from './TR339';
import { TR340 } from './TR340';
import { TR341 } from './TR341';
import { TR346 } from './TR346';
import { TR369 } from './TR369';
import { TR381 } from './TR381';
import { TR384 } from './TR384';
import { TR387 } from './TR387';
import { TR388 } from './TR388';
import { TR389 } from './TR389';
import { TR390 } from './TR390';
import { TR418 } from './TR418';

/** Rules that need the toewijzing come after TR338, which says it is missing. */
export const STATE_PRESTATIE_RULES: readonly StatePrestatieRule[] = [
  TR314,
  TR338,
  TR304,
  TR384,
  TR307,
  TR308,
  TR387,
  TR388,
  TR339,
  TR340,
  TR341,
  TR381,
  TR418,
  TR346,
  TR321,
  TR322,
  TR369,
  TR323,
  TR390,
  TR389,
];
