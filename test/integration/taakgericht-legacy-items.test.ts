/**
 * A table written by 0.2.0 holds one taakgericht item per subject (sk `<subject>`, a `versions` list); 0.3.0 writes
 * an item per file and sender, and still reads the old ones.
 */
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TaakItem } from '../../pipeline/state/items';
import { TABLE } from '../../stores/dynalite';
import { taakgerichtCsv } from '../helpers/scenario';
import { type Stack, startStack } from '../helpers/stack';

const SUBJECT = '0988#BP#2022-01-01#2022-06-30#12340008';

describe('taakgericht versions stored by 0.2.0', () => {
  let stack: Stack;
  afterEach(async () => {
    await stack.close();
  });

  it('a report after the upgrade is judged against the versions 0.2.0 stored', async () => {
    stack = await startStack();
    const juli = await stack.upload(
      '0988',
      'bp-juli.csv',
      taakgerichtCsv([{ gemeente: '0988', aantalClienten: 7, bedrag: 7 * 41500 }]),
      new Date('2022-07-10T09:00:00Z'),
    );
    // Rewrite its item as 0.2.0 wrote it: one item per subject with its versions.
    const doc = DynamoDBDocumentClient.from(stack.dynamo.client);
    const found: TaakItem[] = [];
    for await (const page of stack.store.query('GEM#0988#TAAK')) found.push(...(page as TaakItem[]));
    const v = found.find((i) => i.fileId === juli.report.fileId)!;
    const { sk } = v;
    await doc.send(new DeleteCommand({ TableName: TABLE, Key: { pk: 'GEM#0988#TAAK', sk } }));
    await doc.send(
      new PutCommand({
        TableName: TABLE,
        Item: {
          pk: 'GEM#0988#TAAK',
          sk: SUBJECT,
          gemeente: '0988',
          taakveld: 'BP',
          periodeBegin: '2022-01-01',
          periodeEind: '2022-06-30',
          agbCode: '12340008',
          versions: [
            {
              fileId: v.fileId,
              poging: v.poging,
              afzender: v.afzender,
              ontvangen: v.ontvangen,
              aantalClienten: v.aantalClienten,
              bedrag: v.bedrag,
            },
          ],
        },
      }),
    );
    const augustus = await stack.upload(
      '0988',
      'bp-aug.csv',
      taakgerichtCsv([{ gemeente: '0988', aantalClienten: 9, bedrag: 9 * 41500 }]),
      new Date('2022-08-10T09:00:00Z'),
    );
    expect(augustus.report.findings.filter((f) => f.rule === 'TAAK-VERVANGT').map((f) => f.message)).toEqual([
      expect.stringContaining('vervangt de eerdere melding'),
    ]);
  });
});
