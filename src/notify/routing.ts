import type { ChannelContact, ChannelName, ChannelState, Customer } from '../domain/types';
import type { PushChannel } from './outbox';

/**
 * Channels whose messages prove the sender holds the phone number (issue 8 point 10): only numbers that
 * wrote by SMS, WhatsApp or phone, or in the web chat (which verifies the phone first), get SMS the store
 * starts. A number only ever given through the message API gets nothing by SMS.
 */
const PROVES_PHONE: readonly ChannelName[] = ['sms', 'whatsapp', 'voice', 'web'];
const PUSH_OF: ReadonlyMap<ChannelName, PushChannel> = new Map([['telegram', 'telegram'], ['whatsapp', 'whatsapp'], ['sms', 'sms'], ['voice', 'sms'], ['web', 'web']]);

export function smsProven(customer: Customer): boolean {
  return PROVES_PHONE.some((c) => customer.channels?.[c] !== undefined);
}

/**
 * Why nothing may be sent on a channel now, or undefined when it may. An opt-out holds until the customer
 * opts back in; "unreachable" holds until they write from that channel again (a blocked bot was unblocked).
 */
export function blockedBy(state: ChannelState | undefined, contact: ChannelContact | undefined): string | undefined {
  if (state?.optedOutAt !== undefined) return 'opted_out';
  if (state?.unreachable && !(contact && contact.lastInboundAt > state.unreachable.at)) return `unreachable_${state.unreachable.reason}`;
  return undefined;
}

export type Route = { channel: PushChannel; contact?: ChannelContact } | { skip: string; channel: PushChannel };

export interface RouteInput {
  customer: Customer | undefined;
  states: ChannelState[];
  /** Channels with a registered sender. */
  senders: ReadonlySet<PushChannel>;
  /** A reply to a message that came in on this channel goes there or nowhere. */
  wanted?: PushChannel;
  /** Log why a channel was passed over (never the phone). */
  passOver?: (channel: PushChannel, reason: string) => void;
}

/** Why a channel cannot carry a message to this customer, or undefined when it can. */
export function unusable(channel: PushChannel, i: Omit<RouteInput, 'wanted' | 'passOver'>): string | undefined {
  const { customer } = i;
  if (!customer) return 'unknown_customer';
  if (!i.senders.has(channel)) return 'channel_not_configured';
  const contact = customer.channels?.[channel];
  if (channel === 'telegram' && !contact?.address) return 'no_telegram_chat';
  if (channel === 'whatsapp' && !contact) return 'never_wrote_on_whatsapp';
  if (channel === 'web' && !contact) return 'never_wrote_on_web';
  if (channel === 'sms' && !smsProven(customer)) return 'sms_not_proven';
  return blockedBy(i.states.find((s) => s.channel === channel), contact);
}

/**
 * The channel a message goes out on: the wanted one; else the one the customer last wrote from, then the
 * others they wrote from, most recent first, then SMS when their number may receive it. A customer who last
 * wrote in the web chat is told there (kept for their page), never first by SMS.
 */
export function route(i: RouteInput): Route {
  const fallbackName = i.wanted ?? (i.customer?.lastChannel && PUSH_OF.get(i.customer.lastChannel)) ?? 'sms';
  if (i.wanted) {
    const why = unusable(i.wanted, i);
    return why ? { skip: why, channel: i.wanted } : { channel: i.wanted, contact: i.customer?.channels?.[i.wanted] };
  }
  const c = i.customer;
  if (!c) return { skip: 'unknown_customer', channel: fallbackName };
  const seen = (Object.entries(c.channels ?? {}) as [ChannelName, ChannelContact][])
    .sort((a, b) => b[1].lastInboundAt - a[1].lastInboundAt)
    .map(([name]) => PUSH_OF.get(name));
  const last = c.lastChannel && PUSH_OF.get(c.lastChannel);
  const candidates = [...new Set([last, ...seen, 'sms' as const].filter((x): x is PushChannel => x !== undefined))];
  let firstReason: string | undefined;
  for (const channel of candidates) {
    const why = unusable(channel, i);
    if (!why) return { channel, contact: c.channels?.[channel] };
    firstReason ??= why;
    i.passOver?.(channel, why);
  }
  return { skip: firstReason ?? 'no_channel', channel: fallbackName };
}
