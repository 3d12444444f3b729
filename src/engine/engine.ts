import { randomUUID } from 'node:crypto';
import type { InboundMessage, Reply } from '../domain/types';
import { createCopy, type Copy } from './copy';
import { Leases } from './lease';
import { KeyedQueue } from '../lib/keyed-queue';
import { normalised } from './stages/asking';
import { closeIdle, releaseHandoff } from './stages/lifecycle';
import type { EngineDeps } from './turn';
import { compose, done } from './pipeline/compose';
import { MessageContext, messageKey, type ChannelMiddleware, type Piece } from './pipeline/context';
import { observe } from './pipeline/observe';
import { begin } from './pipeline/begin';
import { rateLimit } from './pipeline/rate-limit';
import { serialPerPhone, type Serial } from './pipeline/sequentialize';
import { record } from './pipeline/record';
import { customer } from './pipeline/customer';
import { channelOwn } from './pipeline/channel';
import { conversation } from './pipeline/conversation';
import { handoff } from './pipeline/handoff';
import { save } from './pipeline/save';
import { placedAgain, resume } from './pipeline/resume';
import { checkoutTimeout } from './pipeline/checkout-timeout';
import { slotRelease } from './pipeline/slot-release';
import { notices } from './pipeline/notices';
import { understanding } from './pipeline/understand';
import { awaitingAnswer } from './pipeline/awaiting-answer';
import { backInStock } from './pipeline/back-in-stock';
import { route } from './pipeline/route';

export { messageKey, type ChannelMiddleware } from './pipeline/context';

export interface HandleOptions {
  /** A message id seen before: its replies again (`replay`, the default) or nothing (`silent`). */
  duplicates?: 'replay' | 'silent';
  /** The channel's own middleware for this message (the Twilio adapter's carrier keywords). */
  use?: ChannelMiddleware;
}

/**
 * The conversation engine: one InboundMessage in, the replies out, through one chain of middleware (see
 * the constructor). Messages of one phone are handled strictly one at a time in arrival order. A message is
 * recorded as pending before its turn runs and done with its replies after, so a message id handled before
 * is answered from that record, and one whose turn failed is run again when it comes back (what a failed
 * attempt changed is keyed by the message, so a retry changes it once).
 */
export class Engine {
  private queue = new KeyedQueue();
  private serial: Serial;
  private chain: Piece;
  readonly copy: Copy;

  constructor(private deps: EngineDeps) {
    const copy = createCopy(deps.config);
    this.copy = copy;
    const leases = new Leases(deps.store, deps.clock, deps.config.lease);
    this.serial = serialPerPhone(this.queue, leases);
    // One message, once through each piece, in this order (each file says what its piece does):
    this.chain = compose(
      observe(deps, copy), //           timed and counted; anything thrown before the record: "trouble"
      begin({ queue: this.queue, leases, store: deps.store }), // one at a time per phone; the turn begun (lease + reads); answered before: replayed or silent
      record(deps, copy), //            the turn ended in one write (customer, conversation, record, transcript, lease); failure: "trouble"
      rateLimit(deps, copy), //         over the limit: "one moment", then nothing (never what the channel marks unlimited)
      customer(deps), //                the turn's instant and the customer's record
      channelOwn, //                    the channel's own middleware (Twilio: carrier keywords, opted-out)
      conversation, //                  the conversation; a retry that got as far as saving: its replies again
      handoff(deps, copy), //           waiting for a person: acknowledged or quiet; no bot turn
      save(deps, copy), //              the Turn begun; after the rest: cart kept, customer and conversation saved
      slotRelease(deps.store, deps.config),//       a slot's place held when the turn began, and the checkout left: released after it
      resume(deps.orders), //           a retried "yes" that placed its order finds it
      checkoutTimeout(deps.config), //  a checkout left longer than the holds last: back to ordering
      notices(deps, copy), //           untold and put-back notices first; after the answer, put-back lines offered again
      placedAgain, //                   the resumed order told as placed, instead of reading the message
      backInStock, //                   a back-in-stock notice not yet answered: put on the table; settled after
      awaitingAnswer(deps.changes), //  the store's changes to an order awaiting an answer: put on the table; asked again after
      understanding, //                 empty/too long answered; else the option or the interpreter's reading
      route, //                         the dialogue's router handles the action
    );
  }

  /**
   * Handles one message. A message id seen before is not handled again: its replies are replayed (the
   * API and phone calls, whose caller is waiting for an answer), or with `duplicates: 'silent'` nothing
   * is returned (webhooks whose platform already delivered the first answer). A phone over its rate limit
   * gets one "one moment" and then nothing until the window passes; its messages change nothing.
   */
  async handle(msg: InboundMessage, opts: HandleOptions = {}): Promise<Reply[]> {
    // Every message gets a record (which also counts it for the stats); only a given id can repeat.
    const key = messageKey(msg.channel, msg.phone, msg.messageId ?? `auto:${randomUUID()}`);
    const { store, log } = this.deps;
    // The owner's settings as they are now (read again when a couple of seconds old); unreadable: as last read.
    await this.deps.shop?.fresh().catch((err: unknown) => log.warn({ err }, 'could not read the store settings; using the last ones read'));
    const ctx = new MessageContext(msg, key, opts.duplicates ?? 'replay', { store, log, copy: this.copy }, this.deps.clock.now(), opts.use);
    await this.chain(ctx, done);
    return ctx.replies;
  }

  /** Gives a customer in human handoff back to the bot; their next message is answered again. */
  release(phone: string): Promise<'released' | 'not_waiting'> {
    return this.serial(phone, async () => {
      const saved = await this.deps.store.getConversation(phone);
      const conv = saved && normalised(saved);
      if (!conv || !releaseHandoff(conv)) return 'not_waiting';
      if (!(await this.deps.store.saveConversation(conv))) throw new Error('conversation was changed by another process');
      return 'released';
    });
  }

  /**
   * Closes a conversation quiet for `idleMs`: its cart is released and the customer told once, on the
   * channel they last used. Runs under the customer's lease, so it never races their next message.
   */
  closeIdle(phone: string, idleMs: number, tell: (text: string) => void): Promise<boolean> {
    return this.serial(phone, async () => {
      const { store, inventory, clock } = this.deps;
      const saved = await store.getConversation(phone);
      const now = clock.now();
      const conv = saved && normalised(saved);
      if (!conv || conv.stage === 'handoff' || now - conv.updatedAt < idleMs || (conv.closedAt ?? 0) >= conv.updatedAt) return false;
      const active = await store.listHolds({ phone, status: 'active' });
      await inventory.releaseAll(phone);
      if (conv.slot) await store.releaseSlot(conv.slot, phone);
      // Holds the sweeper expired since the customer last wrote are part of the same cart.
      const expired = (await store.listHolds({ phone, status: 'expired' })).filter((h) => h.expiresAt >= conv.updatedAt);
      const names = [...new Set([...active, ...expired].map((h) => this.deps.catalog.products().get(h.sku)?.name ?? h.sku))];
      closeIdle(conv);
      conv.closedAt = now;
      // Told here: the next turn does not tell them again.
      conv.held = undefined;
      if (!(await store.saveConversation(conv))) throw new Error('conversation was changed by another process');
      if (names.length) tell(this.copy.cartReleased(names));
      return true;
    });
  }

  /** Waits for every message in flight, for graceful shutdown. */
  drain(): Promise<void> {
    return this.queue.drain();
  }
}
