/** The `bwmo` command line (CONTRACT §3). */
import { Command, CommanderError, Option } from 'commander';
import { VIEW_NAMES } from '../pipeline/monitor/views';
import { runCheck } from './check';
import { runDemo } from './demo';
import { dutch, dutchHelp, dutchHelpTexts } from './dutch';
import { runIngest } from './ingest';
import { type ExportOptions, type ReportOptions, runExport, runReport } from './report';
import { DEFAULT_DATA, DEFAULT_REGION } from './runtime';
import { runSettle, type SettleCliOptions } from './settle';
import { runWithdraw } from './withdraw';

interface StateOptions {
  data: string;
  region: string;
}

const dataOption = () => new Option('--data <dir>', 'map met de lokale gegevens').default(DEFAULT_DATA);
const regionOption = () =>
  new Option('--region <dir>', 'regiomap (region.json, tarieven.csv, budgetten.csv)').default(DEFAULT_REGION);

export { describeError } from '../pipeline/file-errors';

export async function main(argv: string[]): Promise<number> {
  let result: Promise<number> = Promise.resolve(0);
  const program = new Command('bwmo')
    .description('Toewijzingen en declaraties (iWmo 3.2) voor beschermd wonen, opvang en bemoeizorg')
    .exitOverride()
    .configureHelp(dutchHelp)
    .configureOutput({
      writeOut: (s) => process.stdout.write(dutch(s)),
      writeErr: (s) => process.stderr.write(dutch(s)),
    });
  dutchHelpTexts(program);

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
    .option(
      '--gemeente <code>',
      'de gemeente van het bestand (nodig als meer gemeenten dezelfde bytes stuurden)',
    )
    .addOption(dataOption())
    .addOption(regionOption())
    .action((fileId: string, opts: StateOptions & { reden: string; gemeente?: string }) => {
      result = runWithdraw(fileId, opts.reden, opts);
    });

  const report = program
    .command('report')
    .description(`een weergave van de monitor met exacte aantallen (${VIEW_NAMES.join(', ')})`)
    .argument('<weergave>', 'stand, maand, …')
    .addOption(dataOption())
    .addOption(regionOption())
    .option('--datum <JJJJ-MM-DD>', 'peildatum (stand, dichtheid, spreiding)')
    .option('--van <JJJJ-MM>', 'eerste maand (maand, instroom, taakgericht, afwijzingen, trend)')
    .option('--tot <JJJJ-MM>', 'laatste maand')
    .option('--jaar <JJJJ>', 'jaar (budget)')
    .option('--gemeente <codes>', 'alleen deze gemeente(n), komma-gescheiden')
    .option('--taakveld <BW|MO|BWO|BP>', 'alleen dit taakveld')
    .option('--aanbieder <agb>', 'alleen deze aanbieder')
    .option('--uit <bestand>', 'schrijf naar dit bestand (nodig bij xlsx)')
    .addOption(
      new Option('--format <format>', 'uitvoer').choices(['table', 'json', 'csv', 'xlsx']).default('table'),
    )
    .action((name: string, opts: ReportOptions) => {
      result = runReport(name, opts);
    });
  report.addHelpText(
    'after',
    '\nVoorbeelden:\n  bwmo report stand --datum 2020-07-01\n  bwmo report maand --van 2021-01 --tot 2021-06 --format csv',
  );

  program
    .command('export')
    .description('alle weergaven van een periode voor financiën: één werkmap (xlsx) of een CSV per weergave')
    .addOption(dataOption())
    .addOption(regionOption())
    .requiredOption('--van <JJJJ-MM>', 'eerste maand')
    .requiredOption('--tot <JJJJ-MM>', 'laatste maand')
    .addOption(new Option('--format <format>', 'uitvoer').choices(['xlsx', 'csv']).default('xlsx'))
    .option('--uit <map>', 'map voor de bestanden (standaard <data>/exports)')
    .action((opts: ExportOptions) => {
      result = runExport(opts);
    });

  program
    .command('settle')
    .description('de vereveningsafrekening van een jaar (voorlopig, of definitief met --sluit)')
    .addOption(dataOption())
    .addOption(regionOption())
    .requiredOption('--jaar <JJJJ>', 'het jaar')
    .option('--scenario <bestand>', 'sleutels om naast elkaar te zetten (JSON)')
    .option('--tot <JJJJ-MM>', 'voorlopig: kosten tot en met deze maand, geprojecteerd naar het jaareinde')
    .option('--sluit', 'definitief: sluit het jaar af', false)
    .option('--uit <bestand>', 'schrijf naar dit bestand (nodig bij xlsx)')
    .addOption(
      new Option('--format <format>', 'uitvoer')
        .choices(['table', 'csv', 'xlsx', 'json', 'html'])
        .default('table'),
    )
    .action((opts: SettleCliOptions) => {
      result = runSettle(opts);
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
    .addOption(
      new Option('--data <dir>', 'map voor de demo (een eerdere demomap wordt leeggemaakt)').default(
        '.bwmo-demo',
      ),
    )
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
