import { ruleFinding } from '../../read/findings';
import { locateToewijzing } from '../locate';
import { defineToewijzingRule } from '../types';

/** CS336: RedenWijziging 01 (administratieve correctie, vervallen) is not used. */
export const CS336 = defineToewijzingRule({
  id: 'CS336',
  product: (r) =>
    r.product.redenWijziging === '01'
      ? ruleFinding(
          'toewijzing',
          'CS336',
          locateToewijzing(r, 'RedenWijziging'),
          'RedenWijziging 01 is vervallen; gebruik 14 (administratieve correctie)',
        )
      : null,
});
