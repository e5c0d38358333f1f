import { TR314 } from '../../../../../pipeline/rules/state/declaratie/TR314';
import { credit } from '../../../../helpers/state-context';
import { describeLineRule } from '../../../../helpers/state-rule-cases';

describeLineRule(TR314, {
  title: 'a ReferentieNummer is used once per provider',
  applies: 'DC',
  field: 'ReferentieNummer',
  compliant: [
    ['a new ReferentieNummer', {}, { refTaken: false }],
    ['a credit with a new ReferentieNummer', credit(), { refTaken: false }],
    ['a new ReferentieNummer without toewijzing', {}, { refTaken: false, toewijzing: null }],
  ],
  nonCompliant: [
    ['a ReferentieNummer used before', {}, { refTaken: true }],
    ['a credit under a ReferentieNummer used before', credit(), { refTaken: true }],
    ['used before, even without a toewijzing', {}, { refTaken: true, toewijzing: null }],
  ],
});
