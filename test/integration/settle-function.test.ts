/**
 * The settle function's handler on the local stack: the monthly schedule settles the year of the previous month up
 * to that month; on demand a year is settled or closed; every run logs version, hash and status, and no BSN. An event
 * that is not a valid request (closing without a year, a year as text, unknown fields) is refused with a result and
 * an error log, never thrown (an async invocation would be retried and end in the dead-letter queue).
 */
import { makeSettleHandler, type SettleAnswer } from '../../functions/settle';
import { listVersies } from '../../pipeline/settle/store';
import { declaratieCsv, line, TW_DEFAULT } from '../helpers/scenario';
import { TW_VENLO, uploadToewijzingen } from '../helpers/settle';
import { type Stack, startStack } from '../helpers/stack';

describe('settle function', () => {
  let stack: Stack;
  const logs: { message: string; extra: Record<string, unknown> }[] = [];
  const errors: { message: string; extra: Record<string, unknown> }[] = [];
  const log = {
    info: (message: string, extra: Record<string, unknown> = {}) => logs.push({ message, extra }),
    error: (message: string, extra: Record<string, unknown> = {}) => errors.push({ message, extra }),
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
    const a = (await handler('2021-04-10T06:00:00Z')({ sluit: false })) as SettleAnswer;
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

  it('an EventBridge scheduled event passed on as is is the monthly run too', async () => {
    const geplanned = {
      version: '0',
      id: '0b1c2d3e-0000-0000-0000-000000000000',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '123456789012',
      time: '2022-01-10T06:00:00Z',
      region: 'eu-central-1',
      resources: ['arn:aws:events:eu-central-1:123456789012:rule/SettleSchedule'],
      detail: {},
    };
    expect(await handler('2022-01-10T06:00:00Z')(geplanned)).toMatchObject({
      jaar: 2021,
      versie: 2,
      status: 'voorlopig',
      opslag: 'bestaand',
    });
    expect(logs.at(-1)?.extra).toMatchObject({ aanleiding: 'schema', totMaand: '2021-12' });
  });

  it.each([
    [
      { sluit: true },
      'jaar: afsluiten vraagt een jaar: geef jaar (JJJJ) mee; zonder jaar wordt niets afgesloten',
    ],
    [{ jaar: '2021' }, 'jaar: moet een getal zijn (JJJJ), geen tekst'],
    [{ jaar: '2021', sluit: true }, 'jaar: moet een getal zijn (JJJJ), geen tekst'],
    [{ jaar: 2021.5 }, 'jaar: moet een geheel getal zijn (JJJJ)'],
    [{ jaar: 1999 }, 'jaar: moet tussen 2000 en 2100 liggen'],
    [{ jaar: 2021, sluit: 'true' }, 'sluit: moet true of false zijn (geen tekst, geen getal)'],
    [{ jaar: 2021, totMaand: 202103 }, 'totMaand: moet een maand als tekst zijn (JJJJ-MM)'],
    [{ jaar: 2021, tot: '2021-03' }, 'onbekend(e) veld(en): tot; toegestaan: jaar, totMaand, sluit'],
    [[2021], 'de aanroep is geen object met jaar, totMaand, sluit (of een EventBridge-schema-event)'],
    [{ jaar: 2022, sluit: true }, '2022 is nog niet voorbij: een jaar kan pas na afloop worden afgesloten'],
  ])('refuses %j with a result and an error log, stores nothing, throws nothing', async (event, fout) => {
    const voor = await listVersies(stack.store);
    const fouten = errors.length;
    // In January: before, {sluit: true} closed the previous year, irreversibly.
    await expect(handler('2022-01-15T10:00:00Z')(event)).resolves.toEqual({ fout });
    expect(await listVersies(stack.store)).toEqual(voor);
    expect(errors).toHaveLength(fouten + 1);
    expect(errors.at(-1)).toEqual({
      message: 'verevening geweigerd',
      extra: { fout, invoer: JSON.stringify(event) },
    });
  });

  it('on demand: close a year; asking again gives the final statement unchanged', async () => {
    const slot = await handler('2022-01-20T10:00:00Z')({ jaar: 2021, sluit: true });
    expect(slot).toMatchObject({ jaar: 2021, versie: 3, status: 'definitief', opslag: 'nieuw' });
    const weer = await handler('2022-02-10T06:00:00Z')({ jaar: 2021 });
    expect(weer).toMatchObject({ versie: 3, status: 'definitief', opslag: 'bestaand' });
    expect(String(logs.at(-1)?.extra.melding)).toContain('definitief afgesloten');
  });

  it('logs no BSN', () => {
    expect(JSON.stringify([logs, errors])).not.toContain(TW_DEFAULT.bsn);
    expect(logs).toHaveLength(5);
    expect(errors).toHaveLength(10);
  });
});
