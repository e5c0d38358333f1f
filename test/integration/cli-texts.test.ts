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
  });
});
