/**
 * The state's ReferentieNummers (TR314 / 8021): taken when a committed file of the same provider used the number,
 * or an earlier line of this file; numbers of crashed or withdrawn files and of other providers are free.
 */
import { key } from '../../../pipeline/state/items';
import { StateReader } from '../../../pipeline/state/reader';
import { MemoryItemStore } from '../../../stores/memory';

const G = '0983';
const AGB = '12340001';
const OTHER = '12340002';

async function reader(): Promise<{ state: StateReader; store: MemoryItemStore }> {
  const store = new MemoryItemStore();
  await store.put([
    { ...key.ref(G, AGB, 'COMMITTED'), fileId: 'f-committed', status: 'toegekend' },
    { ...key.ref(G, AGB, 'CRASHED'), fileId: 'f-crashed', status: 'toegekend' },
    { ...key.ref(G, AGB, 'WITHDRAWN'), fileId: 'f-withdrawn', status: 'toegekend' },
  ]);
  const files = new Map([
    ['f-committed', { ontvangen: '2022-04-01T00:00:00Z', status: 'verwerkt' as const }],
    ['f-withdrawn', { ontvangen: '2022-04-02T00:00:00Z', status: 'ingetrokken' as const }],
  ]);
  return { state: new StateReader(store, G, files), store };
}

describe('StateReader: ReferentieNummers per provider', () => {
  it('a committed file took the number; a crashed or withdrawn file did not; another provider has its own', async () => {
    const { state } = await reader();
    const slots = await state.loadRefs(
      [AGB, AGB, AGB, AGB, OTHER],
      ['COMMITTED', 'CRASHED', 'WITHDRAWN', 'NEW', 'COMMITTED'],
    );
    expect([...slots].map((s, seq) => state.claimRef(s, seq))).toEqual([true, false, false, false, false]);
  });

  it('the line that asks first takes the number: another line sees it taken, also after loading again', async () => {
    const { state } = await reader();
    const [first, second] = await state.loadRefs([AGB, AGB], ['R1', 'R1']);
    expect(second).toBe(first);
    expect(state.claimRef(first, 0)).toBe(false);
    expect(state.claimRef(second, 1)).toBe(true);
    // The debit pass loads the numbers again after the credit pass: what this file took stays taken.
    const [again] = await state.loadRefs([AGB], ['R1']);
    expect(state.claimRef(again, 2)).toBe(true);
  });

  it('a line that reserved its number (in file order) is still the one that has it when it is judged', async () => {
    const { state } = await reader();
    const [slot] = await state.loadRefs([AGB], ['R1']);
    expect(state.claimRef(slot, 0)).toBe(false);
    expect(state.claimRef(slot, 1)).toBe(true);
    expect(state.claimRef(slot, 0)).toBe(false);
    const [committed] = await state.loadRefs([AGB], ['COMMITTED']);
    expect(state.claimRef(committed, 3)).toBe(true);
    expect(state.claimRef(committed, 3)).toBe(true);
  });

  it('lines of two providers mixed: each provider has its own numbers', async () => {
    const { state } = await reader();
    const slots = await state.loadRefs([AGB, OTHER, AGB, OTHER], ['COMMITTED', 'COMMITTED', 'X', 'X']);
    expect(new Set(slots).size).toBe(4);
    expect([...slots].map((s, seq) => state.claimRef(s, seq))).toEqual([true, false, false, false]);
    expect([...slots].map((s, seq) => state.claimRef(s, seq + 4))).toEqual([true, true, true, true]);
  });

  it('asks the store once per number, in batches', async () => {
    const { state, store } = await reader();
    const before = store.stats.readRequests;
    const lines = Array.from({ length: 250 }, (_, i) => `R${i % 200}`);
    const agbs = lines.map(() => AGB);
    const first = await state.loadRefs(agbs, lines);
    const second = await state.loadRefs(agbs, lines);
    // 200 distinct numbers: two BatchGetItem requests of at most 100 keys, and nothing the second time.
    expect(store.stats.readRequests - before).toBe(2);
    expect(new Set(first).size).toBe(200);
    expect(second).toEqual(first);
  });
});
