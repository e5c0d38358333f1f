import { TR333 } from '../../../../../pipeline/rules/state/declaratie/TR333';
import { describeMessageRule } from '../../../../helpers/state-rule-cases';

describeMessageRule(TR333, {
  title: 'a DeclaratieNummer is used once per provider',
  level: 'declaratie',
  field: 'DeclaratieNummer',
  compliant: [
    ['a new DeclaratieNummer', { declaratieTaken: false }],
    [
      'a new DeclaratieNummer in a message whose identification was used (TR056’s)',
      { declaratieTaken: false, berichtTaken: true },
    ],
  ],
  nonCompliant: [
    ['a DeclaratieNummer used before', { declaratieTaken: true }],
    ['used before, in a new message', { declaratieTaken: true, berichtTaken: false }],
  ],
});
