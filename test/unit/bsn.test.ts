import fc from 'fast-check';
import { isNineDigits, keptName, passesElfproef, redactBsns } from '../../pipeline/bsn';

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

  it.each([
    ['declaratie_999900006.csv', 'declaratie_*********.csv'],
    ["'123456782' is langer dan 8 tekens", "'*********' is langer dan 8 tekens"],
    ['999900006 en 999900018', '********* en *********'],
    // A BSN typed in an amount column, quoted as euros (TR358 writes cents and euros).
    ['is 999900006 cent (€ 9999000,06)', 'is ********* cent (€ *******,**)'],
    ['€ 9.999.000,06 en € 1.234.567,82', '€ *******,** en € *******,**'],
    ['€ 9999000,07 en € 12,50', '€ 9999000,07 en € 12,50'],
    // Not a BSN: fails the 11-proef, part of a longer number, or eight digits.
    ['R123456789', 'R123456789'],
    ['1999900006', '1999900006'],
    ['99990000', '99990000'],
    ['19999000,06', '19999000,06'],
    // Written in groups, as people write a BSN in a file name or a reason.
    ['client 999.900.006.csv', 'client *********.csv'],
    ['client 9999 00 006 en 999-900-018', 'client ********* en *********'],
    ['999 900 007', '999 900 007'],
    // Dates, times and phone numbers are not nine digits in groups.
    ['2021-03-01 10:00:00', '2021-03-01 10:00:00'],
    ['01-03-2021 123456782', '01-03-2021 *********'],
    ['06 1234 5678', '06 1234 5678'],
    // A date and a sequence number, an AGB code and a suffix: not grouped as a BSN is written.
    ['20230602-1.csv', '20230602-1.csv'],
    ['12340001-6.xml', '12340001-6.xml'],
    ['999.900-006', '999.900-006'],
  ])('masks a possible BSN in free text: %s', (text, masked) => {
    expect(redactBsns(text)).toBe(masked);
  });

  it('nine digits', () => {
    expect(isNineDigits('012345678')).toBe(true);
    expect(isNineDigits('01234567')).toBe(false);
  });
});

describe('keptName: an object name without a possible BSN, different names kept apart', () => {
  const code = (text: string) => (text.length * 2654435761).toString(16).padStart(8, '0');
  const id = (name: string) => code(`bestandsnaam\u0000${name}`).slice(0, 8);

  it.each([
    ['declaratie-maart.csv', 'declaratie-maart.csv'],
    ['20230602-1.csv', '20230602-1.csv'],
    ['tw-999900006.csv', `tw-xxxxxxxxx.${id('tw-999900006.csv')}.csv`],
    ['client 999.900.006', `client xxxxxxxxx.${id('client 999.900.006')}`],
    ['map/999900006', `map/xxxxxxxxx.${id('map/999900006')}`],
    // A name that looks kept already gets a code of its own: it is no other file's kept name.
    ['tw-xxxxxxxxx.1234abcd.csv', `tw-xxxxxxxxx.1234abcd.${id('tw-xxxxxxxxx.1234abcd.csv')}.csv`],
  ])('%s → %s', (name, kept) => {
    expect(keptName(name, code)).toBe(kept);
  });
});
