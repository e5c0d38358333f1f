import Papa from 'papaparse';

/** The rows of a CSV the API or an export wrote (`;`, a BOM), as objects by header. */
export const csvRows = (text: string): Record<string, string>[] =>
  Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    delimiter: ';',
    skipEmptyLines: true,
  }).data;
