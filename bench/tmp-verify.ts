import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
const dir = '.bwmo-demo';
const manifest = JSON.parse(readFileSync(join(dir, 'voorbeeldbestanden/manifest.json'), 'utf8'));
let ok = 0, bad = 0;
for (const f of manifest.files) {
  if (f.kind !== 'declaratie' || f.planted.length) continue;
  const name = f.path.split('/').pop();
  const report = JSON.parse(readFileSync(join(dir, 'bucket/outbox', f.gemeente, `${name}.rapport.json`), 'utf8'));
  const expected = new Map(f.plantedState.map((e: any) => [e.referentieNummer, e.retourcodes.join(',')]));
  for (const d of report.declaraties) for (const p of d.prestaties) {
    const got = p.retourcodes.join(',');
    const want = expected.get(p.referentieNummer) ?? '';
    if (got === want) ok++; else { bad++; console.log(name, p.referentieNummer, 'got', got, 'want', want); }
    expected.delete(p.referentieNummer);
  }
  if (expected.size) console.log('missing lines', name, [...expected.keys()]);
  const ing = report.declaraties.reduce((s: number, d: any) => s + d.prestaties.reduce((t: number, p: any) => t + 0, 0), 0);
}
console.log('ok', ok, 'bad', bad);
