import { changesQuestion, spokeOfChanges, type ChangeAnswers } from '../changes';
import { OPTION } from '../copy';
import { settleQuestion } from '../stages/asking';
import type { Piece } from './context';

/**
 * Changes the store proposed to one of the customer's orders, awaiting their answer: the question is put on
 * the table for this message (the conversation's `asking`, with yes/no on offer), whatever stage the
 * conversation is in, so "yes", "no thanks" or a tap on a button answers it (see stages/questions.ts).
 * The order is the record of the question, not the conversation: the store asks through the outbox without
 * the customer's lease, so it never writes their conversation. A message about something else is handled as
 * usual, and the question is asked again after its answer.
 */
export function awaitingAnswer(changes: ChangeAnswers | undefined): Piece {
  return async (ctx, next) => {
    const { turn } = ctx;
    const { conv } = turn;
    const order = changes && turn.customer.registeredAt ? await changes.awaiting(turn.customer.phone) : undefined;
    if (!order || !changes) {
      // Settled since it was last asked (the store's default applied): nothing is on the table any more.
      if (conv.asking?.kind === 'confirm_changes') settleQuestion(conv);
      await next();
      return;
    }
    // Another yes/no question the last turn asked after the store's (its reminder was held back for it) is
    // answered first; the store's comes again after.
    const proposedAt = Math.max(...changes.pending(order).map((c) => c.proposedAt));
    const other = conv.asking && conv.asking.kind !== 'confirm_changes' && conv.asking.kind.startsWith('confirm') && conv.updatedAt > proposedAt;
    if (!other) {
      conv.asking = { kind: 'confirm_changes', orderId: order.id };
      conv.options = [OPTION.yes, OPTION.no];
    }
    await next();
    const last = turn.replies.at(-1);
    const asksYesNo = last?.options?.length === 2 && last.options[0]?.id === OPTION.yes.id && last.options[1]?.id === OPTION.no.id;
    if (spokeOfChanges(turn.replies) || turn.conv.stage === 'handoff' || asksYesNo) return;
    turn.say('changes_question', changesQuestion(turn.copy, order, changes.pending(order), turn.deps.clock.now()).text, [OPTION.yes, OPTION.no], { orderId: order.id });
    turn.conv.asking = { kind: 'confirm_changes', orderId: order.id };
  };
}
