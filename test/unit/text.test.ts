import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { detach } from '../../pipeline/text';

describe('detach: a copy with the same text', () => {
  it.each([
    ['short', 'R1'],
    ['13 characters, plain', 'R000000000000'],
    ['with characters that URI encoding would change', 'REF 2024/03#1?a=b&c'],
    ['diacritics', 'Gemeente Sûdwest-Fryslân 12'],
    ['a lone surrogate', 'ABCDEFGHIJKLMN\uD800'],
  ])('%s', (_, text) => {
    // As a parser hands it over: a piece of a larger string.
    const piece = `xxxxxxxxxxxxxxxxxxxxxxxx${text}yyyyyyyyyyyyyyyyyyyy`.slice(24, 24 + text.length);
    expect(detach(piece)).toBe(text);
  });

  it('does not keep the text it was cut from alive', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // A 13-character piece of a 40 MB text, as a parser's chunk would hand it over.
    const piece = () =>
      `${'x'.repeat(40_000_000)}R${String(Math.random()).slice(2, 14).padEnd(12, '0')}`.slice(40_000_000);
    gc();
    const before = process.memoryUsage().heapUsed;
    // Made in a call of their own, so that no register of this frame still holds a piece.
    const kept = ((): string[] => [detach(piece()), detach(piece()), detach(piece())])();
    gc();
    // Keeping the pieces themselves would keep 120 MB of text alive.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20_000_000);
    expect(kept.every((k) => k.length === 13)).toBe(true);
  });

  it('keeps any text as it is (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => detach(s) === s));
  });
});
