import { OPTION } from '../copy';
import type { Action } from '../options';
import { askRestart, showStatus } from '../service';
import type { Turn } from '../turn';
import { settleQuestion, sideQuestion } from './asking';
import { CHECKOUT_STAGES, checkoutAs } from './checkout';
import { shop } from './common';
import { complain, handOff } from './handoff';
import { STAGE_MODULES } from './index';
import { answerQuestion } from './questions';
import { register, takeSeveral } from './registration';

/**
 * One message's action, routed (like grammY's `route(router, handlers, fallback)`): what holds anywhere
 * first (a person, a complaint, several things at once, registration, help, status, restart), then the side
 * question on the table, then the current stage's module, and what none of them takes ("not mine") to the
 * common handlers.
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
    // "3 were cracked. Can I speak to someone?": the complaint already brings a person; said once.
    const complains = action.intents.some((i) => i.type === 'complaint');
    for (const part of action.intents) if (!(complains && part.type === 'human')) await route(turn, part);
    return;
  }
  if (!customer.registeredAt) { await register(turn, action); return; }
  if (action.type === 'help') { turn.say('help', turn.copy.help, [OPTION.browse, OPTION.cart, OPTION.human]); return; }
  if (action.type === 'status') { await showStatus(turn); keepOffer(turn); return; }
  // A side question is answered, or set aside, by this message: the stage's own question is back on the table.
  const asked = sideQuestion(conv.asking);
  settleQuestion(conv);
  if (action.type === 'restart') {
    // Starting over leaves checkout: a "yes" after "keep my cart" must not place the order.
    if (CHECKOUT_STAGES.includes(conv.stage)) turn.moveTo('ordering');
    await askRestart(turn);
    return;
  }
  if (asked && (await answerQuestion(turn, asked, action)) === 'handled') return;
  if ((await STAGE_MODULES[conv.stage].handle?.(turn, action)) === 'handled') return;
  toShopping(turn);
  await shop(turn, action);
}

/**
 * What no stage took is done while shopping: a checkout goes back to ordering, the greeting and a placed
 * order to the menu.
 */
function toShopping(turn: Turn): void {
  if (CHECKOUT_STAGES.includes(turn.conv.stage)) turn.moveTo('ordering');
  if (turn.conv.stage === 'greeting' || turn.conv.stage === 'placed') turn.moveTo('menu');
}

/**
 * A question asked mid-checkout or while the bot waits for an answer ("where is my order?") leaves that
 * question standing: its options stay on offer, so the buttons still on screen keep working.
 */
function keepOffer(turn: Turn): void {
  const last = turn.replies.at(-1);
  const offered = turn.conv.options;
  if (!last || last.options?.length || !offered?.length) return;
  const asking = turn.conv.asking;
  if (asking && asking.kind !== 'opening') last.options = offered;
}
