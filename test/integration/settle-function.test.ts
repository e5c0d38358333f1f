/**
 * The settle function's handler on the local stack: the monthly schedule settles the year of the previous month up
 * to that month; on demand a year is settled or closed; every run logs version, hash and status, and no BSN.
 */
import { makeSettleHandler } from '../../functions/settle';
import { declaratieCsv, line, TW_DEFAULT } from '../helpers/scenario';
import { TW_VENLO, uploadToewijzingen } from '../helpers/settle';
import { type Stack, startStack } from '../helpers/stack';

describe('settle function', () => {
  let stack: Stack;
  const logs: { message: string; extra: Record<string, unknown> }[] = [];
  const log = {
    info: (message: string, extra: Record<string, unknown> = {}) => logs.push({ message, extra }),
  };
  const handler = (nu: string) =>
    makeSettleHandler(
      async () => stack.deps,
      log,
      () => new Date(nu),
    );

  beforeAll(async () => {
    stack = await startStack();
    await uploadToewijzingen(stack, TW_VENLO);
    await stack.upload(
      '0983',
      'd.csv',
      declaratieCsv({ nummer: 'D1', maand: '2021-03', lines: [line('2021-03', 'R1')] }),
      new Date('2021-04-08T09:00:00Z'),
    );
  });
  afterAll(() => stack.close());

  it('on the schedule: the provisional statement up to the previous month', async () => {
    const a = await handler('2021-04-10T06:00:00Z')({ sluit: false });
    expect(a).toMatchObject({ jaar: 2021, versie: 1, status: 'voorlopig', opslag: 'nieuw' });
    expect(a.bestand).toBe('exports/verevening/2021/v1.json');
    expect(logs.at(-1)).toEqual({
      message: 'verevening',
      extra: expect.objectContaining({
        versie: 1,
        invoerHash: a.invoerHash,
        status: 'voorlopig',
        totMaand: '2021-03',
        aanleiding: 'schema',
      }),
    });
    // In January the previous month is December of the year before.
    const jan = await handler('2022-01-10T06:00:00Z')({});
    expect(jan).toMatchObject({ jaar: 2021, versie: 2, status: 'voorlopig' });
    expect(logs.at(-1)?.extra.totMaand).toBe('2021-12');
  });

  it('on demand: close a year; asking again gives the final statement unchanged', async () => {
    const slot = await handler('2022-01-20T10:00:00Z')({ jaar: 2021, sluit: true });
    expect(slot).toMatchObject({ jaar: 2021, versie: 3, status: 'definitief', opslag: 'nieuw' });
    const weer = await handler('2022-02-10T06:00:00Z')({ jaar: 2021 });
    expect(weer).toMatchObject({ versie: 3, status: 'definitief', opslag: 'bestaand' });
    expect(String(logs.at(-1)?.extra.melding)).toContain('definitief afgesloten');
  });

  it('logs no BSN', () => {
    expect(JSON.stringify(logs)).not.toContain(TW_DEFAULT.bsn);
    expect(logs).toHaveLength(4);
  });
});
