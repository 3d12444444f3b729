import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../domain/types';
import type { Store } from '../store/store';

const TTL_MS = 30_000;
const WAIT_MS = 15_000;

/**
 * Runs `task` while holding the store lease on `key`, so two processes never handle the same customer's
 * messages at once. Inside one process the KeyedQueue already orders them; this covers the rest.
 */
export class Leases {
  private owner = `${process.pid}-${randomUUID()}`;

  constructor(private store: Store, private clock: Clock) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const started = Date.now();
    let pause = 5;
    while (!(await this.store.acquireLease(key, this.owner, this.clock.now(), TTL_MS))) {
      if (Date.now() - started > WAIT_MS) throw new Error(`lease ${key} stayed busy for ${WAIT_MS} ms`);
      await sleep(pause);
      pause = Math.min(pause * 2, 100);
    }
    try {
      return await task();
    } finally {
      await this.store.releaseLease(key, this.owner).catch(() => undefined);
    }
  }
}
