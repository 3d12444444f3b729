import { answerDiet } from '../diet';
import type { ReplyKey } from '../../domain/types';
import type { Intent, ItemRequest } from '../../understanding/interpreter';
import { OPTION } from '../copy';
import { fromRequested, toRequested, type Action } from '../options';
import { addItems } from '../shopping';
import { propose } from '../proposal';
import { showDeals } from '../deals';
import { browse, showStatus } from '../service';
import { faqReply } from '../faq';
import type { Turn } from '../turn';
import type { Handled, StageModule } from './stage';

/** The bot asks for a name at most this many times; after that it offers "skip" and takes what comes. */
export const MAX_NAME_ASKS = 2;
/** At most this many items wait for registration to finish; more are not kept. */
export const MAX_DEFERRED = 10;

/** registration_name: "What's your name?" Asked at most twice; then "skip" is offered and anything ends it. */
export const registrationName: StageModule = {
  asks: { kind: 'name' },
  handle: (turn, action) => answerRegistering(turn, action, 'registration_name'),
};

/** registration_address: "What's your address?", or pickup. Leaving it, registration is over. */
export const registrationAddress: StageModule = {
  asks: { kind: 'address' },
  handle: (turn, action) => answerRegistering(turn, action, 'registration_address'),
  onExit(conv, to) {
    if (to !== 'registration_name') conv.nameAsks = undefined;
  },
};

/** A customer not registered yet: registration starts, or goes on at its stage, which answers the message. */
export async function register(turn: Turn, action: Action): Promise<void> {
  const stage = turn.conv.stage;
  if (stage === 'registration_name' || stage === 'registration_address') await answerRegistering(turn, action, stage);
  else {
    // "hours?", "do you have oat milk?" as the very first message: answered, then the welcome.
    if (ANSWERED_WHILE_REGISTERING.has(action.type)) await detour(turn, action);
    // "Can I get what I ordered last time?" from a number we have never served: said, then the welcome.
    if (action.type === 'usual') turn.say('no_usual_yet', turn.copy.noUsualYet);
    // "hi, I'm Sam": the name is taken, and the address asked.
    if (action.type === 'name') { await takeSeveral(turn, [action]); return; }
    startRegistration(turn, action);
  }
}

/** Help (with the question again) and restart at either question; anything else answers it. */
async function answerRegistering(turn: Turn, action: Action, stage: 'registration_name' | 'registration_address'): Promise<Handled> {
  const name = stage === 'registration_name';
  if (action.type === 'help') turn.say('help', `${turn.copy.help}\n\n${name ? turn.copy.askNameAgain : turn.copy.badAddress}`, name ? undefined : [OPTION.pickup]);
  else if (action.type === 'restart') startRegistration(turn);
  else return name ? takeName(turn, action) : takeRegistrationAddress(turn, action);
  return 'handled';
}

export function startRegistration(turn: Turn, action?: Action): void {
  turn.moveTo('registration_name');
  turn.conv.nameAsks = 1;
  turn.say('welcome_new', turn.copy.welcomeNew);
  if (action?.type === 'add') keepForLater(turn, action.items);
  if (action?.type === 'propose') keepProposal(turn, action.items, action.source);
}

/** Items asked for before registration finished: kept (bounded) to be added once it has. */
function keepForLater(turn: Turn, items: ItemRequest[]): void {
  const before = turn.conv.deferred ?? [];
  const kept = [...before, ...items.map(toRequested)].slice(0, MAX_DEFERRED);
  turn.conv.deferred = kept;
  const taken = kept.length - before.length;
  if (taken > 0) turn.say('kept_for_later', turn.copy.keptForLater(taken));
  if (taken < items.length) turn.say('kept_full', turn.copy.keptFull(MAX_DEFERRED));
}

/** A picture or voice note before registration finished: read back for a "yes" once it has, never added unasked. */
function keepProposal(turn: Turn, items: ItemRequest[], source: 'image' | 'audio'): void {
  turn.conv.deferredProposal = { items: items.slice(0, MAX_DEFERRED).map(toRequested), source };
  turn.say('kept_proposal', turn.copy.keptProposal(source));
}

/** Asks for the name (again), counting the asks; from the second on, "skip" is offered. */
function askName(turn: Turn, first: 'ask_name_again' | 'bad_name'): void {
  const asks = (turn.conv.nameAsks ?? 0) + 1;
  turn.conv.nameAsks = asks;
  if (asks >= MAX_NAME_ASKS) {
    if (first === 'bad_name') turn.say('bad_name_or_skip', turn.copy.badNameOrSkip, [OPTION.skip]);
    else turn.say('ask_name_or_skip', turn.copy.askNameOrSkip, [OPTION.skip]);
  }
  else turn.say(first, first === 'bad_name' ? turn.copy.badName : turn.copy.askNameAgain);
}

function askAddress(turn: Turn): void {
  turn.say('bad_address', turn.copy.badAddress, [OPTION.pickup]);
}

function toAddressStage(turn: Turn, name: string | undefined): void {
  turn.moveTo('registration_address');
  if (name) {
    turn.customer.name = name;
    turn.say('ask_address', turn.copy.askAddress(name), [OPTION.pickup], { name });
  } else turn.say('ask_address_no_name', turn.copy.askAddressNoName, [OPTION.pickup]);
}

async function finishRegistration(turn: Turn, key: ReplyKey, intro: string): Promise<void> {
  turn.customer.registeredAt = turn.deps.clock.now();
  const waiting = turn.conv.deferred ?? [];
  const proposal = turn.conv.deferredProposal;
  turn.conv.deferred = undefined;
  turn.conv.deferredProposal = undefined;
  if (!waiting.length && !proposal) {
    turn.moveTo('menu');
    turn.say(key, `${intro}\n${turn.copy.menu}`, [OPTION.browse, OPTION.help]);
    return;
  }
  // What the customer asked for while registering goes in now, with the usual added-lines reply; what a
  // picture or voice note showed is read back and waits for their "yes".
  turn.moveTo('ordering');
  turn.say(key, intro);
  if (waiting.length) await addItems(turn, waiting.map(fromRequested));
  if (proposal) await propose(turn, proposal.items.map(fromRequested), proposal.source);
}

/**
 * What registration does with a message that is not its answer: items wait for the end of registration,
 * questions that need no account are answered, anything else is put off politely. Then the question again.
 */
async function detour(turn: Turn, action: Action): Promise<'answered' | 'not_an_answer'> {
  switch (action.type) {
    case 'add':
      keepForLater(turn, action.items);
      return 'answered';
    case 'propose':
      keepProposal(turn, action.items, action.source);
      return 'answered';
    case 'deals': await showDeals(turn); return 'answered';
    case 'diet': await answerDiet(turn, action.claim, action.about); return 'answered';
    case 'browse': await browse(turn, action.category); return 'answered';
    case 'faq': turn.say('faq', faqReply(turn, action.topic)); return 'answered';
    case 'status': await showStatus(turn); return 'answered';
    case 'ask': await tellStock(turn, action.items); return 'answered';
    case 'checkout':
    case 'show_cart':
    case 'search':
    case 'usual':
    case 'remove':
    case 'set_qty':
    case 'cancel_order':
    case 'change_address':
    case 'pick':
    case 'option':
    case 'thanks':
      turn.say('set_up_first', turn.copy.setUpFirst);
      return 'answered';
    default:
      return 'not_an_answer';
  }
}

/** Parts of a first message that registration itself takes, or that need no answer. */
const TAKEN_TOGETHER = new Set<Intent['type']>(['name', 'address', 'delivery', 'pickup', 'add', 'greet', 'thanks', 'smalltalk', 'skip', 'yes', 'no']);
/** Questions answered while registering (others are told "let's get you set up first", once). */
const ANSWERED_WHILE_REGISTERING: ReadonlySet<string> = new Set<Intent['type']>(['faq', 'diet', 'deals', 'browse', 'status', 'ask']);

/** "do you have oat milk?" before registration finished: what is on the shelf, told; the amount is asked once shopping. */
async function tellStock(turn: Turn, items: ItemRequest[]): Promise<void> {
  for (const item of items) {
    const skus = item.match.kind === 'product' ? [item.match.sku] : item.match.kind === 'ambiguous' ? item.match.skus.slice(0, 4) : [];
    if (!skus.length) turn.say('not_found', turn.copy.notFound(item.query, []));
    for (const sku of skus) {
      const p = await turn.product(sku);
      if (p) turn.say('product_info', turn.copy.productInfo(p, (await turn.deps.store.getStock(sku))?.available ?? 0, 'stock'));
    }
  }
}

/**
 * Several things said at once before registration finished ("Hi, I'm Sam, 12 Baker St, 2 milks please"): the
 * name and the address are taken together, items wait for the end of registration, and only what is still
 * missing is asked for.
 */
export async function takeSeveral(turn: Turn, intents: Intent[]): Promise<void> {
  if (turn.conv.stage !== 'registration_name' && turn.conv.stage !== 'registration_address') {
    turn.moveTo('registration_name');
    turn.conv.nameAsks = 1;
  }
  // "hiya its Jen, whats ur opening hours on sunday": the question is answered too, before what registration asks next.
  let setUpFirst = false;
  for (const other of intents.filter((i) => !TAKEN_TOGETHER.has(i.type))) {
    if (ANSWERED_WHILE_REGISTERING.has(other.type)) await detour(turn, other as Action);
    else if (!setUpFirst && other.type !== 'unknown') { setUpFirst = true; await detour(turn, other as Action); }
  }
  const name = intents.find((i) => i.type === 'name');
  const address = intents.find((i) => i.type === 'address' || (i.type === 'delivery' && i.address));
  const pickup = intents.some((i) => i.type === 'pickup');
  if (name?.type === 'name') turn.customer.name = name.name;
  const items = intents.flatMap((i) => (i.type === 'add' ? i.items : []));
  if (items.length) turn.conv.deferred = [...(turn.conv.deferred ?? []), ...items.map(toRequested)].slice(0, MAX_DEFERRED);
  const where = address?.type === 'address' ? address.address : address?.type === 'delivery' ? address.address : undefined;
  if (where) {
    if (turn.conv.stage === 'registration_name') turn.moveTo('registration_address');
    turn.customer.address = where;
    await finishRegistration(turn, 'registered_delivery', turn.copy.registeredDelivery(where));
    return;
  }
  if (pickup) {
    if (turn.conv.stage === 'registration_name') turn.moveTo('registration_address');
    await finishRegistration(turn, 'registered_pickup', turn.copy.registeredPickup);
    return;
  }
  if (items.length) turn.say('kept_for_later', turn.copy.keptForLater(items.length));
  if (turn.conv.stage === 'registration_name' && (name?.type === 'name' || (turn.conv.nameAsks ?? 0) >= MAX_NAME_ASKS)) toAddressStage(turn, turn.customer.name);
  else if (turn.conv.stage === 'registration_name') askName(turn, 'ask_name_again');
  else askAddress(turn);
}

/** registration_name: the customer's name, or "skip"; never a command. */
async function takeName(turn: Turn, action: Action): Promise<Handled> {
  if (action.type === 'name') toAddressStage(turn, action.name);
  else if (action.type === 'skip') toAddressStage(turn, undefined);
  else if ((await detour(turn, action)) === 'answered') askName(turn, 'ask_name_again');
  // Asked twice already: this message ends the question, without a name.
  else if ((turn.conv.nameAsks ?? 0) >= MAX_NAME_ASKS) toAddressStage(turn, undefined);
  else askName(turn, action.type === 'greet' ? 'ask_name_again' : 'bad_name');
  return 'handled';
}

/** registration_address: a delivery address, or pickup. */
async function takeRegistrationAddress(turn: Turn, action: Action): Promise<Handled> {
  if (action.type === 'pickup') { await finishRegistration(turn, 'registered_pickup', turn.copy.registeredPickup); return 'handled'; }
  const address = action.type === 'address' ? action.address : action.type === 'delivery' ? action.address : undefined;
  if (address) {
    turn.customer.address = address;
    await finishRegistration(turn, 'registered_delivery', turn.copy.registeredDelivery(address));
    return 'handled';
  }
  await detour(turn, action);
  askAddress(turn);
  return 'handled';
}
