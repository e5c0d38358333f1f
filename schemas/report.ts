/** The report of one file (CONTRACT §2): printed by `bwmo check`, `bwmo ingest --json`, stored as rapport.json. */
import { z } from 'zod';

export const Severity = z.enum(['fout', 'waarschuwing']);

export const FindingSchema = z.object({
  rule: z.string(),
  retourcode: z.string().nullable(),
  location: z.string(),
  message: z.string(),
  /** Added to the contract: warnings (e.g. unknown CSV columns) do not reject anything. */
  severity: Severity.default('fout'),
});
export type Finding = z.infer<typeof FindingSchema>;

export const PrestatieResultSchema = z.object({
  referentieNummer: z.string(),
  status: z.enum(['toegekend', 'afgewezen']),
  retourcodes: z.array(z.string()),
  /** Signed cents: debit positive, credit negative; 0 when rejected. */
  toegekendBedrag: z.number().int(),
});
export type PrestatieResult = z.infer<typeof PrestatieResultSchema>;

export const DeclaratieResultSchema = z.object({
  declaratieNummer: z.string(),
  retourcodes: z.array(z.string()),
  totaalIngediendBedrag: z.number().int(),
  totaalToegekendBedrag: z.number().int(),
  /**
   * Σ of the rejected prestaties' signed amounts: toegekend + afgewezen = Σ of the prestaties' amounts (reports of
   * 0.3.0 and before do not have it).
   */
  totaalAfgewezenBedrag: z.number().int().optional(),
  prestaties: z.array(PrestatieResultSchema),
});
export type DeclaratieResult = z.infer<typeof DeclaratieResultSchema>;

export const FileKind = z.enum(['declaratie', 'toewijzing', 'taakgericht', 'onbekend']);
export type FileKind = z.infer<typeof FileKind>;
export const FileFormat = z.enum(['wmo323', 'wmo301', 'csv']).nullable();
export type FileFormat = z.infer<typeof FileFormat>;
export const FileStatus = z.enum(['geaccepteerd', 'deels-geaccepteerd', 'afgewezen', 'quarantaine']);
export type FileStatus = z.infer<typeof FileStatus>;

export const ReportSchema = z.object({
  file: z.string(),
  kind: FileKind,
  format: FileFormat,
  gemeente: z.string().nullable(),
  status: FileStatus,
  /** Deepest control level reached: 1 structure, 2 in-message rules, 3 against state. */
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  duplicaatVan: z.string().nullable(),
  counts: z.object({
    regels: z.number().int().nonnegative(),
    geaccepteerd: z.number().int().nonnegative(),
    afgewezen: z.number().int().nonnegative(),
  }),
  findings: z.array(FindingSchema),
  declaraties: z.array(DeclaratieResultSchema),
  /** Added to the contract: the file's identity (SHA-256 of its bytes) and receipt time, where known. */
  fileId: z.string().optional(),
  ontvangen: z.string().optional(),
});
export type Report = z.infer<typeof ReportSchema>;
