import { TR338 } from '../../../../../pipeline/rules/state/declaratie/TR338';
import { FLAVOURS, type LineSpec } from '../../../../helpers/records';
import {
  credit,
  expectedAt,
  judge,
  prestatieContext,
  type StateSpec,
  version,
} from '../../../../helpers/state-context';

describe.each(FLAVOURS)('TR338 the prestatie refers to a toewijzing of this provider (%s)', (flavour) => {
  it('judges debits and credits', () => {
    expect(TR338.applies).toBe('DC');
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['a toewijzing of the sender', {}, {}],
    ['a credit on a toewijzing of the sender', credit(), {}],
    [
      'a removed toewijzing of the sender: TR384 reports that',
      {},
      { toewijzing: version({ redenWijziging: '13' }) },
    ],
  ])('compliant: %s', (_, line, spec) => {
    expect(judge(TR338, prestatieContext(flavour, line, spec))).toEqual([]);
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['no toewijzing with this number', {}, { toewijzing: null }],
    ['a toewijzing of another provider', {}, { toewijzing: version({ agb: '12340001' }) }],
    ['a credit without toewijzing', credit(), { toewijzing: null }],
    ['a credit on a toewijzing of another provider', credit(), { toewijzing: version({ agb: '12340001' }) }],
  ])('non-compliant: %s', (_, line, spec) => {
    const c = prestatieContext(flavour, line, spec);
    expect(judge(TR338, c)).toEqual(expectedAt('TR338', c, 'ToewijzingNummer'));
  });
});
