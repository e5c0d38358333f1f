import { TR304 } from '../../../../../pipeline/rules/state/declaratie/TR304';
import { FLAVOURS, type LineSpec } from '../../../../helpers/records';
import {
  credit,
  expectedAt,
  judge,
  OTHER_CLIENT,
  prestatieContext,
  type StateSpec,
  version,
} from '../../../../helpers/state-context';

describe.each(FLAVOURS)('TR304 the prestatie belongs to the client of its toewijzing (%s)', (flavour) => {
  it('judges debits and credits', () => {
    expect(TR304.applies).toBe('DC');
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['the client of the toewijzing', {}, {}],
    ['a credit for the client of the toewijzing', credit(), {}],
    ['no toewijzing: TR338 reports that', {}, { toewijzing: null, client: OTHER_CLIENT }],
  ])('compliant: %s', (_, line, spec) => {
    expect(judge(TR304, prestatieContext(flavour, line, spec))).toEqual([]);
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['another client than the toewijzing’s', {}, { client: OTHER_CLIENT }],
    ['a toewijzing of another client', {}, { toewijzing: version({ client: OTHER_CLIENT }) }],
    ['a credit for another client', credit(), { client: OTHER_CLIENT }],
  ])('non-compliant: %s', (_, line, spec) => {
    const c = prestatieContext(flavour, line, spec);
    expect(judge(TR304, c)).toEqual(expectedAt('TR304', c, 'Bsn'));
  });
});

it('TR304 names the Bsn of the right client in a WMO323', () => {
  const c = prestatieContext('xml', {}, { client: OTHER_CLIENT });
  expect(judge(TR304, c)[0].location).toBe('Client[1]/Bsn');
});
