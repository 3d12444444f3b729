import type { Clock, Reply } from '../../domain/types';
import type { Store } from '../../store/store';
import type { MessageContext, Piece } from './context';

export interface RecordDeps {
  store: Pick<Store, 'startMessage' | 'finishMessage'>;
  clock: Clock;
}

/** Starts the message's record as pending, or finds the one made before (`created`: this call made it). */
export async function startRecord({ store, clock }: RecordDeps, ctx: MessageContext) {
  const { msg, key } = ctx;
  return store.startMessage({ key, phone: msg.phone, channel: msg.channel, at: clock.now() });
}

/** A message answered before: its replies again, or none for a webhook whose platform already has them. */
export function replayed(ctx: MessageContext, replies: Reply[] | undefined): void {
  ctx.replies = ctx.duplicates === 'replay' ? replies ?? [] : [];
}

/**
 * Before anything else, a message with an id is recorded as pending, in the one command that also finds a
 * record made before. A redelivery of a message already answered is answered from its record (or, with
 * `duplicates: 'silent'`, not at all) and goes no further: it spends no rate limit and changes nothing.
 */
export function dedupe(deps: RecordDeps): Piece {
  return async (ctx, next) => {
    if (!ctx.msg.messageId) return next();
    const { record, created } = await startRecord(deps, ctx);
    ctx.created = created;
    if (record.state === 'done') { replayed(ctx, record.replies); return; }
    await next();
  };
}
