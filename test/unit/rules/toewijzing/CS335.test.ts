import { CS335 } from '../../../../pipeline/rules/toewijzing/CS335';
import type { ProductSpec } from '../../../helpers/records';
import { describeToewijzingRule } from '../../../helpers/rule-cases';

const reden = (
  redenWijziging: string | null,
  ingangsdatum: string,
  einddatum: string | null,
): ProductSpec => ({
  redenWijziging,
  ingangsdatum,
  einddatum,
});

describeToewijzingRule(CS335, {
  title: 'RedenWijziging 13 only when Einddatum equals Ingangsdatum',
  compliant: [
    ['13 with equal dates', [reden('13', '2023-09-01', '2023-09-01')]],
    ['no RedenWijziging', [reden(null, '2023-09-01', '2023-12-31')]],
    ['another reason with a longer period', [reden('05', '2023-09-01', '2023-10-31')]],
    ['another reason without Einddatum', [reden('04', '2023-09-01', null)]],
  ],
  nonCompliant: [
    ['13 with a later Einddatum', [reden('13', '2023-09-01', '2023-09-02')], [[0, 'RedenWijziging']]],
    ['13 without Einddatum', [reden('13', '2023-09-01', null)], [[0, 'RedenWijziging']]],
    ['13 with an earlier Einddatum', [reden('13', '2023-09-01', '2023-08-31')], [[0, 'RedenWijziging']]],
    ['only the second product', [{}, reden('13', '2023-09-01', '2023-12-31')], [[1, 'RedenWijziging']]],
  ],
});
