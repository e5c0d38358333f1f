/** `bwmo` prints commander's own texts in Dutch (the real command, in a process of its own). */
import { bwmo } from '../helpers/cli';

describe('bwmo prints commander’s texts in Dutch', () => {
  it('a missing option and the help', async () => {
    const missing = await bwmo(['withdraw', 'abc']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("fout: de optie '--reden <tekst>' is verplicht\n");
    const help = await bwmo(['check', '--help']);
    expect(help.stdout).toMatch(/^Gebruik: bwmo check \[opties\] <bestand\.\.\.>/);
    expect(help.stdout).toContain('toon de hulp bij een commando');
    expect(help.stdout).not.toMatch(/Usage|Options|display help/);
    // Option details in Dutch, also where commander wraps them (translated before the layout).
    const report = await bwmo(['report', '--help']);
    expect(report.stdout).toMatch(/\(keuze: "table", "json", "csv", "xlsx";\s+standaard: "table"\)/);
    expect(report.stdout).not.toMatch(/choices|default/);
  });

  it('keeps the help columns aligned after translating', async () => {
    const { stdout } = await bwmo(['--help']);
    const commands = stdout.slice(stdout.indexOf('Commando’s:')).split('\n').slice(1).filter(Boolean);
    // Each command's description starts in the same column as its continuation lines.
    const starts = commands.map((l) => /^( {2}\S.*? {2,})\S/.exec(l)?.[1].length ?? l.search(/\S/));
    expect(new Set(starts).size).toBe(1);
    expect(stdout).toContain('help [commando]');
  });
});
