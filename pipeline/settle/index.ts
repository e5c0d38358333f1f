/** The settlement (verevening): pure functions over typed inputs; storage, CLI and API call these. */
export { attributeCosts, blijftBijCentrum, zorgkostenFilter } from './attribution';
export { loadSettlementConfig, STANDAARD_BESTANDEN } from './config';
export { perInhabitantContribution } from './contribution';
export { diffRegelingen, diffStatements, formatEuro } from './diff';
export { type Probleem, SettlementClosedError, SettlementConfigError } from './errors';
export { canonicalJson, hashJson } from './hash';
export { gewichten, keyShares } from './key';
export { postCalculations } from './postcalc';
export { largestRemainder, roundHalfUp } from './round';
export { compareKeys, type Scenario, STANDAARD_SCENARIOS } from './scenarios';
export { computeScheme, type LidInvoer, type SchemeInput } from './scheme';
export { type JaarOpties, settleYear } from './statement';
export * from './types';
export { computeYear, REKENMODEL } from './year';
