/**
 * commander writes its own help and error texts in English; every other line of `bwmo` is Dutch. The help's terms
 * and option details are made Dutch before commander lays them out (so columns stay aligned); its fixed error
 * phrases and section titles are translated in the output. Anything not listed passes unchanged.
 */
import { type Argument, type Command, Help, type Option } from 'commander';

const DETAILS: readonly [RegExp, string][] = [
  [/\(choices: /g, '(keuze: '],
  [/, default: /g, '; standaard: '],
  [/\(default: /g, '(standaard: '],
];
const TERMS: readonly [RegExp, string][] = [
  [/\[options\]/g, '[opties]'],
  [/\[command\]/g, '[commando]'],
];

const apply = (text: string, table: readonly [RegExp, string][]) =>
  table.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);

/** Help in Dutch: give to `program.configureHelp(...)`, with `dutchHelpTexts(program)` for the help option. */
export const dutchHelp = {
  subcommandTerm(this: Help, cmd: Command) {
    return apply(Help.prototype.subcommandTerm.call(this, cmd), TERMS);
  },
  commandUsage(this: Help, cmd: Command) {
    return apply(Help.prototype.commandUsage.call(this, cmd), TERMS);
  },
  optionDescription(this: Help, option: Option) {
    return apply(Help.prototype.optionDescription.call(this, option), DETAILS);
  },
  argumentDescription(this: Help, argument: Argument) {
    return apply(Help.prototype.argumentDescription.call(this, argument), DETAILS);
  },
};

/** The help option and help command descriptions (inherited by the commands defined after this call). */
export function dutchHelpTexts(program: Command): Command {
  return program
    .helpOption('-h, --help', 'toon de hulp bij een commando')
    .helpCommand('help [commando]', 'toon de hulp bij een commando');
}

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
  [/\(Did you mean one of ([^?]+)\?\)/g, '(Bedoelt u een van $1?)'],
  [/\(Did you mean ([^?]+)\?\)/g, '(Bedoelt u $1?)'],
  [/^error: /gm, 'fout: '],
  [/^Usage:/gm, 'Gebruik:'],
  [/^Arguments:/gm, 'Argumenten:'],
  [/^Options:/gm, 'Opties:'],
  [/^Commands:/gm, 'Commando’s:'],
];

/** commander's error phrases and section titles in Dutch. */
export function dutch(text: string): string {
  return apply(text, PHRASES);
}
