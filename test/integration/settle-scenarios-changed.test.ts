/**
 * GET /api/verevening/scenarios after new figures arrived since the year's latest stored provisional version (the
 * settle Lambda stored it up to March; a credit of March came after): the comparison, computed on today's figures,
 * would not fit that version and is left out. CSV and XLSX answer 409 with the reason (they crashed: a 500), JSON
 * says why beside `vergelijking: null`.
 */
import { apiRouter } from '../../pipeline/api/router';
import { credit, declaratieCsv, line } from '../helpers/scenario';
import { provisional, uploadVenloMarch } from '../helpers/settle';
import { type Stack, startStack } from '../helpers/stack';

const at = (iso: string) => new Date(iso);

describe('the key comparison endpoint after the figures changed since the stored version', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await uploadVenloMarch(stack);
    // The settle Lambda stores the provisional statement up to March …
    await provisional(stack.deps, 2021, '2021-03', '2021-04-15');
    // … and a credit of March arrives afterwards (it counts in March: the stored version's figures changed).
    await stack.upload(
      '0983',
      'd-2021-04.csv',
      declaratieCsv({
        nummer: 'D2',
        maand: '2021-04',
        lines: [line('2021-04', 'R2'), credit(line('2021-03', 'R1'), 'R3')],
      }),
      at('2021-05-10T09:00:00Z'),
    );
  });
  afterAll(() => stack.close());

  const ask = (query: Record<string, string>) =>
    apiRouter(stack.deps).handle({
      method: 'GET',
      path: '/api/verevening/scenarios',
      query: new URLSearchParams(query),
      groups: ['financien'],
    });

  it.each(['csv', 'xlsx'])('format=%s answers 409 with the reason', async (format) => {
    const res = await ask({ jaar: '2021', format });
    expect(res.status).toBe(409);
    expect(JSON.parse(res.body).fout).toContain('de cijfers zijn veranderd sinds versie 1');
  });

  it('format=json says why there is no comparison', async () => {
    const res = await ask({ jaar: '2021' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      vergelijking: null,
      melding: expect.stringContaining('De sleutelvergelijking is weggelaten'),
    });
  });
});
