import type { Logger } from 'pino';
import type { ChannelContact, ChannelName, Conversation, Customer, InboundMessage, Order, Reply } from '../../domain/types';
import type { BegunTurn, OutboundPort } from '../../store/store';
import type { Copy } from '../copy';
import type { Action } from '../options';
import type { Turn } from '../turn';
import type { Middleware } from './compose';

/** The key of a message's record: its id is scoped to its channel and phone. */
export function messageKey(channel: ChannelName, phone: string, messageId: string): string {
  return `${channel}:${phone}:${messageId}`;
}

/**
 * A channel's own middleware (the Twilio adapter's carrier keywords), run for that channel's messages under
 * the customer's lease, after the message is recorded and the customer read, before the conversation is.
 */
export interface ChannelMiddleware {
  /** Messages the rate limit never holds back (an SMS STOP must always be honoured). */
  unlimited?(msg: InboundMessage): boolean;
  run: Middleware<MessageContext>;
}

/** What the context offers a channel's own middleware, as grammY's context offers `ctx.api`. */
export interface ContextTools {
  /** The channel's states: what a carrier's keywords change (the customer is written with the turn: ctx.write). */
  store: Pick<OutboundPort, 'getChannelState' | 'putChannelState'>;
  copy: Copy;
  log: Logger;
}

/**
 * One message on its way through the engine's middleware. Each piece fills in what it found for those
 * after it (the customer, the conversation, the turn, the action) and the replies the message gets.
 */
export class MessageContext {
  /** The replies the message gets. */
  replies: Reply[] = [];
  /** No earlier attempt of this message began its turn (else: a retry). */
  created = false;
  /** What the store read when the turn began (see begin). */
  begun?: BegunTurn;
  /** Who holds the customer's lease for this turn. */
  owner = '';
  /** Stops the lease's renewal before the write that gives it back. */
  stopRenewing: () => Promise<void> = async () => undefined;
  /** The turn ended in the store (its last write gave the lease back). */
  ended = false;
  /** Told once the turn's end is written (the console hears of a handoff only once it is saved). */
  afterEnd: (() => void)[] = [];
  /** What the turn's end writes with the message's record: the customer and the conversation, as left. */
  write: { customer?: Customer; conversation?: Conversation } = {};
  /** The message and its answer go in the transcript (not for one held back by the rate limit). */
  transcribed = true;
  /** The turn ends without recording the message (a retry held back by the rate limit stays retryable). */
  unrecorded = false;
  /** The instant of the turn, read when it begins under the customer's lease. */
  now: number;
  /** The customer's record as read when the turn began (undefined: someone new). */
  known?: Customer;
  /** What a channel's middleware adds to the customer's contact on this channel (SMS: not opted out). */
  contact: Partial<ChannelContact> = {};
  private who?: Customer;
  private c?: Conversation;
  private t?: Turn;
  /** A retried "yes" whose first attempt placed this order. */
  order?: Order;
  /** What the message means, once understood. */
  action?: Action;

  constructor(
    readonly msg: InboundMessage,
    /** The record's key (`channel:phone:id`); a message without an id gets a fresh one. */
    readonly key: string,
    /** A message answered before: its replies again (`replay`) or nothing (`silent`). */
    readonly duplicates: 'replay' | 'silent',
    readonly tools: ContextTools,
    now: number,
    /** The channel's own middleware for this message, if its adapter brought one. */
    readonly channel?: ChannelMiddleware,
  ) {
    this.now = now;
  }

  /** An earlier attempt of this message may have run (part of) its turn. */
  get retry(): boolean {
    return !this.created;
  }

  /** The rate limit never holds this message back. */
  get unlimited(): boolean {
    return this.channel?.unlimited?.(this.msg) ?? false;
  }

  /** The customer as this turn leaves them (new or known). */
  get customer(): Customer {
    if (!this.who) throw new Error('no customer yet: the conversation middleware runs before this one');
    return this.who;
  }

  set customer(customer: Customer) {
    this.who = customer;
  }

  get conv(): Conversation {
    if (!this.c) throw new Error('no conversation yet: the conversation middleware runs before this one');
    return this.c;
  }

  set conv(conv: Conversation) {
    this.c = conv;
  }

  get turn(): Turn {
    if (!this.t) throw new Error('no turn yet: the save middleware runs before this one');
    return this.t;
  }

  set turn(turn: Turn) {
    this.t = turn;
  }
}

export type Piece = Middleware<MessageContext>;
