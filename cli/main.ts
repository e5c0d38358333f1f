/** The `bwmo` command line (CONTRACT §3). */
import { Command, CommanderError, Option } from 'commander';
import { runCheck } from './check';

export async function main(argv: string[]): Promise<number> {
  let result: Promise<number> = Promise.resolve(0);
  const program = new Command('bwmo')
    .description('Toewijzingen en declaraties (iWmo 3.2) voor beschermd wonen, opvang en bemoeizorg')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('check')
    .description('controleniveau 1 en 2 (structuur en regels binnen het bericht), zonder opgeslagen gegevens')
    .argument('<bestand...>', 'XML- of CSV-bestanden')
    .addOption(new Option('--format <format>', 'uitvoer').choices(['json', 'table']).default('json'))
    .action((files: string[], opts: { format: 'json' | 'table' }) => {
      result = runCheck(files, opts.format);
    });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  return result;
}
