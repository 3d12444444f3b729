import { readBackTo, startCheckout } from './checkout';
import { addOption, OPTION } from '../copy';
import { showDeals } from '../deals';
import type { Action } from '../options';
import { propose } from '../proposal';
import { offerUsual } from '../usual';
import { stopWishes } from '../wishes';
import { askCancel, askRestart, browse, changeAddress, greetBack, showStatus } from '../service';
import { addItems, answerAsk, nextStep, removeItems, replaceLine, setQuantity } from '../shopping';
import type { Turn } from '../turn';
import { handOff } from './handoff';
import { toOrdering } from './questions';
import { faqReply } from '../faq';
import { answerDiet } from '../diet';

/**
 * The common handlers: what any message means while shopping (menu, ordering, placed), and whatever a
 * stage's own handler left ("not mine"). The router brings the conversation to a shopping stage first.
 */
export async function shop(turn: Turn, action: Action): Promise<void> {
  const { copy, deps } = turn;
  const didntUnderstand = () => turn.say('didnt_understand', copy.didntUnderstand, [OPTION.browse, OPTION.cart, OPTION.help]);
  switch (action.type) {
    case 'greet': return greetBack(turn);
    case 'thanks': return turn.say('thanks', copy.thanks, [OPTION.checkout, OPTION.browse]);
    case 'browse': return browse(turn, action.category);
    case 'search': {
      const found = (await Promise.all(action.skus.map((s) => turn.product(s)))).flatMap((p) => (p ? [p] : []));
      return turn.say('search_results', copy.searchResults(action.query, found), found.slice(0, 5).map(addOption), { query: action.query });
    }
    case 'ask': return answerAsk(turn, action.about, action.items, action.when);
    case 'add':
      toOrdering(turn);
      await addItems(turn, action.items);
      // Words the rules did not follow: what was understood is done, the rest asked about, never guessed.
      if (action.unsure && !turn.conv.asking) turn.say('unread_rest', copy.unreadRest, turn.replies.at(-1)?.options);
      return;
    case 'replace': toOrdering(turn); return replaceLine(turn, action.from, action.to);
    case 'smalltalk': return turn.say('smalltalk', copy.smalltalk, [OPTION.browse, OPTION.cart, OPTION.help]);
    case 'address': return changeAddress(turn, action.address);
    case 'propose': return propose(turn, action.items, action.source);
    case 'remove': return removeItems(turn, action.items);
    case 'set_qty': return setQuantity(turn, action.item, action.quantity);
    case 'quantity':
    case 'choose': {
      const quantity = action.type === 'quantity' ? action.quantity : { kind: 'count' as const, value: action.index };
      if (turn.conv.lastSku) return setQuantity(turn, undefined, quantity);
      return didntUnderstand();
    }
    case 'show_cart': {
      const { lines, total, holds } = await turn.cart();
      const soonest = Math.min(...holds.map((h) => h.expiresAt));
      const minutes = Math.max(1, Math.ceil((soonest - deps.clock.now()) / 60_000));
      return turn.say('cart', copy.cartList(lines, total, minutes), lines.length ? [OPTION.checkout, OPTION.browse] : [OPTION.browse, OPTION.help], { totalCents: total });
    }
    case 'checkout': return startCheckout(turn);
    case 'deals': return showDeals(turn);
    case 'stop_wish': return stopWishes(turn, action.items);
    case 'usual': return offerUsual(turn, action.kind, action.without);
    case 'diet': return answerDiet(turn, action.claim, action.about);
    case 'cancel_order': return askCancel(turn, action.orderId);
    case 'faq': return turn.say('faq', faqReply(turn, action.topic), undefined, { topic: action.topic });
    case 'delivery':
      // "Deliver to 5 Elm Street" with something in the cart: that is a checkout, read back to that address.
      if (action.address && (await turn.cart()).lines.length) return readBackTo(turn, action.address);
      return turn.say('faq', deps.faq.get('delivery') ?? copy.didntUnderstand, undefined, { topic: 'delivery' });
    case 'pickup': return turn.say('faq', deps.faq.get('location') ?? copy.didntUnderstand, undefined, { topic: 'location' });
    case 'yes':
      if (!(await turn.cart()).lines.length) return turn.say('menu', copy.menu, [OPTION.browse, OPTION.help]);
      // "Yes" to "Anything else, or shall I check out?" (its buttons offer checking out) checks out, as "ok" does.
      if (turn.conv.options?.some((o) => o.id === OPTION.checkout.id)) return startCheckout(turn);
      return nextStep(turn);
    case 'no': return turn.say('thanks', copy.thanks, [OPTION.checkout, OPTION.browse]);
    case 'restart': return askRestart(turn);
    case 'status': return showStatus(turn);
    case 'human': return handOff(turn);
    case 'unknown':
      // "the same groceries as I had last Thursday, Margaret": the usual spoken of, not surely: asked, not guessed.
      if (action.usual) return turn.say('unsure_usual', copy.unsureUsual, [OPTION.usual, OPTION.browse, OPTION.help]);
      // A question the rules cannot answer ("can my husband pick it up?"): a person is offered, never a guess.
      if (action.asks) return turn.say('unanswered_question', copy.unansweredQuestion, [OPTION.human, OPTION.browse, OPTION.help]);
      return didntUnderstand();
    case 'help':
    case 'option':
    case 'name':
    case 'skip':
    case 'complaint':
    case 'multi':
    case 'pick':
    case 'change_address':
      return didntUnderstand();
  }
}

