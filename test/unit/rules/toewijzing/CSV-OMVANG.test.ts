import { CSV_OMVANG } from '../../../../pipeline/rules/toewijzing/CSV-OMVANG';
import { toewijzing } from '../../../helpers/records';
import { runToewijzingRule } from '../../../helpers/run-rule';

/** The reader builds a partly filled Omvang with NaN / '' for the empty columns (pipeline/read/toewijzingen.ts). */
const partly = (volume: number, eenheid: string, frequentie: string) => ({
  omvang: { volume, eenheid, frequentie },
});

describe('CSV-OMVANG: an Omvang in a CSV has Volume, Eenheid and Frequentie, or none of them', () => {
  it.each([
    ['a whole Omvang', {}],
    ['no Omvang (a Budget toewijzing)', { omvang: null, budget: 500000 }],
  ])('compliant: %s', (_, product) => {
    expect(runToewijzingRule(CSV_OMVANG, toewijzing('csv', [product]))).toEqual([]);
  });

  it.each([
    ['only a Volume', partly(4, '', ''), 'Eenheid', 'Eenheid en Frequentie ontbreken'],
    ['no Volume', partly(Number.NaN, '04', '2'), 'Volume', 'Volume ontbreekt'],
    ['no Frequentie', partly(4, '04', ''), 'Frequentie', 'Frequentie ontbreekt'],
  ])('non-compliant: %s', (_, product, column, text) => {
    const found = runToewijzingRule(CSV_OMVANG, toewijzing('csv', [{}, product]));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      rule: 'CSV-OMVANG',
      retourcode: '0001',
      location: `regel 3, kolom ${column}`,
    });
    expect(found[0].message).toContain(text);
  });

  it('does not judge a WMO301 (its schema requires the three together)', () => {
    expect(runToewijzingRule(CSV_OMVANG, toewijzing('xml', [partly(4, '', '')]))).toEqual([]);
  });
});
