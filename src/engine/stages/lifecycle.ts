import type { Conversation } from '../../domain/types';
import { canMove, moveTo } from '../transitions';
import { settleQuestion } from './asking';
import { CHECKOUT_STAGES } from './checkout';

/*
 * Moves made outside a customer's message (a checkout gone stale, the store giving a customer back, an idle
 * conversation closed), through the same moveTo as the router's. No reply follows them, so the options of
 * the last reply are withdrawn too.
 */

/** A checkout quiet for longer than a hold lasts is over: the conversation is back to shopping. */
export function expireCheckout(conv: Conversation): void {
  if (CHECKOUT_STAGES.includes(conv.stage)) moveTo(conv, 'ordering');
}

/** Gives a customer waiting for a person back to the bot, at the menu; false when they were not waiting. */
export function releaseHandoff(conv: Conversation): boolean {
  if (conv.stage !== 'handoff') return false;
  moveTo(conv, 'menu');
  conv.options = undefined;
  return true;
}

/** An idle conversation closed: back at the menu (registration keeps its place), no side question, no options. */
export function closeIdle(conv: Conversation): void {
  if (canMove(conv.stage, 'menu') && conv.stage !== 'greeting' && !conv.stage.startsWith('registration')) moveTo(conv, 'menu');
  settleQuestion(conv);
  conv.options = undefined;
}
