import { TR384 } from '../../../../../pipeline/rules/state/declaratie/TR384';
import { FLAVOURS, type LineSpec } from '../../../../helpers/records';
import {
  credit,
  expectedAt,
  judge,
  prestatieContext,
  type StateSpec,
  version,
} from '../../../../helpers/state-context';

describe.each(FLAVOURS)('TR384 no declaring on a removed toewijzing (RedenWijziging 13) (%s)', (flavour) => {
  it('judges debits only', () => {
    expect(TR384.applies).toBe('D');
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['a toewijzing without RedenWijziging', {}, {}],
    ['a shortened toewijzing (05)', {}, { toewijzing: version({ redenWijziging: '05' }) }],
    ['an administrative correction (14)', {}, { toewijzing: version({ redenWijziging: '14' }) }],
    ['a credit on a removed toewijzing', credit(), { toewijzing: version({ redenWijziging: '13' }) }],
    ['no toewijzing', {}, { toewijzing: null }],
  ])('compliant: %s', (_, line, spec) => {
    expect(judge(TR384, prestatieContext(flavour, line, spec))).toEqual([]);
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['a removed toewijzing', {}, { toewijzing: version({ redenWijziging: '13' }) }],
    [
      'a removed toewijzing (Ingangsdatum = Einddatum, CS335)',
      {},
      { toewijzing: version({ redenWijziging: '13', ingangsdatum: '2023-04-01', einddatum: '2023-04-01' }) },
    ],
  ])('non-compliant: %s', (_, line, spec) => {
    const c = prestatieContext(flavour, line, spec);
    expect(judge(TR384, c)).toEqual(expectedAt('TR384', c, 'ToewijzingNummer'));
  });
});
