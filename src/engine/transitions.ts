import type { Conversation, Stage } from '../domain/types';
import { STAGE_MODULES } from './stages/index';
import { ownQuestion } from './stages/asking';

/**
 * Every stage a conversation may move to from each stage, in one place. A turn that moves anywhere else is
 * a bug (moveTo throws), so a new path through the dialogue has to be written down here first.
 * Staying on a stage is always allowed and is not listed.
 */
export const TRANSITIONS: ReadonlyMap<Stage, readonly Stage[]> = new Map<Stage, readonly Stage[]>([
  // A new phone is asked its name; a known one (whose conversation was lost) goes to the menu.
  ['greeting', ['registration_name', 'menu', 'handoff']],
  // The name, or skipping it; "restart" asks again; a conversation left idle is kept where it was.
  ['registration_name', ['registration_address', 'handoff']],
  // An address or pickup finishes registration: the menu, or straight to the cart when items were waiting.
  ['registration_address', ['registration_name', 'menu', 'ordering', 'handoff']],
  ['menu', ['registration_name', 'ordering', 'checkout_method', 'handoff']],
  ['ordering', ['registration_name', 'menu', 'checkout_method', 'handoff']],
  // Checkout: the read-back, or an address first; anything else (or a long silence) goes back to shopping.
  // With slots set, "when?" comes before the read-back.
  ['checkout_method', ['checkout_address', 'checkout_slot', 'checkout_confirm', 'ordering', 'menu', 'handoff']],
  ['checkout_address', ['checkout_slot', 'checkout_confirm', 'ordering', 'menu', 'handoff']],
  // A slot chosen: the read-back; or another address, or the way changed, or back to shopping.
  ['checkout_slot', ['checkout_address', 'checkout_method', 'checkout_confirm', 'ordering', 'menu', 'handoff']],
  // "Yes" places the order; the read-back may be read again (prices changed), or the customer keeps shopping;
  // a slot taken by someone else meanwhile is chosen again.
  ['checkout_confirm', ['placed', 'checkout_slot', 'checkout_address', 'ordering', 'menu', 'handoff']],
  ['placed', ['registration_name', 'menu', 'ordering', 'checkout_method', 'handoff']],
  // Only the store gives a customer back to the bot.
  ['handoff', ['menu']],
]);

export function canMove(from: Stage, to: Stage): boolean {
  return from === to || (TRANSITIONS.get(from) ?? []).includes(to);
}

/**
 * Moves a conversation to a stage; a move the table does not allow is a bug in the engine. Leaving a stage
 * happens here and only here: the stage left cleans up what it kept (its onExit), and its question (or a
 * side question asked there) gives way to the question of the stage entered, or to none.
 */
export function moveTo(conv: Conversation, to: Stage): void {
  const from = conv.stage;
  if (!canMove(from, to)) throw new Error(`illegal stage transition ${from} → ${to}`);
  if (from === to) return;
  STAGE_MODULES[from].onExit?.(conv, to);
  conv.stage = to;
  conv.asking = ownQuestion(to);
}
