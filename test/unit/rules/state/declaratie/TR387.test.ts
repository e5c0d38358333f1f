import { TR387 } from '../../../../../pipeline/rules/state/declaratie/TR387';
import type { LineSpec } from '../../../../helpers/records';
import { credit, type StateSpec, version } from '../../../../helpers/state-context';
import { describeLineRule } from '../../../../helpers/state-rule-cases';

/** The IV089 example: toewijzing 08-04..17-06 gives 08-04..30-04, 01-05..31-05, 01-06..17-06. */
const iv089: StateSpec = { toewijzing: version({ ingangsdatum: '2023-04-08', einddatum: '2023-06-17' }) };
const period = (begin: string, eind: string): LineSpec => ({ begin, eind });

describeLineRule(TR387, {
  title: 'the ProductPeriode begins on the 1st, or on a later Ingangsdatum',
  applies: 'D',
  field: 'ProductPeriodeBegindatum',
  compliant: [
    ['IV089: 08-04..30-04 (Ingangsdatum)', period('2023-04-08', '2023-04-30'), iv089],
    ['IV089: 01-05..31-05', period('2023-05-01', '2023-05-31'), iv089],
    ['IV089: 01-06..17-06', period('2023-06-01', '2023-06-17'), iv089],
    ['a whole month of an open toewijzing', {}, { toewijzing: version({ einddatum: null }) }],
    ['the toewijzing starts after the period: TR307 reports that', period('2023-04-01', '2023-04-07'), iv089],
    ['a credit beginning mid-month is not judged', credit(period('2023-04-15', '2023-04-30')), {}],
    ['no toewijzing', period('2023-04-15', '2023-04-30'), { toewijzing: null }],
  ],
  nonCompliant: [
    ['IV089: the 1st of April, before the Ingangsdatum 08-04', period('2023-04-01', '2023-04-30'), iv089],
    ['IV089: after the Ingangsdatum, 10-04', period('2023-04-10', '2023-04-30'), iv089],
    ['IV089: May from the 2nd', period('2023-05-02', '2023-05-31'), iv089],
    ['IV089: June from the 2nd', period('2023-06-02', '2023-06-17'), iv089],
    ['mid-month in a toewijzing that started earlier', period('2023-04-15', '2023-04-30'), {}],
    ['the last day only of a running toewijzing', period('2023-04-30', '2023-04-30'), {}],
  ],
});
