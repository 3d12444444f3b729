import type { Conversation, Reply } from '../../domain/types';
import type { Copy } from '../copy';
import type { EngineDeps } from '../turn';
import type { Piece } from './context';

export type HandoffDeps = Pick<EngineDeps, 'store' | 'inventory' | 'config'>;

/**
 * A message while the customer waits for a person: the first gets a short acknowledgement; later ones get
 * none (staff read them in the inbox) until staff have answered or HANDOFF_REMIND_MINUTES have passed.
 * The bot's turn does not run.
 */
export function handoff(deps: HandoffDeps, copy: Pick<Copy, 'handoffWaiting'>): Piece {
  return async (ctx, next) => {
    const { conv, customer } = ctx;
    if (conv.stage !== 'handoff') return next();
    ctx.replies = await whileWaiting(deps, copy, conv, ctx.key, ctx.now);
    // Written by the turn's end (see record); the conversation only when it changed.
    ctx.write = { customer, ...(ctx.replies.length ? { conversation: conv } : {}) };
  };
}

async function whileWaiting(deps: HandoffDeps, copy: Pick<Copy, 'handoffWaiting'>, conv: Conversation, key: string, now: number): Promise<Reply[]> {
  // Still talking to us: the cart is kept while they wait, as on any message.
  await deps.inventory.touch(conv.phone, await deps.store.listHolds({ phone: conv.phone, status: 'active' }));
  const handoff = conv.handoff ?? { reason: 'asked' as const };
  const last = handoff.acknowledgedAt;
  const remindMs = (deps.config.handoffRemindMinutes ?? 15) * 60_000;
  const due = last === undefined || now - last >= remindMs
    || (await deps.store.listTranscript(conv.phone, 50)).some((e) => e.from === 'staff' && e.at > last);
  if (!due) return [];
  const replies: Reply[] = [{ key: 'handoff_waiting', text: copy.handoffWaiting }];
  conv.handoff = { ...handoff, acknowledgedAt: now };
  conv.lastTurn = { key, replies };
  return replies;
}
