/**
 * Stores a taakgericht report (bemoeizorg & preventie): totals per municipality, taakveld, period and provider.
 * A later report for the same key replaces the earlier one (a correction), and the report says so.
 */
import type { TaakgerichtRow } from '../../schemas/csv';
import type { Finding } from '../../schemas/report';
import type { Item, ItemStore } from '../ports';
import { finding } from '../read/findings';
import { type CommittedFiles, counts, key, ofRecordedAttempt, type TaakItem } from '../state/items';
import { itemKey } from '../state/reader';
import { contributionItems, type TaakContribution } from './contributions';

export interface TaakResult {
  readonly items: Item[];
  readonly findings: Finding[];
}

export async function reconcileTaakgericht(input: {
  readonly fileId: string;
  readonly poging: string;
  readonly gemeente: string;
  readonly ontvangen: string;
  readonly rows: () => AsyncIterable<TaakgerichtRow[]>;
  readonly store: ItemStore;
  readonly files: CommittedFiles;
}): Promise<TaakResult> {
  const { fileId, poging, gemeente, files } = input;
  const findings: Finding[] = [];
  const items = new Map<string, TaakItem>();
  const contributions: TaakContribution[] = [];
  for await (const batch of input.rows()) {
    const keys = batch.map((r) => key.taak(gemeente, subject(r)));
    const stored = new Map((await input.store.get(keys)).map((i) => [itemKey(i), i as TaakItem]));
    for (const r of batch) {
      const k = key.taak(gemeente, subject(r));
      const id = itemKey(k);
      const item = items.get(id) ?? stored.get(id);
      const earlier = (item?.versions ?? [])
        .filter((v) => v.fileId !== fileId && counts(files, v.fileId, v.poging))
        .sort((a, b) => a.ontvangen.localeCompare(b.ontvangen))
        .pop();
      if (earlier) {
        findings.push(
          finding(
            'TAAK-VERVANGT',
            `regel ${r.row}`,
            `vervangt de eerdere melding voor ${r.gemeente} ${r.taakveld} ${r.periodeBegin} t/m ${r.periodeEind} (${earlier.aantalClienten} clienten, ${earlier.bedrag} cent)`,
          ),
        );
      }
      const keep = (item?.versions ?? []).filter(
        (v) => v.fileId !== fileId && ofRecordedAttempt(files, v.fileId, v.poging),
      );
      items.set(id, {
        ...k,
        gemeente: r.gemeente,
        taakveld: r.taakveld,
        periodeBegin: r.periodeBegin,
        periodeEind: r.periodeEind,
        agbCode: r.agbCode,
        versions: [
          ...keep,
          { fileId, poging, ontvangen: input.ontvangen, aantalClienten: r.aantalClienten, bedrag: r.bedrag },
        ],
      });
      contributions.push({
        gemeente: r.gemeente,
        taakveld: r.taakveld,
        periodeBegin: r.periodeBegin,
        periodeEind: r.periodeEind,
        agbCode: r.agbCode,
        aantalClienten: r.aantalClienten,
        bedrag: r.bedrag,
        vervangt: earlier?.fileId ?? null,
      });
    }
  }
  return {
    items: [
      ...items.values(),
      ...contributionItems(gemeente, { fileId, poging }, 'taakgericht', contributions),
    ],
    findings,
  };
}

const subject = (r: TaakgerichtRow) =>
  `${r.gemeente}#${r.taakveld}#${r.periodeBegin}#${r.periodeEind}#${r.agbCode}`;
