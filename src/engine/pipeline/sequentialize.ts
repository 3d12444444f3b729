import type { KeyedQueue } from '../../lib/keyed-queue';
import type { Leases } from '../lease';
import type { Piece } from './context';

/** Runs a task for one phone after that phone's earlier ones, under its conversation's lease. */
export type Serial = <T>(phone: string, task: () => Promise<T>) => Promise<T>;

/**
 * One promise chain per phone in this process (grammY runner's `sequentialize`), then the store lease
 * across processes: two messages of one customer never run at once, and run in arrival order.
 */
export function serialPerPhone(queue: Pick<KeyedQueue, 'run'>, leases: Pick<Leases, 'run'>): Serial {
  return (phone, task) => queue.run(phone, () => leases.run(phone, task));
}

/** The rest of the chain, one message of a phone at a time (see serialPerPhone). */
export function sequentialize(serial: Serial): Piece {
  return (ctx, next) => serial(ctx.msg.phone, next);
}
