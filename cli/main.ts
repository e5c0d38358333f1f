/** The `bwmo` command line (CONTRACT §3). */
import { Command, CommanderError, Option } from 'commander';
import { runCheck } from './check';
import { runDemo } from './demo';
import { runIngest } from './ingest';
import { DEFAULT_DATA, DEFAULT_REGION } from './runtime';
import { runWithdraw } from './withdraw';

interface StateOptions {
  data: string;
  region: string;
}

const dataOption = () => new Option('--data <dir>', 'map met de lokale gegevens').default(DEFAULT_DATA);
const regionOption = () =>
  new Option('--region <dir>', 'regiomap (region.json, tarieven.csv, budgetten.csv)').default(DEFAULT_REGION);

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

  program
    .command('ingest')
    .description(
      'de hele pijplijn: controleren, afstemmen op toewijzingen en eerdere declaraties, beantwoorden',
    )
    .argument('<bestand...>', 'XML- of CSV-bestanden, in deze volgorde verwerkt')
    .addOption(dataOption())
    .addOption(regionOption())
    .option('--json', 'de rapporten als JSON in plaats van een samenvatting', false)
    .option('--gemeente <code>', 'gemeente die aanlevert (standaard: de gemeente die het bestand noemt)')
    .action((files: string[], opts: StateOptions & { json: boolean; gemeente?: string }) => {
      result = runIngest(files, opts);
    });

  program
    .command('withdraw')
    .description('een verwerkt bestand intrekken (correctie door een beheerder): het telt niet meer mee')
    .argument('<file-id>', 'de SHA-256 van het bestand (fileId in het rapport)')
    .requiredOption('--reden <tekst>', 'waarom het bestand wordt ingetrokken')
    .addOption(dataOption())
    .addOption(regionOption())
    .action((fileId: string, opts: StateOptions & { reden: string }) => {
      result = runWithdraw(fileId, opts.reden, opts);
    });

  program
    .command('serve')
    .description('de lokale stack: S3-API, DynamoDB-API, SFTP, HTTP-API en monitor op localhost')
    .addOption(dataOption())
    .addOption(regionOption())
    .option('--s3-port <port>', 'poort van de S3-API', '4569')
    .option('--http-port <port>', 'poort van de HTTP-API en de monitor', '8080')
    .option('--sftp-port <port>', 'poort van de SFTP-server', '2222')
    .action((opts: StateOptions & { s3Port: string; httpPort: string; sftpPort: string }) => {
      // Loaded only for this command: s3rver and ssh2 are not needed by the others.
      const { runServe } = require('./serve') as typeof import('./serve');
      result = runServe(opts);
    });

  program
    .command('demo')
    .description('maakt een realistische voorbeeldset voor de regio, verwerkt die en toont het resultaat')
    .addOption(new Option('--data <dir>', 'map voor de demo (wordt leeggemaakt)').default('.bwmo-demo'))
    .addOption(regionOption())
    .option('--seed <n>', 'startwaarde van de generator', '42')
    .action((opts: StateOptions & { seed: string }) => {
      result = runDemo(opts);
    });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  return result;
}
