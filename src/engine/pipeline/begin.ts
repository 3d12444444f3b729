import type { BegunTurn, TurnsPort } from '../../store/store';
import type { Leases } from '../lease';
import type { KeyedQueue } from '../../lib/keyed-queue';
import type { MessageContext, Piece } from './context';

export interface BeginDeps {
  /** One promise chain per phone in this process. */
  queue: Pick<KeyedQueue, 'run'>;
  /** The store lease across processes, taken by beginTurn. */
  leases: Pick<Leases, 'hold'>;
  store: Pick<TurnsPort, 'beginTurn' | 'endTurn'>;
}

/** A message answered before: its replies again, or none for a webhook whose platform already has them. */
export function replayed(ctx: MessageContext, begun: BegunTurn): void {
  ctx.replies = ctx.duplicates === 'replay' ? begun.answered?.replies ?? [] : [];
}

/**
 * One message of a phone at a time: the in-process chain (grammY runner's `sequentialize`), then the turn
 * begun in the store, which takes the customer's lease across processes and reads the customer, the
 * conversation and whether this message was answered before, in one step. A redelivery of a message
 * already answered is answered from its record (or, with `duplicates: 'silent'`, not at all) and goes no
 * further: it spends no rate limit and changes nothing; its turn ends as answered. The lease is given back by the turn's end (see
 * record), or here when the turn did not end.
 */
export function begin({ queue, leases, store }: BeginDeps): Piece {
  return (ctx, next) => queue.run(ctx.msg.phone, () => leases.hold(
    ctx.msg.phone,
    (owner, now, ttlMs) => store.beginTurn(ctx.msg.phone, { owner, now, ttlMs, key: ctx.key }),
    async (begun, owner, stopRenewing) => {
      ctx.owner = owner;
      ctx.stopRenewing = stopRenewing;
      if (begun.answered) {
        replayed(ctx, begun);
        // Ended as answered (its first replies kept): the note of this beginning goes with the lease.
        await stopRenewing();
        const { at, channel, replies = [] } = begun.answered;
        ctx.ended = await store.endTurn(ctx.msg.phone, { owner, message: { key: ctx.key, channel, at, replies } }).catch(() => false);
        return;
      }
      ctx.begun = begun;
      ctx.created = !begun.retry;
      await next();
    },
    () => ctx.ended,
  ));
}
