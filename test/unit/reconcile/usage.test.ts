/**
 * What has been declared on one toewijzing (pipeline/reconcile/usage.ts): volume and amount with credits, minutes
 * against hours, open debits per slot, credited debits; and that the sums do not depend on the order of entries.
 */
import fc from 'fast-check';
import { inUnit, overlappingSlots, ToewijzingUsage } from '../../../pipeline/reconcile/usage';
import type { UsageEntry } from '../../../pipeline/state/items';
import { AGB, creditOf, entry } from '../../helpers/state-context';

/** Another provider (AGB code). */
const OTHER = '12340001';

const april = entry({ ref: 'RN-A1', begin: '2023-04-01', eind: '2023-04-30', volume: 30, bedrag: 285000 });
const march = entry({ ref: 'RN-M1', begin: '2023-03-01', eind: '2023-03-31', volume: 31, bedrag: 294500 });
const APRIL_SLOT = { categorie: '15', code: '15A02', begin: '2023-04-01', eind: '2023-04-30' };

describe('overlappingSlots and inUnit', () => {
  it('two slots overlap when they are one product with at least one common day', () => {
    expect(overlappingSlots(april, APRIL_SLOT)).toBe(true);
    expect(overlappingSlots({ ...april, code: '15A07' }, APRIL_SLOT)).toBe(false);
    expect(overlappingSlots({ ...april, categorie: '16' }, APRIL_SLOT)).toBe(false);
    expect(overlappingSlots({ ...april, begin: '2023-04-02' }, APRIL_SLOT)).toBe(true);
    expect(overlappingSlots({ ...april, begin: '2023-04-30' }, APRIL_SLOT)).toBe(true);
    expect(overlappingSlots(march, APRIL_SLOT)).toBe(false);
    expect(overlappingSlots({ ...march, eind: '2023-04-01' }, APRIL_SLOT)).toBe(true);
    expect(overlappingSlots({ ...april, begin: '2023-05-01', eind: '2023-05-31' }, APRIL_SLOT)).toBe(false);
  });

  it.each<[number, string, string | null, number]>([
    [90, '01', '04', 1.5],
    [60, '01', '04', 1],
    [90, '01', '01', 90],
    [3, '04', '04', 3],
    [90, '01', null, 90],
    [30, '14', '04', 30],
  ])('%i in %s against %s counts %d', (volume, eenheid, toewijzingEenheid, counted) => {
    expect(inUnit(volume, eenheid, toewijzingEenheid)).toBe(counted);
  });
});

describe('ToewijzingUsage: volume and amount', () => {
  it('is zero when empty', () => {
    const u = new ToewijzingUsage();
    expect(u.volume('14')).toBe(0);
    expect(u.amount()).toBe(0);
    expect(u.entries()).toEqual([]);
  });

  it.each<[string, UsageEntry[], number, number]>([
    ['one debit', [april], 30, 285000],
    ['two debits', [march, april], 61, 579500],
    ['a credited debit', [march, april, creditOf(march, 'RN-C1')], 30, 285000],
    [
      'a debit, its credit and its replacement',
      [april, creditOf(april, 'RN-C1'), entry({ ...april, ref: 'RN-A2', volume: 28, bedrag: 266000 })],
      28,
      266000,
    ],
  ])('%s: volume and amount are debits minus credits', (_, entries, volume, amount) => {
    const u = new ToewijzingUsage(entries);
    expect(u.volume('14')).toBe(volume);
    expect(u.amount()).toBe(amount);
  });

  it('counts minutes as sixtieths of an hour against an hourly toewijzing (IV081)', () => {
    const u = new ToewijzingUsage([
      entry({ ref: 'H1', code: '15A30', eenheid: '04', volume: 4 }),
      entry({ ref: 'H2', code: '15A30', eenheid: '01', volume: 90 }),
      creditOf(entry({ ref: 'H2', code: '15A30', eenheid: '01', volume: 90 }), 'C2', { volume: 30 }),
    ]);
    expect(u.volume('04')).toBe(5);
    // Against a minute toewijzing (or none), volumes are taken as they are.
    expect(u.volume('01')).toBe(64);
    expect(u.volume(null)).toBe(64);
  });

  it('add() counts a new entry and added() gives only the entries added, not the committed ones', () => {
    const u = new ToewijzingUsage([march]);
    expect(u.added()).toEqual([]);
    const mine = { ...april, fileId: 'this-file' };
    u.add(mine);
    expect(u.volume('14')).toBe(61);
    expect(u.added()).toEqual([mine]);
    expect(u.entries()).toEqual([march, mine]);
  });
});

describe('ToewijzingUsage: debits, credits and open slots', () => {
  it('knows its approved debits by ReferentieNummer, and not its credits', () => {
    const credit = creditOf(march, 'RN-C1');
    const u = new ToewijzingUsage([march, credit]);
    expect(u.debit('RN-M1', AGB)).toBe(march);
    expect(u.debit('RN-C1', AGB)).toBeUndefined();
    expect(u.debit('RN-UNKNOWN', AGB)).toBeUndefined();
  });

  it('isCredited: only debits that a credit names as VorigReferentieNummer', () => {
    const u = new ToewijzingUsage([march, april, creditOf(march, 'RN-C1')]);
    expect(u.isCredited('RN-M1', AGB)).toBe(true);
    expect(u.isCredited('RN-A1', AGB)).toBe(false);
    expect(u.isCredited('RN-C1', AGB)).toBe(false);
  });

  it('a ReferentieNummer is the provider’s own: another provider’s debit or credit with that number does not count', () => {
    // The toewijzing moved from provider OTHER to AGB; both happened to use RN-M1.
    const theirs = { ...march, agb: OTHER };
    const u = new ToewijzingUsage([theirs, creditOf(theirs, 'RN-C1')]);
    expect(u.debit('RN-M1', AGB)).toBeUndefined();
    expect(u.debit('RN-M1', OTHER)).toBe(theirs);
    expect(u.isCredited('RN-M1', AGB)).toBe(false);
    expect(u.isCredited('RN-M1', OTHER)).toBe(true);
    // A debit of AGB under RN-M1 is not credited by OTHER's credit: its slot stays open.
    const mine = { ...march, ref: 'RN-M1' };
    expect(new ToewijzingUsage([mine, creditOf(theirs, 'RN-C1')]).openDebit(mine)).toBe('RN-M1');
  });

  it.each<[string, UsageEntry[], string | undefined]>([
    ['no debit', [], undefined],
    ['an open debit', [april], 'RN-A1'],
    ['a debit of another slot', [march], undefined],
    ['a credited debit', [april, creditOf(april, 'RN-C1')], undefined],
    ['the credit listed before its debit', [creditOf(april, 'RN-C1'), april], undefined],
    [
      'the replacement of a credited debit',
      [april, creditOf(april, 'RN-C1'), entry({ ...april, ref: 'RN-A2' })],
      'RN-A2',
    ],
    [
      'the replacement, credited too',
      [
        april,
        creditOf(april, 'RN-C1'),
        entry({ ...april, ref: 'RN-A2' }),
        creditOf(entry({ ...april, ref: 'RN-A2' }), 'RN-C2'),
      ],
      undefined,
    ],
    ['a credit of another slot', [april, creditOf(march, 'RN-C1')], 'RN-A1'],
    [
      'a credit of an unknown debit',
      [april, creditOf(entry({ ...april, ref: 'RN-GONE' }), 'RN-C1')],
      'RN-A1',
    ],
  ])('openDebit of the April slot: %s', (_, entries, open) => {
    expect(new ToewijzingUsage(entries).openDebit(APRIL_SLOT)).toBe(open);
  });

  it('openDebit is per slot', () => {
    const u = new ToewijzingUsage([march, april, creditOf(march, 'RN-C1')]);
    expect(u.openDebit(march)).toBeUndefined();
    expect(u.openDebit(APRIL_SLOT)).toBe('RN-A1');
  });
});

describe('ToewijzingUsage: properties', () => {
  /** Debits in hours or minutes, some of them credited (in full or in part). */
  const historyArb = fc
    .array(
      fc.record({
        volume: fc.integer({ min: 0, max: 10_000 }),
        minutes: fc.boolean(),
        bedrag: fc.integer({ min: 0, max: 10_000_000 }),
        month: fc.integer({ min: 1, max: 12 }),
        credit: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
      }),
      { maxLength: 30 },
    )
    .map((lines) =>
      lines.flatMap((l, i): UsageEntry[] => {
        const month = String(l.month).padStart(2, '0');
        const debit = entry({
          ref: `D${i}`,
          code: '15A30',
          eenheid: l.minutes ? '01' : '04',
          volume: l.volume,
          bedrag: l.bedrag,
          begin: `2023-${month}-01`,
          eind: `2023-${month}-28`,
        });
        if (l.credit === null) return [debit];
        const part = Math.min(l.credit, l.volume);
        return [debit, creditOf(debit, `C${i}`, { volume: part, bedrag: -Math.min(l.credit, l.bedrag) })];
      }),
    );

  it('volume, amount, debits and credits do not depend on the order of the entries', () => {
    fc.assert(
      fc.property(
        historyArb.chain((entries) =>
          fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length })),
        ),
        ([entries, shuffled]) => {
          const a = new ToewijzingUsage(entries);
          const b = new ToewijzingUsage(shuffled);
          expect(b.volume('04')).toBeCloseTo(a.volume('04'), 6);
          expect(b.volume('01')).toBe(a.volume('01'));
          expect(b.amount()).toBe(a.amount());
          for (const e of entries) {
            expect(b.debit(e.ref, e.agb)).toBe(a.debit(e.ref, e.agb));
            expect(b.isCredited(e.ref, e.agb)).toBe(a.isCredited(e.ref, e.agb));
          }
        },
      ),
    );
  });

  it('volume is Σ debits − Σ credits, minutes in hours (property)', () => {
    fc.assert(
      fc.property(historyArb, (entries) => {
        const hours = (e: UsageEntry) => (e.eenheid === '01' ? e.volume / 60 : e.volume);
        const debits = entries.filter((e) => e.dc === 'D').reduce((s, e) => s + hours(e), 0);
        const credits = entries.filter((e) => e.dc === 'C').reduce((s, e) => s + hours(e), 0);
        expect(new ToewijzingUsage(entries).volume('04')).toBeCloseTo(debits - credits, 6);
      }),
    );
  });

  it('a slot whose debits are all credited has no open debit (property)', () => {
    fc.assert(
      fc.property(historyArb, (entries) => {
        const u = new ToewijzingUsage(entries);
        for (const d of entries.filter((e) => e.dc === 'D')) {
          const open = u.openDebit(d);
          const uncredited = entries.filter(
            (e) => e.dc === 'D' && overlappingSlots(e, d) && !u.isCredited(e.ref, e.agb),
          );
          if (uncredited.length === 0) expect(open).toBeUndefined();
          else expect(uncredited.map((e) => e.ref)).toContain(open);
        }
      }),
    );
  });
});
