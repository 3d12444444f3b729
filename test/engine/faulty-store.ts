import type { Store } from '../../src/store/store';

/**
 * Leases are the process's own bookkeeping, not the turn's data: faults are injected into data calls only.
 * Transcript and audit writes are best effort by design (a failed one is logged and the turn goes on; see
 * test/http/admin-inbox.test.ts and test/audit/audit.test.ts), so they are not fault points of a turn either.
 */
const NOT_COUNTED = new Set(['acquireConversationLease', 'releaseConversationLease', 'appendTranscript', 'appendAudit']);

export type FaultMode =
  /** The call fails before it reaches the store: nothing happened (a crash just before it, a refused connection). */
  | 'before'
  /** The call is made, then its answer is lost: it happened, but the caller sees an error (a crash just after it). */
  | 'after';

/**
 * A fault-injecting decorator of a real store: every data call goes through to the wrapped store, except
 * the one chosen, which fails. Counting starts at arm(); `calls` lists what was called since, by name.
 */
export class FaultyStore {
  readonly store: Store;
  calls: string[] = [];
  private failAt = -1;
  private mode: FaultMode = 'before';
  fired = false;
  /** The call that was made to fail, e.g. "saveConversation". */
  failed?: string;

  constructor(inner: Store) {
    this.store = new Proxy(inner, {
      get: (target, prop, receiver) => {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function' || typeof prop !== 'string' || NOT_COUNTED.has(prop)) {
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return async (...args: unknown[]) => {
          const index = this.calls.length;
          this.calls.push(prop);
          if (index !== this.failAt) return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          this.fired = true;
          this.failed = prop;
          if (this.mode === 'after') await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          throw new Error(`injected fault ${this.mode} ${prop}`);
        };
      },
    });
  }

  /** Fails the `index`-th data call from now (0-based); -1 fails none. */
  arm(index: number, mode: FaultMode = 'before'): void {
    this.calls = [];
    this.failAt = index;
    this.mode = mode;
    this.fired = false;
  }

  disarm(): void {
    this.failAt = -1;
  }
}
