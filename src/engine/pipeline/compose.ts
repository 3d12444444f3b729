/** What a middleware calls to run the rest of the chain; not calling it ends the message there. */
export type Next = () => Promise<void>;

/** One piece of the engine's handling of a message, as in grammY: `(ctx, next) => Promise<void>`. */
export type Middleware<C> = (ctx: C, next: Next) => Promise<void>;

/**
 * The middleware run in order, each around the rest (grammY's `compose`): a piece may act before the
 * rest, after it (when `next` resolves), or instead of it (by not calling `next`). `next` runs once.
 */
export function compose<C>(...pieces: Middleware<C>[]): Middleware<C> {
  // Made once, not per message: a message's only closures are its `next`s.
  function run(ctx: C, last: Next, i: number): Promise<void> {
    const piece = pieces[i];
    if (!piece) return last();
    let called = false;
    return piece(ctx, () => {
      if (called) return Promise.reject(new Error(`next() called twice by middleware ${i}`));
      called = true;
      return run(ctx, last, i + 1);
    });
  }
  return (ctx, last) => run(ctx, last, 0);
}

/** The end of a chain: nothing more to do. */
export const done: Next = () => Promise.resolve();
