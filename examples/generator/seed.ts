/**
 * The seed documents' numbers for Noord- en Midden-Limburg (../shared/reference/regions.md): BW clients on
 * 1 July 2020 per municipality of origin (870 in total, 5 of unknown origin) and the B&P estimates for 2020.
 */
export const BW_STAND_2020_07_01: Readonly<Record<string, number>> = {
  '0889': 7,
  '0893': 14,
  '1711': 31,
  '0907': 1,
  '1507': 27,
  '1640': 75,
  '1641': 26,
  '0946': 12,
  '0000': 5,
  '1894': 41,
  '1669': 11,
  '0957': 123,
  '0983': 253,
  '0984': 105,
  '0988': 139,
};

/** B&P clients, estimate 2020 (some municipalities reported Q1+Q2 only; the figures are used as half-year counts). */
export const BP_CLIENTS_2020: Readonly<Record<string, number>> = {
  '0889': 36,
  '0893': 20,
  '1711': 36,
  '1507': 61,
  '1640': 69,
  '1641': 63,
  '0946': 48,
  '1894': 76,
  '1669': 50,
  '0957': 312,
  '0983': 150,
  '0984': 68,
  '0988': 129,
};

/** MO: about 500 clients a year (annual report 2019), not split by municipality in the sources. */
export const MO_CLIENTS_PER_YEAR = 500;

export const STAND_DATE = '2020-07-01';
