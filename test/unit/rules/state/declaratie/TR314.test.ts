import { TR314 } from '../../../../../pipeline/rules/state/declaratie/TR314';
import { FLAVOURS, type LineSpec } from '../../../../helpers/records';
import {
  credit,
  expectedAt,
  judge,
  prestatieContext,
  type StateSpec,
} from '../../../../helpers/state-context';

describe.each(FLAVOURS)('TR314 a ReferentieNummer is used once per provider (%s)', (flavour) => {
  it('judges debits and credits', () => {
    expect(TR314.applies).toBe('DC');
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['a new ReferentieNummer', {}, { refTaken: false }],
    ['a credit with a new ReferentieNummer', credit(), { refTaken: false }],
    ['a new ReferentieNummer without toewijzing', {}, { refTaken: false, toewijzing: null }],
  ])('compliant: %s', (_, line, spec) => {
    expect(judge(TR314, prestatieContext(flavour, line, spec))).toEqual([]);
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['a ReferentieNummer used before', {}, { refTaken: true }],
    ['a credit under a ReferentieNummer used before', credit(), { refTaken: true }],
    ['used before, even without a toewijzing', {}, { refTaken: true, toewijzing: null }],
  ])('non-compliant: %s', (_, line, spec) => {
    const c = prestatieContext(flavour, line, spec);
    expect(judge(TR314, c)).toEqual(expectedAt('TR314', c, 'ReferentieNummer'));
  });
});
