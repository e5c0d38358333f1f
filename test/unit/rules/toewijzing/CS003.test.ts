import { CS003 } from '../../../../pipeline/rules/toewijzing/CS003';
import { type ProductSpec, toewijzing } from '../../../helpers/records';
import { describeToewijzingRule } from '../../../helpers/rule-cases';
import { runToewijzingRule } from '../../../helpers/run-rule';

const period = (ingangsdatum: string, einddatum: string | null): ProductSpec => ({ ingangsdatum, einddatum });

describeToewijzingRule(CS003, {
  title: 'Einddatum not before Ingangsdatum',
  compliant: [
    ['a period of months', [period('2023-09-01', '2023-12-31')]],
    ['a single day', [period('2023-09-01', '2023-09-01')]],
    ['no Einddatum', [period('2023-09-01', null)]],
  ],
  nonCompliant: [
    ['a day before', [period('2023-09-01', '2023-08-31')], [[0, 'Einddatum']]],
    ['a year before', [period('2023-09-01', '2022-09-01')], [[0, 'Einddatum']]],
    ['only the second product', [{}, period('2023-09-01', '2023-01-01')], [[1, 'Einddatum']]],
  ],
});

it('CS003 names the ToegewezenProduct in XML', () => {
  const regels = toewijzing('xml', [{}, period('2023-09-01', '2023-01-01')]);
  expect(runToewijzingRule(CS003, regels).map((f) => f.location)).toEqual([
    'Client/ToegewezenProduct[2]/Einddatum (regel 50)',
  ]);
});
