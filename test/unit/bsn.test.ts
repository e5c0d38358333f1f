import fc from 'fast-check';
import { isNineDigits, passesElfproef } from '../../pipeline/bsn';

describe('BSN 11-proef (CS002)', () => {
  it.each([
    ['123456782', true],
    ['999900006', true],
    ['999900018', true],
    ['123456789', false],
    ['999900007', false],
    ['000000000', false],
    ['12345678', false],
    ['12345678a', false],
  ])('%s → %s', (bsn, ok) => {
    expect(passesElfproef(bsn)).toBe(ok);
  });

  it('changing one digit of a valid BSN always breaks it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const valid = '123456782';
        const d = (Number(valid[pos]) + delta) % 10;
        const changed = valid.slice(0, pos) + d + valid.slice(pos + 1);
        return !passesElfproef(changed);
      }),
    );
  });

  it('nine digits', () => {
    expect(isNineDigits('012345678')).toBe(true);
    expect(isNineDigits('01234567')).toBe(false);
  });
});
