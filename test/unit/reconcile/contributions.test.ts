/** A file's contribution is stored in parts small enough for DynamoDB, and reading the parts back loses nothing. */
import { contributionItems, DeclaratieFigures } from '../../../pipeline/reconcile/contributions';

describe('declaration contributions in parts', () => {
  it('splits many clients and cost lines over parts that sum to the whole', () => {
    const figures = new DeclaratieFigures();
    const clients = 30_000;
    for (let i = 0; i < clients; i++) {
      const client = `${String(i).padStart(8, '0')}${'a'.repeat(24)}`;
      figures.line({
        maand: '2022-01',
        herkomst: '0988',
        taakveld: 'BW',
        agb: '12340001',
        ingediend: 1000,
        toegekend: i % 10 === 0 ? 0 : 1000,
        eenheid: '14',
        volume: 2,
        client: i % 10 === 0 ? null : client,
      });
      if (i % 10 === 0) figures.rejection('2022-01', '12340001', ['0611'], 1000);
      else
        figures.cost({
          maand: '2022-01',
          herkomst: '0988',
          taakveld: 'BW',
          categorie: '15',
          code: '15A02',
          nummer: 7000 + i,
          bedrag: 1000,
        });
    }
    const parts = figures.toContributions();
    expect(parts.length).toBeGreaterThan(2);

    const union = new Set<string>();
    let regels = 0;
    let toegekend = 0;
    let kosten = 0;
    let afgewezen = 0;
    for (const p of parts) {
      expect(JSON.stringify(p).length).toBeLessThanOrEqual(300_000);
      for (const m of Object.values(p.maanden)) {
        regels += m.regels;
        toegekend += m.toegekend;
        for (const c of m.clients) union.add(c);
      }
      for (const g of Object.values(p.kosten)) kosten += g.bedragen.reduce((s, v) => s + v, 0);
      afgewezen += Object.values(p.afwijzingen).reduce((s, a) => s + a.regels, 0);
    }
    expect(regels).toBe(clients);
    const approved = clients * 0.9;
    expect(toegekend).toBe(approved * 1000);
    expect(kosten).toBe(approved * 1000);
    expect(afgewezen).toBe(clients - approved);
    expect(union.size).toBe(approved);

    const items = contributionItems('0983', { fileId: 'f'.repeat(64), poging: 'p1' }, 'declaratie', parts);
    for (const item of items) expect(JSON.stringify(item).length).toBeLessThan(350_000);
  });

  it('keeps a small file in one part', () => {
    const figures = new DeclaratieFigures();
    figures.line({
      maand: '2022-01',
      herkomst: '0988',
      taakveld: 'BW',
      agb: '12340001',
      ingediend: 5,
      toegekend: 5,
      eenheid: '14',
      volume: 1,
      client: 'abc',
    });
    expect(figures.toContributions()).toHaveLength(1);
    expect(new DeclaratieFigures().toContributions()).toEqual([{ maanden: {}, afwijzingen: {}, kosten: {} }]);
  });
});
