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

  it('keeps any text as it is (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => detach(s) === s));
  });
});
