import type { ToewijzingRegel } from '../../../../schemas/iwmo/wmo301';
import type { Finding } from '../../../../schemas/report';
import { ruleFinding } from '../../../read/findings';
import type { ToewijzingVersion } from '../../../state/items';
import { locateToewijzing } from '../../locate';

/**
 * TR332 (9332): a ToewijzingNummer is unique per municipality: a new version of a toewijzing keeps its client,
 * product and provider. A version for another client, product or provider is rejected (another provider gets a
 * toewijzing of its own; taking the number over would leave the first provider's care without toewijzing).
 */
export function TR332(
  regel: ToewijzingRegel,
  client: string,
  current: ToewijzingVersion | null,
): Finding | null {
  if (!current) return null;
  const p = regel.product;
  const otherClient = current.client !== client;
  const otherProduct = current.categorie !== p.productCategorie || current.code !== p.productCode;
  const otherProvider = current.agb !== regel.bericht.ontvanger;
  if (!otherClient && !otherProduct && !otherProvider) return null;
  const voor = otherClient
    ? 'een andere client'
    : otherProduct
      ? `product ${current.categorie}/${current.code ?? ''}`
      : `aanbieder ${current.agb}`;
  return ruleFinding(
    'toewijzing',
    'TR332',
    locateToewijzing(regel, 'ToewijzingNummer'),
    `ToewijzingNummer ${p.toewijzingNummer} is al in gebruik voor ${voor}`,
  );
}
