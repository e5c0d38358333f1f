import { TR307 } from '../../../../../pipeline/rules/state/declaratie/TR307';
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
describe.each(FLAVOURS)('TR307 the ProductPeriode begins within the toewijzing (%s)', (flavour) => {
  it('judges debits only', () => {
    expect(TR307.applies).toBe('D');
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['a toewijzing over the whole year', {}, {}],
    ['begin on the Ingangsdatum', {}, { toewijzing: version({ ingangsdatum: '2023-04-01' }) }],
    [
      'begin on the Einddatum',
      { begin: '2023-04-30', eind: '2023-04-30' },
      { toewijzing: version({ einddatum: '2023-04-30' }) },
    ],
    ['a toewijzing without Einddatum', {}, { toewijzing: version({ einddatum: null }) }],
    [
      'a credit outside the toewijzing is not judged',
      credit(),
      { toewijzing: version({ ingangsdatum: '2023-05-01' }) },
    ],
    ['no toewijzing: TR338 reports that', {}, { toewijzing: null }],
  ])('compliant: %s', (_, line, spec) => {
    expect(judge(TR307, prestatieContext(flavour, line, spec))).toEqual([]);
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['begin the day before the Ingangsdatum', {}, { toewijzing: version({ ingangsdatum: '2023-04-02' }) }],
    ['begin before a mid-month Ingangsdatum', {}, { toewijzing: version({ ingangsdatum: '2023-04-08' }) }],
    ['begin after the Einddatum', {}, { toewijzing: version({ einddatum: '2023-03-31' }) }],
    [
      'begin before the Ingangsdatum of an open toewijzing',
      {},
      { toewijzing: version({ ingangsdatum: '2023-05-01', einddatum: null }) },
    ],
  ])('non-compliant: %s', (_, line, spec) => {
    const c = prestatieContext(flavour, line, spec);
    expect(judge(TR307, c)).toEqual(expectedAt('TR307', c, 'ProductPeriodeBegindatum'));
  });
});
