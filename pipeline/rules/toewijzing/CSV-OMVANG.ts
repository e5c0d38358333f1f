import { ruleFinding } from '../../read/findings';
import { locateToewijzing } from '../locate';
import { defineToewijzingRule } from '../types';

/**
 * In a CSV the Omvang is three optional columns; an Omvang has all three or none (in XML the schema requires
 * Volume, Eenheid and Frequentie together). A partly filled Omvang cannot be counted against (TR321/TR322).
 */
export const CSV_OMVANG = defineToewijzingRule({
  id: 'CSV-OMVANG',
  product: (r) => {
    const omvang = r.product.omvang;
    if (r.bericht.format !== 'csv' || omvang === null) return null;
    const missing = [
      ...(Number.isNaN(omvang.volume) ? ['Volume'] : []),
      ...(omvang.eenheid === '' ? ['Eenheid'] : []),
      ...(omvang.frequentie === '' ? ['Frequentie'] : []),
    ];
    if (!missing.length) return null;
    return ruleFinding(
      'toewijzing',
      'CSV-OMVANG',
      locateToewijzing(r, missing[0]),
      `Omvang is onvolledig: ${missing.join(' en ')} ${missing.length > 1 ? 'ontbreken' : 'ontbreekt'}; Volume, Eenheid en Frequentie horen bij elkaar`,
    );
  },
});
