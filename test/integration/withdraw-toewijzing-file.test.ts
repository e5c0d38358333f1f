/**
 * A toewijzing file is withdrawn after the declaration files whose approved, uncredited debits rest on a
 * toewijzing only it sets: withdrawn first, those debits kept counting while their credit was refused (9338, and
 * 8017 saying no approved debit existed), so the money stayed paid and could not be corrected.
 */
import { withdrawable, withdrawFile } from '../../pipeline/withdraw';
import type { Report } from '../../schemas/report';
import { credit, type DeclSpec, declaratieCsv, line, type TwSpec, toewijzingCsv } from '../helpers/scenario';
import { type Stack, startStack } from '../helpers/stack';

const G = '0983';
let stack: Stack;
let n = 0;
beforeEach(async () => {
  stack = await startStack();
});
afterEach(async () => {
  await stack.close();
});

const at = () => new Date(Date.UTC(2023, 0, 1, 8, 0, ++n));
const tw = async (rows: Partial<TwSpec>[]): Promise<Report> =>
  (await stack.upload(G, `tw-${n}.csv`, toewijzingCsv(rows), at())).report;
const decl = async (d: DeclSpec): Promise<Report> =>
  (await stack.upload(G, `decl-${n}.csv`, declaratieCsv(d), at())).report;
const codes = (r: Report) => r.declaraties.flatMap((d) => d.prestaties.map((p) => p.retourcodes));

test('refused while an approved debit rests on it; allowed once that debit is credited', async () => {
  const t = await tw([{}]);
  const maart = await decl({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] });
  expect(codes(maart)).toEqual([[]]);
  const refused = await withdrawable(stack.store, [G], t.fileId!);
  expect(refused).toEqual({ reden: expect.stringContaining(`(fileId ${maart.fileId})`) });
  expect((refused as { reden: string }).reden).toContain('alleen dit bestand toewijst');
  // The debit can still be credited.
  const april = await decl({ nummer: 'D2', maand: '2022-04', lines: [credit(line('2022-03', 'R1'), 'R2')] });
  expect(codes(april)).toEqual([[]]);
  // Credited, the debit no longer counts: nothing rests on the toewijzing.
  expect('record' in (await withdrawable(stack.store, [G], t.fileId!))).toBe(true);
});

test('withdrawn after the declaration file that rests on it', async () => {
  const t = await tw([{}]);
  const maart = await decl({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] });
  expect('reden' in (await withdrawable(stack.store, [G], t.fileId!))).toBe(true);
  expect(await withdrawFile(stack.store, [G], maart.fileId!, 'verkeerd')).toMatchObject({
    status: 'ingetrokken',
  });
  expect(await withdrawFile(stack.store, [G], t.fileId!, 'verkeerd')).toMatchObject({
    status: 'ingetrokken',
  });
});

test('allowed while another file still sets the toewijzing (an earlier version stays)', async () => {
  await tw([{ toewijzingsdatum: '2022-01-01' }]);
  const later = await tw([{ toewijzingsdatum: '2022-02-01' }]);
  expect(codes(await decl({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] }))).toEqual([[]]);
  expect('record' in (await withdrawable(stack.store, [G], later.fileId!))).toBe(true);
});
