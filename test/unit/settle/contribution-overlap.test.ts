/**
 * The contribution per inhabitant towards a taakveld is paid only by municipalities that do not settle that taakveld
 * in a scheme: in NML, Midden-Limburg pools B&P (BW, MO and B&P from one pot), so from 2022 its members pay B&P there
 * and not also per inhabitant to Venlo. Listing such a member explicitly is a configuration error.
 */
import { loadSettlementConfig } from '../../../pipeline/settle/config';
import { settleYear } from '../../../pipeline/settle/statement';
import { voorbeeldMap } from './fixtures';

const MIDDEN_LIMBURG = ['0946', '0957', '0988', '1640', '1641', '1669', '1711'];

it('a member whose B&P is pooled in a scheme is not also charged the B&P contribution per inhabitant', () => {
  const { region, budgetten } = voorbeeldMap('nml');
  const config = loadSettlementConfig(region, budgetten);
  const s = settleYear(config, [], { jaar: 2022, status: 'voorlopig', totEnMetMaand: '2022-01' });
  const bpInScheme = new Set(
    s.regelingen.filter((r) => r.taakvelden.includes('BP')).flatMap((r) => r.regels.map((l) => l.gemeente)),
  );
  expect([...bpInScheme].sort()).toEqual(MIDDEN_LIMBURG);
  const charged = (s.bijdragePerInwoner?.regels ?? []).map((b) => b.gemeente);
  expect(charged.filter((g) => bpInScheme.has(g))).toEqual([]);
  // Noord-Limburg pools BW only: its members other than Venlo (the receiver) still pay per inhabitant.
  expect(charged).toEqual(['0889', '0893', '0907', '0984', '1507', '1894']);
});

it('listing a member of a scheme that settles the taakveld is refused, naming the field', () => {
  const { region, budgetten } = voorbeeldMap('nml');
  const verevening = region.verevening!;
  const bijdrage = { ...verevening.bijdragePerInwoner!, leden: ['0889', '0957'] };
  const changed = { ...region, verevening: { ...verevening, bijdragePerInwoner: bijdrage } };
  expect(() => loadSettlementConfig(changed, budgetten)).toThrow(
    /verevening\.bijdragePerInwoner\.leden\[1\].*0957 betaalt BP in 2022 al via de regeling Midden-Limburg BW, MO en B&P/,
  );
});
