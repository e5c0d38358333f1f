import { TR304 } from '../../../../../pipeline/rules/state/declaratie/TR304';
import { credit, judge, OTHER_CLIENT, prestatieContext, version } from '../../../../helpers/state-context';
import { describeLineRule } from '../../../../helpers/state-rule-cases';

describeLineRule(TR304, {
  title: 'the prestatie belongs to the client of its toewijzing',
  applies: 'DC',
  field: 'Bsn',
  compliant: [
    ['the client of the toewijzing', {}, {}],
    ['a credit for the client of the toewijzing', credit(), {}],
    ['no toewijzing: TR338 reports that', {}, { toewijzing: null, client: OTHER_CLIENT }],
  ],
  nonCompliant: [
    ['another client than the toewijzing’s', {}, { client: OTHER_CLIENT }],
    ['a toewijzing of another client', {}, { toewijzing: version({ client: OTHER_CLIENT }) }],
    ['a credit for another client', credit(), { client: OTHER_CLIENT }],
  ],
});

it('TR304 names the Bsn of the right client in a WMO323', () => {
  const c = prestatieContext('xml', {}, { client: OTHER_CLIENT });
  expect(judge(TR304, c)[0].location).toBe('Client[1]/Bsn');
});
