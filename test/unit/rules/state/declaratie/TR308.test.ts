import { TR308 } from '../../../../../pipeline/rules/state/declaratie/TR308';
import { FLAVOURS, type LineSpec } from '../../../../helpers/records';
import {
  credit,
  expectedAt,
  judge,
  prestatieContext,
  type StateSpec,
  version,
} from '../../../../helpers/state-context';

// The default line declares 2023-04-01..2023-04-30.
describe.each(FLAVOURS)('TR308 the ProductPeriode ends within the toewijzing (%s)', (flavour) => {
  it('judges debits only', () => {
    expect(TR308.applies).toBe('D');
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['a toewijzing over the whole year', {}, {}],
    ['end on the Einddatum', {}, { toewijzing: version({ einddatum: '2023-04-30' }) }],
    [
      'end on the Ingangsdatum',
      { begin: '2023-04-30', eind: '2023-04-30' },
      { toewijzing: version({ ingangsdatum: '2023-04-30' }) },
    ],
    ['a toewijzing without Einddatum', {}, { toewijzing: version({ einddatum: null }) }],
    [
      'a credit outside the toewijzing is not judged',
      credit(),
      { toewijzing: version({ einddatum: '2023-04-17' }) },
    ],
    ['no toewijzing: TR338 reports that', {}, { toewijzing: null }],
  ])('compliant: %s', (_, line, spec) => {
    expect(judge(TR308, prestatieContext(flavour, line, spec))).toEqual([]);
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['end the day after the Einddatum', {}, { toewijzing: version({ einddatum: '2023-04-29' }) }],
    ['end after a mid-month Einddatum', {}, { toewijzing: version({ einddatum: '2023-04-17' }) }],
    ['end before the Ingangsdatum', {}, { toewijzing: version({ ingangsdatum: '2023-05-01' }) }],
  ])('non-compliant: %s', (_, line, spec) => {
    const c = prestatieContext(flavour, line, spec);
    expect(judge(TR308, c)).toEqual(expectedAt('TR308', c, 'ProductPeriodeEinddatum'));
  });
});
