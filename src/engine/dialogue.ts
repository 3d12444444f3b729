import type { Pending, Stage } from '../domain/types';
import { checkoutAs, chooseMethod, confirmOrder, readBackTo, startCheckout, takeAddress } from './checkout';
import { addOption, OPTION, pickOption } from './copy';
import { showDeals } from './deals';
import type { Action } from './options';
import { answerProposal, propose } from './proposal';
import { startRegistration, takeName, takeRegistrationAddress } from './registration';
import { askCancel, askRestart, browse, changeAddress, complain, confirmCancel, greetBack, handOff, restart, showStatus } from './service';
import { addItems, answerAsk, changeLine, nextStep, removeItems, replaceLine, setQuantity } from './shopping';
import { fromRequested } from './options';
import { takeSeveral } from './registration';
import type { Turn } from './turn';

/** A handler of a stage or of a pending question: true when the message was its to answer, false: "not mine". */
type Handler = (turn: Turn, action: Action) => Promise<boolean>;

const CHECKOUT: readonly Stage[] = ['checkout_method', 'checkout_address', 'checkout_confirm'];

/** Each stage's handler; a stage without one (and any "not mine") falls through to shopping. */
const STAGES = new Map<Stage, Handler>([
  ['registration_name', takeName],
  ['registration_address', takeRegistrationAddress],
  ['checkout_method', chooseMethod],
  ['checkout_address', takeAddress],
  ['checkout_confirm', confirmOrder],
]);

/**
 * One message's action, routed: global intents first (human, help, restart, status), then the pending
 * question, then the stage's handler, then shopping.
 */
export async function route(turn: Turn, action: Action): Promise<void> {
  const { conv, customer } = turn;
  if (action.type === 'human') { handOff(turn); return; }
  if (action.type === 'complaint') { await complain(turn, action.about); return; }
  if (action.type === 'multi') {
    // "Hi, Sam here, 12 Baker St, 2 milks": registration takes its parts together; otherwise each in turn.
    if (!customer.registeredAt) { await takeSeveral(turn, action.intents); return; }
    const [first, second, ...more] = action.intents;
    if (first?.type === 'checkout' && (second?.type === 'delivery' || second?.type === 'pickup') && more.length === 0) { await checkoutAs(turn, second); return; }
    for (const part of action.intents) await route(turn, part);
    return;
  }
  if (!customer.registeredAt) {
    if (conv.stage !== 'registration_name' && conv.stage !== 'registration_address') { startRegistration(turn, action); return; }
    if (action.type === 'help') {
      turn.say('help', `${turn.copy.help}\n\n${conv.stage === 'registration_name' ? turn.copy.askNameAgain : turn.copy.badAddress}`,
        conv.stage === 'registration_address' ? [OPTION.pickup] : undefined);
      return;
    }
    if (action.type === 'restart') { startRegistration(turn); return; }
    await STAGES.get(conv.stage)!(turn, action);
    return;
  }
  if (action.type === 'help') { turn.say('help', turn.copy.help, [OPTION.browse, OPTION.cart, OPTION.human]); return; }
  if (action.type === 'status') { await showStatus(turn); keepOffer(turn); return; }
  const pending = conv.pending;
  conv.pending = undefined;
  if (action.type === 'restart') {
    // Starting over leaves checkout: a "yes" after "keep my cart" must not place the order.
    if (CHECKOUT.includes(conv.stage)) turn.moveTo('ordering');
    await askRestart(turn);
    return;
  }
  if (pending && (await answerPending(turn, pending, action))) return;
  const stage = STAGES.get(conv.stage);
  if (stage && (await stage(turn, action))) return;
  if (CHECKOUT.includes(conv.stage)) turn.moveTo('ordering');
  if (conv.stage === 'greeting' || conv.stage === 'placed') turn.moveTo('menu');
  await shop(turn, action);
}

/**
 * A question asked mid-checkout or while the bot waits for an answer ("where is my order?") leaves that
 * question standing: its options stay on offer, so the buttons still on screen keep working.
 */
function keepOffer(turn: Turn): void {
  const last = turn.replies.at(-1);
  const offered = turn.conv.options;
  if (!last || last.options?.length || !offered?.length) return;
  if (CHECKOUT.includes(turn.conv.stage) || turn.conv.pending) last.options = offered;
}

/** The answer to the question the bot asked, if it is one; false hands the message on. */
async function answerPending(turn: Turn, pending: Pending, action: Action): Promise<boolean> {
  const copy = turn.copy;
  switch (pending.kind) {
    case 'confirm_cancel':
      if (action.type === 'yes' && turn.msg.unverified) { turn.say('needs_verified_caller', copy.needsVerifiedCaller); return true; }
      if (action.type === 'yes' && turn.msg.unsure) { turn.conv.pending = pending; turn.say('unsure_again', copy.unsureAgain, [OPTION.yes, OPTION.no]); return true; }
      if (action.type === 'yes') { await confirmCancel(turn, pending.orderId); return true; }
      if (action.type === 'no') { turn.say('kept_order', copy.keptOrder); return true; }
      return false;
    case 'confirm_restart':
      if (action.type === 'yes' && turn.msg.unsure) { turn.conv.pending = pending; turn.say('unsure_again', copy.unsureAgain, [OPTION.yes, OPTION.no]); return true; }
      if (action.type === 'yes') { await restart(turn); return true; }
      if (action.type === 'no') { turn.say('kept_cart', copy.keptCart, [OPTION.checkout, OPTION.cart]); return true; }
      return false;
    case 'confirm_items':
      if (action.type === 'yes' || action.type === 'no') { await answerProposal(turn, pending.items, action.type); return true; }
      return false;
    case 'how_many': {
      const p = await turn.product(pending.sku);
      const quantity = action.type === 'quantity' ? action.quantity
        : action.type === 'choose' ? { kind: 'count' as const, value: action.index }
          : action.type === 'yes' ? { kind: 'none' as const } : undefined;
      if (!p || !quantity) return false;
      toOrdering(turn);
      turn.sayAll(await changeLine(turn, p, quantity, 'add'));
      await nextStep(turn);
      return true;
    }
    case 'choose_product': {
      // "Neither", "none of them": that item is left out; the other unclear items of the message still come.
      if (action.type === 'no') {
        toOrdering(turn);
        turn.say('left_out', copy.leftOut);
        if (pending.queue?.length) await addItems(turn, pending.queue.map(fromRequested));
        else await nextStep(turn);
        return true;
      }
      const sku = chosenProduct(pending.skus, action);
      if (!sku) {
        if (action.type !== 'unknown' && action.type !== 'choose' && action.type !== 'quantity' && action.type !== 'yes') return false;
        const products = (await Promise.all(pending.skus.map((s) => turn.product(s)))).flatMap((p) => (p ? [p] : []));
        turn.conv.pending = pending;
        turn.say('pick_number', copy.pickNumber(products.length), products.map(pickOption));
        return true;
      }
      const p = await turn.product(sku);
      if (!p) return false;
      toOrdering(turn);
      const item = { query: p.name, quantity: { kind: 'none' as const }, match: { kind: 'product' as const, sku } };
      if (pending.action === 'ask') { await answerAsk(turn, 'stock', [item]); return true; }
      if (pending.action === 'remove') { await removeItems(turn, [item]); return true; }
      turn.sayAll(await changeLine(turn, p, pending.quantity, pending.action));
      // The other unclear items of the same message, each asked about in turn.
      if (pending.queue?.length) await addItems(turn, pending.queue.map(fromRequested));
      else await nextStep(turn);
      return true;
    }
  }
}

function toOrdering(turn: Turn): void {
  if (turn.conv.stage === 'greeting' || turn.conv.stage === 'placed') turn.moveTo('menu');
  if (turn.conv.stage !== 'ordering') turn.moveTo('ordering');
}

/** Which of the offered products the answer names: the option chosen, or the one product the interpreter matched. */
function chosenProduct(skus: string[], action: Action): string | undefined {
  if (action.type === 'pick') return skus.includes(action.sku) ? action.sku : undefined;
  if (action.type === 'add' || action.type === 'ask' || action.type === 'remove') {
    const m = action.items[0]?.match;
    if (m?.kind === 'product' && skus.includes(m.sku)) return m.sku;
    const both = m?.kind === 'ambiguous' ? m.skus.filter((s) => skus.includes(s)) : [];
    if (both.length === 1) return both[0];
  }
  return undefined;
}

/** Shopping: menu, ordering and placed, and whatever another stage left. */
async function shop(turn: Turn, action: Action): Promise<void> {
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
    case 'ask': return answerAsk(turn, action.about, action.items);
    case 'add':
      toOrdering(turn);
      await addItems(turn, action.items);
      // Words the rules did not follow: what was understood is done, the rest asked about, never guessed.
      if (action.unsure && !turn.conv.pending) turn.say('unread_rest', copy.unreadRest, turn.replies.at(-1)?.options);
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
    case 'cancel_order': return askCancel(turn, action.orderId);
    case 'faq': return turn.say('faq', deps.faq.get(action.topic) ?? copy.didntUnderstand, undefined, { topic: action.topic });
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
    case 'help':
    case 'unknown':
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
