import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../domain/types';
import type { ConversationsPort } from '../store/ports/conversations';

type ConversationLease = Pick<ConversationsPort, 'acquireConversationLease' | 'releaseConversationLease'>;

export interface LeaseOptions {
  /** How long a lease lasts unless renewed: after a crash, the customer's next message waits at most this long. */
  ttlMs: number;
  /** How often a running turn renews its lease (well inside the TTL). */
  renewEveryMs: number;
  /** How long a message waits for a busy lease before it gives up with "trouble" (wall time). */
  waitMs: number;
}

export const DEFAULT_LEASE: LeaseOptions = { ttlMs: 5_000, renewEveryMs: 1_500, waitMs: 15_000 };

/**
 * Runs `task` while holding the lease on a customer's conversation, so two processes never handle the same customer's
 * messages at once. Inside one process the KeyedQueue already orders them; this covers the rest. The lease
 * is short and renewed while the task runs, so a process that dies holds a customer up for one TTL at most.
 */
export class Leases {
  readonly owner = `${process.pid}-${randomUUID()}`;
  private o: LeaseOptions;

  constructor(private store: ConversationLease, private clock: Clock, opts: Partial<LeaseOptions> = {}) {
    this.o = { ...DEFAULT_LEASE, ...opts };
  }

  run<T>(phone: string, task: () => Promise<T>): Promise<T> {
    return this.hold(
      phone,
      async (owner, now, ttlMs) => ((await this.store.acquireConversationLease(phone, owner, now, ttlMs)) ? true : undefined),
      () => task(),
    );
  }

  /**
   * Runs `task` with the lease taken by `take` (which answers undefined while another owner holds it, and
   * may read what it needs in the same step: a turn's beginTurn), waiting for a busy lease up to waitMs.
   * The lease is renewed while the task runs and released after it, unless `released()` says the task's
   * own last write gave it back.
   */
  async hold<S, T>(
    phone: string,
    take: (owner: string, now: number, ttlMs: number) => Promise<S | undefined>,
    /** `stopRenewing` before a write that gives the lease back (see released). */
    task: (taken: S, owner: string, stopRenewing: () => Promise<void>) => Promise<T>,
    released: () => boolean = () => false,
  ): Promise<T> {
    const started = Date.now();
    let pause = 5;
    let taken: S | undefined;
    while ((taken = await take(this.owner, this.clock.now(), this.o.ttlMs)) === undefined) {
      if (Date.now() - started > this.o.waitMs) throw new Error(`a lease stayed busy for ${this.o.waitMs} ms`);
      await sleep(pause);
      pause = Math.min(pause * 2, 100);
    }
    const stop = this.keepRenewed(phone);
    try {
      return await task(taken, this.owner, stop);
    } finally {
      await stop();
      if (!released()) await this.store.releaseConversationLease(phone, this.owner).catch(() => undefined);
    }
  }

  /**
   * Renews the lease every renewEveryMs until stopped; one renewal at a time, failures left to the next.
   * Stopping waits for a renewal in flight, so none lands after the lease is given back.
   */
  private keepRenewed(phone: string): () => Promise<void> {
    let inFlight: Promise<unknown> | undefined;
    const timer = setInterval(() => {
      if (inFlight) return;
      inFlight = this.store.acquireConversationLease(phone, this.owner, this.clock.now(), this.o.ttlMs)
        .catch(() => false)
        .finally(() => { inFlight = undefined; });
    }, this.o.renewEveryMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await inFlight;
    };
  }
}
