import type { ToewijzingRegel } from '../../../../schemas/iwmo/wmo301';
import type { Finding } from '../../../../schemas/report';
import { ruleFinding } from '../../../read/findings';
import type { ToewijzingVersion } from '../../../state/items';
import { locateToewijzing } from '../../locate';

/**
 * TR332 (9332): a ToewijzingNummer is unique per municipality: a new version of a toewijzing keeps its client
 * and product. A version for another client or product is rejected.
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
  if (!otherClient && !otherProduct) return null;
  return ruleFinding(
    'toewijzing',
    'TR332',
    locateToewijzing(regel, 'ToewijzingNummer'),
    `ToewijzingNummer ${p.toewijzingNummer} is al in gebruik voor ${otherClient ? 'een andere client' : `product ${current.categorie}/${current.code ?? ''}`}`,
  );
}
