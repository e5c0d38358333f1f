/**
 * A declaration file's contribution items fit DynamoDB's 400 KB item limit (dynalite enforces it too) whatever the
 * mix of month keys, clients and cost lines: a part counted in entries let 4,000 month keys without clients (a
 * credit-only file of several providers) make one item of ~420 KB, a file that could never commit.
 */
import { contributionItems, DeclaratieFigures } from '../../pipeline/reconcile/contributions';
import { startStack } from '../helpers/stack';

const HERKOMST = ['0983', '0984', '0988', '0957', '0889', '0893', '0907', '1507', '1894'];

/**
 * A CSV (one declaration per provider, several providers: allowed) crediting a year of prestaties: 4,000 month
 * keys (month × origin × taakveld × provider), credits only, so no client pseudonyms.
 */
function creditOnlyFigures(keys: number): DeclaratieFigures {
  const f = new DeclaratieFigures();
  let n = 0;
  for (let a = 0; n < keys; a++)
    for (let m = 1; m <= 12 && n < keys; m++)
      for (const herkomst of HERKOMST)
        for (const taakveld of ['BW', 'MO']) {
          if (n >= keys) break;
          n++;
          const l = {
            maand: `2022-${String(m).padStart(2, '0')}`,
            herkomst,
            taakveld,
            agb: `${12340000 + a}`,
          };
          const bedrag = -31 * 10950;
          f.line({ ...l, ingediend: bedrag, toegekend: bedrag, eenheid: '14', volume: -31, client: null });
          f.cost({ ...l, categorie: '15', code: '15A02', nummer: 100000 + n, bedrag });
        }
  return f;
}

describe('contribution items stay under the DynamoDB item limit', () => {
  it('a credit-only file with 4,000 month keys: its contribution items can be written', async () => {
    const stack = await startStack();
    try {
      const items = contributionItems(
        '0983',
        { fileId: 'a'.repeat(64), poging: 'b'.repeat(16) },
        'declaratie',
        creditOnlyFigures(4000).toContributions(),
      );
      const error = await stack.store.put(items).then(
        () => null,
        (e: Error) => `${e.name}: ${e.message}`,
      );
      expect(error).toBeNull();
    } finally {
      await stack.close();
    }
  });
});
