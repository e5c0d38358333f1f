/**
 * The body of POST /lokaal/verevening (what `bwmo settle` sends to a running `bwmo serve`), strictly: a wrong type is
 * refused with a Dutch message, never read as "not given" (`"sluit": "true"` must not store a provisional statement).
 */
import { parseLokaleRun } from '../../../pipeline/api/settle';

describe('parseLokaleRun', () => {
  it.each([
    [{ jaar: 2021 }],
    [{ jaar: 2000, tot: '2000-12' }],
    [{ jaar: 2100, sluit: false }],
    [{ jaar: 2021, sluit: true }],
    [{ jaar: 2021, scenario: { bestand: 'scenarios.json', tekst: '[]' } }],
  ])('accepts %j', (body) => {
    expect(parseLokaleRun(JSON.stringify(body))).toEqual({ run: body });
  });

  it.each([
    ['{', 'de vraag is geen JSON'],
    ['null', 'de vraag is geen JSON-object met jaar, tot, sluit, scenario'],
    ['2021', 'de vraag is geen JSON-object met jaar, tot, sluit, scenario'],
    ['"2021"', 'de vraag is geen JSON-object met jaar, tot, sluit, scenario'],
    ['[2021]', 'de vraag is geen JSON-object met jaar, tot, sluit, scenario'],
    ['{}', 'jaar: is nodig (een jaartal, JJJJ)'],
    ['{"jaar":"2021"}', 'jaar: moet een getal zijn (JJJJ), geen tekst'],
    ['{"jaar":null}', 'jaar: moet een getal zijn (JJJJ), geen tekst'],
    ['{"jaar":2021.5}', 'jaar: moet een geheel getal zijn (JJJJ)'],
    ['{"jaar":1999}', 'jaar: moet tussen 2000 en 2100 liggen'],
    ['{"jaar":2101}', 'jaar: moet tussen 2000 en 2100 liggen'],
    ['{"jaar":2021,"tot":"2021-13"}', 'tot: moet een maand zijn (JJJJ-MM)'],
    ['{"jaar":2021,"tot":"2021-1"}', 'tot: moet een maand zijn (JJJJ-MM)'],
    ['{"jaar":2021,"tot":202103}', 'tot: moet een maand als tekst zijn (JJJJ-MM)'],
    ['{"jaar":2021,"sluit":"true"}', 'sluit: moet true of false zijn (geen tekst, geen getal)'],
    ['{"jaar":2021,"sluit":1}', 'sluit: moet true of false zijn (geen tekst, geen getal)'],
    ['{"jaar":2021,"scenario":"s.json"}', 'scenario: moet een object {bestand, tekst} zijn'],
    [
      '{"jaar":2021,"scenario":{"bestand":"s.json"}}',
      'scenario.tekst: moet tekst zijn (de inhoud van het scenariobestand)',
    ],
    [
      '{"jaar":2021,"scenario":{"bestand":"s.json","tekst":"[]","pad":"/tmp"}}',
      'scenario: onbekend(e) veld(en): pad; toegestaan: bestand, tekst',
    ],
    [
      '{"jaar":2021,"gemeente":"0983"}',
      'onbekend(e) veld(en): gemeente; toegestaan: jaar, tot, sluit, scenario',
    ],
    [
      '{"jaar":"2021","sluit":"ja"}',
      'jaar: moet een getal zijn (JJJJ), geen tekst; sluit: moet true of false zijn (geen tekst, geen getal)',
    ],
  ])('refuses %s', (body, fout) => {
    expect(parseLokaleRun(body)).toEqual({ fout });
  });
});
