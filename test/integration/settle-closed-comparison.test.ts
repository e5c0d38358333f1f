/**
 * The key comparison is computed on the current figures. Beside a closed year's final statement it fits only while no
 * correction for that year has arrived; after one (a late December declaration), it would carry other figures than
 * the statement beside it, so it is left out with the reason, in the API, the CLI's path and the scenarios view.
 */
import { apiRouter } from '../../pipeline/api/router';
import { runSettlement } from '../../pipeline/settle/run';
import type { Statement } from '../../pipeline/settle/types';
import { declaratieCsv, line } from '../helpers/scenario';
import { uploadVenloMarch } from '../helpers/settle';
import { type Stack, startStack } from '../helpers/stack';

const at = (iso: string) => new Date(iso);
const netto = (s: Statement, gemeente: string) =>
  s.regelingen[0].regels.find((l) => l.gemeente === gemeente)?.nettoKosten;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await uploadVenloMarch(stack);
  await runSettlement(stack.deps, { jaar: 2021, sluit: true, vandaag: at('2022-01-10') });
});
afterAll(() => stack.close());

const ask = async (path: string, query: Record<string, string>) =>
  apiRouter(stack.deps).handle({
    method: 'GET',
    path,
    query: new URLSearchParams(query),
    groups: ['financien'],
  });

const run = () =>
  runSettlement(stack.deps, { jaar: 2021, sluit: false, vandaag: at('2022-02-01'), scenarios: 'standaard' });

it('before any correction, the comparison beside the closed year has its figures', async () => {
  const r = await run();
  expect(r.status).toBe('definitief');
  const lid = r.vergelijking?.regelingen[0].leden.find((l) => l.gemeente === '0983');
  expect(lid?.scenarios[0].nettoKosten).toBe(netto(r.overzicht, '0983'));
});

it('after a late correction for the closed year, the comparison is left out, saying why', async () => {
  await stack.upload(
    '0983',
    'd-2021-12.csv',
    declaratieCsv({ nummer: 'D2', maand: '2021-12', lines: [line('2021-12', 'R2')] }),
    at('2022-01-20T09:00:00Z'),
  );
  const r = await run();
  expect({ status: r.status, vergelijking: r.vergelijking }).toEqual({
    status: 'definitief',
    vergelijking: null,
  });
  expect(r.melding).toContain('De sleutelvergelijking is weggelaten');

  const api = await ask('/api/verevening', { jaar: '2021', vergelijking: 'ja' });
  expect(api.status).toBe(200);
  expect(JSON.parse(api.body)).toMatchObject({ overzicht: { status: 'definitief' }, vergelijking: null });

  const scenariosJson = await ask('/api/verevening/scenarios', { jaar: '2021' });
  expect(scenariosJson.status).toBe(200);
  expect(JSON.parse(scenariosJson.body)).toMatchObject({
    vergelijking: null,
    melding: expect.stringContaining('afgesloten overzicht'),
  });
  for (const format of ['csv', 'xlsx']) {
    const res = await ask('/api/verevening/scenarios', { jaar: '2021', format });
    expect(res.status).toBe(409);
    expect(JSON.parse(res.body).fout).toContain('De sleutelvergelijking is weggelaten');
  }
});
