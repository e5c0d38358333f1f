/**
 * The monitor's input: the contributions of every committed file of the region's municipalities, with the files
 * they came from. Every figure the monitor shows is a sum or union over these, so it can be traced to its files,
 * and withdrawn or never-committed files do not count.
 */
import { redactBsns } from '../bsn';
import type { ItemStore } from '../ports';
import type {
  DeclaratieContribution,
  TaakContribution,
  ToewijzingContribution,
} from '../reconcile/contributions';
import { counts, type FileRecord, key } from '../state/items';
import { committedFiles, loadFiles } from '../state/reader';

export interface SourceFile {
  readonly fileId: string;
  readonly gemeente: string;
  readonly name: string;
  readonly ontvangen: string;
}

export interface MonitorData {
  readonly files: ReadonlyMap<string, SourceFile>;
  readonly declaraties: readonly { readonly fileId: string; readonly figures: DeclaratieContribution }[];
  readonly toewijzingen: readonly {
    readonly fileId: string;
    readonly gemeente: string;
    readonly rows: readonly ToewijzingContribution[];
  }[];
  readonly taakgericht: readonly { readonly fileId: string; readonly rows: readonly TaakContribution[] }[];
}

interface ContributionItem {
  readonly fileId: string;
  /** The attempt that wrote it: only the attempt named in the file record counts. */
  readonly poging?: string;
  readonly soort: 'declaratie' | 'toewijzing' | 'taakgericht';
  readonly rows: readonly unknown[];
}

/** The committed files of these municipalities (what every figure is traced to). */
export async function loadSourceFiles(
  store: ItemStore,
  gemeenten: readonly string[],
): Promise<Map<string, SourceFile>> {
  const files = new Map<string, SourceFile>();
  for (const g of gemeenten) addSourceFiles(files, await loadFiles(store, g));
  return files;
}

/** The committed files among these records, as sources. */
function addSourceFiles(files: Map<string, SourceFile>, records: ReadonlyMap<string, FileRecord>): void {
  for (const r of records.values()) if (r.status === 'verwerkt') files.set(r.fileId, sourceFile(r));
}

/** A source file as API answers and statements name it: a possible BSN in the sender's file name masked. */
const sourceFile = (r: FileRecord): SourceFile => ({
  fileId: r.fileId,
  gemeente: r.gemeente,
  name: redactBsns(r.name),
  ontvangen: r.ontvangen,
});

/** Reads what the monitor needs for these municipalities (their file records and contribution partitions). */
export async function loadMonitorData(store: ItemStore, gemeenten: readonly string[]): Promise<MonitorData> {
  const files = new Map<string, SourceFile>();
  const declaraties: { fileId: string; figures: DeclaratieContribution }[] = [];
  const toewijzingen = new Map<
    string,
    { fileId: string; gemeente: string; rows: ToewijzingContribution[] }
  >();
  const taakgericht = new Map<string, { fileId: string; rows: TaakContribution[] }>();
  for (const g of gemeenten) {
    const records = await loadFiles(store, g);
    addSourceFiles(files, records);
    const committed = committedFiles(records);
    for await (const page of store.query(key.contributions(g))) {
      for (const item of page as unknown as ContributionItem[]) {
        if (!counts(committed, item.fileId, item.poging)) continue;
        if (item.soort === 'declaratie') {
          for (const figures of item.rows as DeclaratieContribution[])
            declaraties.push({ fileId: item.fileId, figures });
        } else if (item.soort === 'toewijzing') {
          const entry = toewijzingen.get(item.fileId) ?? { fileId: item.fileId, gemeente: g, rows: [] };
          entry.rows.push(...(item.rows as ToewijzingContribution[]));
          toewijzingen.set(item.fileId, entry);
        } else {
          const entry = taakgericht.get(item.fileId) ?? { fileId: item.fileId, rows: [] };
          entry.rows.push(...(item.rows as TaakContribution[]));
          taakgericht.set(item.fileId, entry);
        }
      }
    }
  }
  return {
    files,
    declaraties,
    toewijzingen: [...toewijzingen.values()],
    taakgericht: [...taakgericht.values()],
  };
}
