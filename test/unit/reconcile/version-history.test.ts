import { MAX_STORED_VERSIONS, storedVersions } from '../../../pipeline/reconcile/version-history';
import {
  type CommittedFile,
  effectiveToewijzing,
  type ToewijzingVersion,
} from '../../../pipeline/state/items';
import { version as toewijzingVersion } from '../../helpers/state-context';

const version = (fileId: string, seq: number, tijd: string, overrides: Partial<ToewijzingVersion> = {}) =>
  toewijzingVersion({
    fileId,
    poging: `p-${fileId}`,
    seq,
    toewijzingsdatum: '2022-01-01',
    toewijzingstijd: tijd,
    ...overrides,
  });

const file = (fileId: string, ontvangen: string, status: CommittedFile['status'] = 'verwerkt') =>
  [fileId, { ontvangen, status, poging: `p-${fileId}` }] as const;

describe('storedVersions', () => {
  test('keeps versions of other counting files and only the last version of this file', () => {
    const files = new Map([file('a', '2022-01-01T08:00:00Z'), file('new', '2022-02-01T08:00:00Z')]);
    const a = version('a', 0, '10:00:00');
    const fromFile = [
      version('new', 0, '12:00:00'),
      version('new', 1, '13:00:00'),
      version('new', 2, '11:00:00'),
    ];
    expect(storedVersions([a], fromFile, files, 'new')).toEqual([a, fromFile[1]]);
  });

  test('on the same moment, the later line of the file is its last version', () => {
    const files = new Map([file('new', '2022-02-01T08:00:00Z')]);
    const fromFile = [
      version('new', 0, '12:00:00', { volume: 1 }),
      version('new', 1, '12:00:00', { volume: 2 }),
    ];
    expect(storedVersions([], fromFile, files, 'new')).toEqual([fromFile[1]]);
  });

  test('drops versions of withdrawn files, of attempts without a record and of this file’s earlier attempt', () => {
    const files = new Map([
      file('gone', '2022-01-01T08:00:00Z', 'ingetrokken'),
      file('ok', '2022-01-02T08:00:00Z'),
      file('new', '2022-02-01T08:00:00Z'),
    ]);
    const ok = version('ok', 0, '09:00:00');
    const stored = [
      version('gone', 0, '10:00:00'),
      ok,
      version('crashed', 0, '11:00:00'),
      version('ok', 1, '12:00:00', { poging: 'an-earlier-attempt' }),
      version('new', 0, '13:00:00', { poging: 'p-old' }),
    ];
    const mine = version('new', 0, '13:00:00');
    expect(storedVersions(stored, [mine], files, 'new')).toEqual([ok, mine]);
  });

  test('the cap keeps the versions next in line by Toewijzingsdatum, whenever they were received', () => {
    // a is in effect, b next; 200 files received later send an older version again.
    const resent = Array.from({ length: 200 }, (_, i) => `r${String(i).padStart(3, '0')}`);
    const files = new Map([
      file('a', '2022-01-01T08:00:00Z'),
      file('b', '2022-01-02T08:00:00Z'),
      ...resent.map((id, i) => file(id, new Date(Date.UTC(2022, 1, 1) + i * 60_000).toISOString())),
    ]);
    const a = version('a', 0, '10:00:00', { toewijzingsdatum: '2022-06-01' });
    const b = version('b', 0, '10:00:00', { toewijzingsdatum: '2022-05-01' });
    const older = resent.map((id) => version(id, 0, '10:00:00'));
    const kept = storedVersions([a, b, ...older.slice(0, 199)], [older[199]], files, 'r199');
    expect(kept).toHaveLength(MAX_STORED_VERSIONS);
    expect(kept.slice(0, 2)).toEqual([a, b]);
    // Of the resent ones, the most recently received stay (a tie on the moment goes to the later receipt).
    expect(kept.slice(2).map((v) => v.fileId)).toEqual(resent.slice(2));
    // a withdrawn: b is in effect, as with the whole history.
    const withoutA = new Map(files).set('a', {
      ontvangen: '2022-01-01T08:00:00Z',
      status: 'ingetrokken',
      poging: 'p-a',
    });
    expect(effectiveToewijzing({ pk: 'x', sk: 'TW', versions: kept }, withoutA)).toBe(b);
  });

  test(`keeps at most ${MAX_STORED_VERSIONS}: the one in effect and the most recently received others`, () => {
    const entries = Array.from({ length: 250 }, (_, i) => {
      const id = `f${String(i).padStart(3, '0')}`;
      // Received in order f000, f001, …; f000 carries the latest Toewijzingsdatum, so it stays in effect.
      const ontvangen = new Date(Date.UTC(2022, 0, 1) + i * 60_000).toISOString();
      const v = version(id, 0, '10:00:00', i === 0 ? { toewijzingsdatum: '2022-06-01' } : {});
      return { v, f: file(id, ontvangen) };
    });
    const files = new Map(entries.map((e) => e.f));
    const stored = entries.slice(0, 249).map((e) => e.v);
    const kept = storedVersions(stored, [entries[249].v], files, 'f249');
    expect(kept).toHaveLength(MAX_STORED_VERSIONS);
    expect(kept.map((v) => v.fileId)).toEqual(['f000', ...entries.slice(51).map((e) => e.v.fileId)]);
  });
});
