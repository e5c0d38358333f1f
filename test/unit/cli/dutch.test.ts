/** commander's own texts in Dutch (cli/dutch.ts). */
import { dutch } from '../../../cli/dutch';

describe('dutch: commander’s phrases', () => {
  it.each([
    ["error: missing required argument 'bestand'", "fout: het argument 'bestand' ontbreekt"],
    [
      "error: required option '--reden <tekst>' not specified",
      "fout: de optie '--reden <tekst>' is verplicht",
    ],
    [
      "error: option '--jaar <JJJJ>' argument missing",
      "fout: de optie '--jaar <JJJJ>' heeft een waarde nodig",
    ],
    [
      "error: option '--format <format>' argument 'x' is invalid. Allowed choices are json, table.",
      "fout: 'x' is geen geldige waarde voor '--format <format>'; kies uit json, table",
    ],
    [
      "error: unknown option '--jsno'\n(Did you mean --json?)",
      "fout: onbekende optie '--jsno'\n(Bedoelt u --json?)",
    ],
    ["error: unknown command 'chek'", "fout: onbekend commando 'chek'"],
    [
      "error: too many arguments for 'report'. Expected 1 argument but got 2.",
      "fout: te veel argumenten voor 'report' (2 in plaats van 1)",
    ],
    [
      "error: unknown option '--aa'\n(Did you mean one of --data, --jaar?)",
      "fout: onbekende optie '--aa'\n(Bedoelt u een van --data, --jaar?)",
    ],
    ['Usage: bwmo check [opties] <bestand...>', 'Gebruik: bwmo check [opties] <bestand...>'],
  ])('%s', (english, nederlands) => {
    expect(dutch(english)).toBe(nederlands);
  });

  it('leaves Dutch text alone', () => {
    const text = 'controleniveau 1 en 2 (structuur en regels binnen het bericht)';
    expect(dutch(text)).toBe(text);
  });
});
