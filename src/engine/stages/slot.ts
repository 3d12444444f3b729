import { sameSlot, slotKey, type DatedSlot, type OfferedSlot, type SlotWish } from '../../domain/slots';
import type { ReplyKey } from '../../domain/types';
import { localTime } from '../../settings/hours';
import { asksSlots, upcomingSlots } from '../../slots/calendar';
import { matchWish } from '../../slots/wish';
import { MORE_SLOTS, OPTION, slotOption } from '../copy';
import type { Action } from '../options';
import type { Turn } from '../turn';
import { askAddress, deliverTo, leaveCheckout, readBack } from './checkout';
import type { Handled, StageModule } from './stage';

/** Slots offered at a time (voice reads them three at a time too). */
const PAGE = 3;

/** checkout_slot: "When would you like it?", the next free slots (askSlot asks it). */
export const checkoutSlot: StageModule = {
  asks: { kind: 'slot' },
  handle: chooseSlot,
  onExit: leaveCheckout,
};

/** Whether this checkout needs a slot before its read-back: the store asks for one, and none is held yet. */
export const needsSlot = (turn: Turn): boolean => asksSlots(turn.deps.shop?.current()) && !turn.conv.slot;

/** Every slot of the coming week with a place free now (the one this customer holds counts as free to them). */
async function freeSlots(turn: Turn): Promise<OfferedSlot[]> {
  const settings = turn.deps.shop?.current();
  if (!settings) return [];
  const now = turn.deps.clock.now();
  const all = upcomingSlots(settings, now);
  const taken = await turn.deps.store.slotsTaken(all, now);
  return all.filter((s) => (taken.get(slotKey(s)) ?? 0) < s.capacity || sameSlot(s, turn.conv.slot));
}

/** The slot as the settings give it now (with its capacity); undefined when it is no longer offered. */
function offeredNow(turn: Turn, slot: DatedSlot): OfferedSlot | undefined {
  const settings = turn.deps.shop?.current();
  return settings && upcomingSlots(settings, turn.deps.clock.now()).find((s) => sameSlot(s, slot));
}

/** Asks when: three free slots from `page` (back to the first three after the last), and "Later times" when there are more. */
export async function askSlot(turn: Turn, page = 0, key: Extract<ReplyKey, 'ask_slot' | 'slot_taken' | 'no_slot_then'> = 'ask_slot'): Promise<void> {
  turn.moveTo('checkout_slot');
  const fulfilment = turn.conv.fulfilment ?? 'pickup';
  const free = await freeSlots(turn);
  if (!free.length) { turn.say('no_slots', turn.copy.noSlots(fulfilment), [OPTION.human, OPTION.keepShopping]); return; }
  const start = page * PAGE < free.length ? page * PAGE : 0;
  turn.conv.asking = { kind: 'slot', page: start / PAGE };
  const words = key === 'ask_slot' ? turn.copy.askSlot(fulfilment) : key === 'slot_taken' ? turn.copy.slotTaken : turn.copy.noSlotThen;
  const more = start + PAGE < free.length ? [MORE_SLOTS] : [];
  turn.say(key, words, [...free.slice(start, start + PAGE).map(slotOption), ...more], { fulfilment });
}

/** Holds a place in the slot for this customer until their checkout would lapse; false when it is full or gone. */
export async function holdSlot(turn: Turn, slot: DatedSlot): Promise<OfferedSlot | undefined> {
  const offered = offeredNow(turn, slot);
  if (!offered) return undefined;
  const now = turn.deps.clock.now();
  const until = now + turn.deps.config.holdMinutes * 60_000;
  return (await turn.deps.store.holdSlot(offered, turn.customer.phone, until, now)) ? offered : undefined;
}

/** The customer chose a slot: a place held, then the order read back; full by now: the next free ones. */
async function take(turn: Turn, slot: DatedSlot): Promise<void> {
  const held = await holdSlot(turn, slot);
  if (!held) { await askSlot(turn, 0, 'slot_taken'); return; }
  const before = turn.conv.slot;
  if (before && !sameSlot(before, held)) await turn.deps.store.releaseSlot(before, turn.customer.phone);
  turn.conv.slot = held;
  await readBack(turn, turn.conv.fulfilment ?? 'pickup');
}

/** A slot said in words: the one it fits is taken; several fit: which of them; none: the next free ones. */
async function takeWish(turn: Turn, wish: SlotWish): Promise<void> {
  const asking = turn.conv.asking;
  if (wish.more) { await askSlot(turn, (asking?.kind === 'slot' ? asking.page ?? 0 : 0) + 1); return; }
  const settings = turn.deps.shop?.current();
  const today = localTime(turn.deps.clock.now(), settings?.timeZone ?? 'UTC').date;
  const match = matchWish(await freeSlots(turn), wish, today);
  if (match.kind === 'one') await take(turn, match.slot);
  else if (match.kind === 'none') await askSlot(turn, 0, 'no_slot_then');
  else turn.say('which_slot', turn.copy.whichSlot, match.slots.slice(0, PAGE).map(slotOption));
}

/** checkout_slot: a slot by its button or number, or in words; delivery or pickup after all; else not its to answer. */
async function chooseSlot(turn: Turn, action: Action): Promise<Handled> {
  switch (action.type) {
    case 'pick_slot': await take(turn, action.slot); break;
    case 'slot': await takeWish(turn, action.wish); break;
    case 'pickup': turn.conv.fulfilment = 'pickup'; await readBack(turn, 'pickup'); break;
    case 'address': await deliverTo(turn, action.address); break;
    case 'delivery':
      if (action.address) await deliverTo(turn, action.address);
      else if (turn.conv.orderAddress ?? turn.customer.address) await readBack(turn, 'delivery');
      else askAddress(turn);
      break;
    case 'change_address': askAddress(turn); break;
    case 'no': turn.moveTo('ordering'); turn.say('keep_shopping', turn.copy.keepShopping, [OPTION.checkout, OPTION.cart]); break;
    // Words that choose no slot ("yes", "hmm", what the rules could not be sure of): asked again, with the slots on offer.
    case 'yes': case 'unknown': case 'smalltalk': case 'thanks': case 'greet': case 'choose':
      turn.say('which_slot', turn.copy.whichSlot, turn.conv.options);
      break;
    // An amount naming no product ("1.5", "3 kg", "make it 2") answers nothing asked here: not the last
    // product's quantity (which would leave the checkout and its held place), but the slot question again.
    case 'quantity':
      turn.say('which_slot', turn.copy.whichSlot, turn.conv.options);
      break;
    case 'set_qty':
      if (action.item) return 'not_mine';
      turn.say('which_slot', turn.copy.whichSlot, turn.conv.options);
      break;
    // Words that name nothing we sell ("next tuesday please" read as an order): about the slot, asked again.
    case 'add':
      if (action.items.some((i) => i.match.kind !== 'none')) return 'not_mine';
      turn.say('which_slot', turn.copy.whichSlot, turn.conv.options);
      break;
    default: return 'not_mine';
  }
  return 'handled';
}
