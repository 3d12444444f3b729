import { activeAt } from '../promotions/pricing';
import { addOption, OPTION, type Offer } from './copy';
import type { Option } from '../domain/types';
import type { Turn } from './turn';

/** At most this many offers in one reply: a short answer, even for a store running many. */
const MAX_OFFERS = 8;

/** "Any deals?": the promotions running now, in one short reply, with a button to add each promoted product. */
export async function showDeals(turn: Turn): Promise<void> {
  const running = activeAt((await turn.deps.promotions?.current()) ?? [], turn.deps.clock.now());
  // A promotion on a hidden product is not offered (a category's promotion still names its shelf).
  const catalog = await turn.shelf();
  const offers: (Offer & { add?: Option })[] = running.flatMap((p) => {
    const { kind, percent, buy, pay } = p;
    if (p.sku !== undefined) {
      const product = catalog.get(p.sku);
      return product ? [{ kind, percent, buy, pay, on: product.name, wholeCategory: false, add: addOption(product) }] : [];
    }
    return p.category !== undefined ? [{ kind, percent, buy, pay, on: p.category, wholeCategory: true }] : [];
  }).slice(0, MAX_OFFERS);
  const adds = offers.flatMap((o) => (o.add ? [o.add] : [])).slice(0, 5);
  turn.say('deals', turn.copy.deals(offers), adds.length ? adds : [OPTION.browse, OPTION.cart], { count: offers.length });
}
