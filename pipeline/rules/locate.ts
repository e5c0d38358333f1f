/** Names the place of a finding: an element path in an XML message, or row and column in a CSV file. */
import { type ToewijzingRegel, WMO301_FIELD_PATHS } from '../../schemas/iwmo/wmo301';
import { type DeclaratieRegel, type SourceRef, WMO323_FIELD_PATHS } from '../../schemas/iwmo/wmo323';

function csv(row: number, field: string): string {
  return `regel ${row}, kolom ${field}`;
}

/** Location of a field of a declaration line. Field names are the contract's CSV column names. */
export function locatePrestatie(regel: DeclaratieRegel, field: string): string {
  return locateDeclaratieField(regel.prestatie.at, field);
}

export function locateDeclaratieField(at: SourceRef, field: string): string {
  if (at.kind === 'csv') return csv(at.row, field);
  const f = WMO323_FIELD_PATHS[field];
  if (!f) return `Client[${at.client}]/Prestatie[${at.item}]`;
  switch (f.scope) {
    case 'header':
    case 'declaratie':
      return f.path;
    case 'client':
      return `Client[${at.client}]/${f.path}`;
    case 'prestatie':
      return `Client[${at.client}]/Prestatie[${at.item}]/${f.path} (regel ${at.line})`;
  }
}

/** Location of a field of a toewijzing line. */
export function locateToewijzing(regel: ToewijzingRegel, field: string): string {
  const at = regel.product.at;
  if (at.kind === 'csv') return csv(at.row, field);
  const f = WMO301_FIELD_PATHS[field];
  if (!f) return field;
  if (f.scope === 'product') return `Client/ToegewezenProduct[${at.item}]/${f.path} (regel ${at.line})`;
  return f.path;
}

/** True for the first line of its client in an XML message, or any CSV row: client checks run once per client. */
export function firstOfClient(at: SourceRef): boolean {
  return at.kind === 'csv' || at.item === 1;
}
