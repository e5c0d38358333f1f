/**
 * Building findings for project codes and registered rules, with their registered retourcode. Message and location
 * may quote what the file holds (a cell, an element's name), so a possible BSN in them is masked.
 */
import type { Finding } from '../../schemas/report';
import { projectCode, type RuleMessage, ruleSpec } from '../../schemas/rules';
import { redactBsns } from '../bsn';

export function finding(code: string, location: string, message: string): Finding {
  const spec = projectCode(code);
  return {
    rule: code,
    retourcode: spec.retourcode,
    location: redactBsns(location),
    message: redactBsns(message),
    severity: spec.severity ?? 'fout',
  };
}

export function ruleFinding(message: RuleMessage, rule: string, location: string, text: string): Finding {
  return {
    rule,
    retourcode: ruleSpec(message, rule).retourcode,
    location: redactBsns(location),
    message: redactBsns(text),
    severity: 'fout',
  };
}
