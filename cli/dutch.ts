/**
 * commander writes its own help and error texts in English; every other line of `bwmo` is Dutch. These are
 * commander's fixed phrases (commander 14) in Dutch; anything not listed passes unchanged.
 */
const PHRASES: readonly [RegExp, string][] = [
  [/^error: missing required argument '([^']+)'/gm, "fout: het argument '$1' ontbreekt"],
  [/^error: required option '([^']+)' not specified/gm, "fout: de optie '$1' is verplicht"],
  [/^error: option '([^']+)' argument missing/gm, "fout: de optie '$1' heeft een waarde nodig"],
  [
    /^error: option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are ([^\n]*)\./gm,
    "fout: '$2' is geen geldige waarde voor '$1'; kies uit $3",
  ],
  [/^error: unknown option '([^']+)'/gm, "fout: onbekende optie '$1'"],
  [/^error: unknown command '([^']+)'/gm, "fout: onbekend commando '$1'"],
  [
    /^error: too many arguments for '([^']+)'\. Expected (\d+) arguments? but got (\d+)\./gm,
    "fout: te veel argumenten voor '$1' ($3 in plaats van $2)",
  ],
  [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\./gm, 'fout: te veel argumenten'],
  [/\(Did you mean ([^?]+)\?\)/g, '(Bedoelt u $1?)'],
  [/^error: /gm, 'fout: '],
  [/^Usage:/gm, 'Gebruik:'],
  [/^Arguments:/gm, 'Argumenten:'],
  [/^Options:/gm, 'Opties:'],
  [/^Commands:/gm, 'Commando’s:'],
  [/display help for command/g, 'toon de hulp bij een commando'],
  [/\[options\]/g, '[opties]'],
  [/\[command\]/g, '[commando]'],
  [/\(choices: ([^)]*?), default: ([^)]*)\)/g, '(keuze: $1; standaard: $2)'],
  [/\(choices: ([^)]*)\)/g, '(keuze: $1)'],
  [/\(default: ([^)]*)\)/g, '(standaard: $1)'],
];

export function dutch(text: string): string {
  return PHRASES.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}
