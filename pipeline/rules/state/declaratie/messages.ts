/** Message- and declaration-level rules against state, in order. */
import type { StateMessageRule } from '../message';
import { TR056 } from './TR056';
import { TR135 } from './TR135';
import { TR333 } from './TR333';
import { TR378 } from './TR378';

export const STATE_MESSAGE_RULES: readonly StateMessageRule[] = [TR378, TR056, TR135, TR333];
