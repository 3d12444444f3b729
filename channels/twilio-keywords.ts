import type { InboundMessage, Reply } from '../src/domain/types';
import type { ChannelMiddleware, MessageContext } from '../src/engine/pipeline/context';

export type SmsKeyword = 'stop' | 'start' | 'help';

// The single words carriers and Twilio treat as opt-out, opt-in and help on long codes and WhatsApp.
const KEYWORDS = new Map<string, SmsKeyword>([
  ['stop', 'stop'], ['stopall', 'stop'], ['unsubscribe', 'stop'], ['cancel', 'stop'], ['end', 'stop'], ['quit', 'stop'],
  ['start', 'start'], ['unstop', 'start'],
  ['help', 'help'],
]);

/** The keyword a message on SMS or WhatsApp is, when it is exactly one (any case, trimmed, trailing punctuation allowed). */
export function smsKeyword(msg: Pick<InboundMessage, 'channel' | 'text'>): SmsKeyword | undefined {
  if (msg.channel !== 'sms' && msg.channel !== 'whatsapp') return undefined;
  const word = /^\s*([a-z]+)\s*[.!?]*\s*$/i.exec(msg.text)?.[1]?.toLowerCase();
  return word === undefined ? undefined : KEYWORDS.get(word);
}

/** SMS and WhatsApp keywords: STOP records the opt-out (no reply: the platform confirms it), START undoes it, HELP says who to ask. */
async function answer(ctx: MessageContext, keyword: SmsKeyword): Promise<Reply[]> {
  const { msg, now } = ctx;
  const { store, copy } = ctx.tools;
  if (keyword === 'help') return [{ key: 'sms_help', text: `${copy.smsHelp}\n\n${copy.help}` }];
  // Noted on the customer too, where every turn reads it without asking the store again: written with the
  // turn's end, after the channel's state (a crash in between leaves the message to be retried).
  const customer = ctx.known;
  if (customer) {
    const seen = customer.channels?.[msg.channel];
    customer.channels = { ...customer.channels, [msg.channel]: { ...seen, lastInboundAt: seen?.lastInboundAt ?? now, optedOut: keyword === 'stop' } };
    ctx.write = { customer };
  }
  const unreachable = (await store.getChannelState(msg.phone, msg.channel))?.unreachable;
  await store.putChannelState({
    phone: msg.phone, channel: msg.channel, updatedAt: now,
    ...(unreachable ? { unreachable } : {}),
    ...(keyword === 'stop' ? { optedOutAt: now } : {}),
  });
  // On SMS the carrier (Twilio's Advanced Opt-Out) confirms STOP and START itself; WhatsApp does not.
  return keyword === 'start' && msg.channel === 'whatsapp' ? [{ key: 'opted_back_in', text: copy.optedBackIn }] : [];
}

/**
 * A customer who sent STOP on SMS or WhatsApp is not handled there until START: anything we answered
 * would be sent to someone who asked for silence (and Twilio refuses it with 21610). A STOP noted on the
 * customer's record (see answer) needs no read; otherwise the channel's state is read, since an opt-out
 * Twilio reports (error 21610, recorded by the outbox outside the customer's lease) is only there.
 */
async function optedOut(ctx: MessageContext): Promise<boolean> {
  const { msg } = ctx;
  const out = ctx.known?.channels?.[msg.channel]?.optedOut === true
    || Boolean((await ctx.tools.store.getChannelState(msg.phone, msg.channel))?.optedOutAt);
  if (!out) return false;
  ctx.tools.log.info({ channel: msg.channel }, 'message from a customer who opted out on this channel: not handled, not answered');
  return true;
}

/**
 * The Twilio adapter's own middleware, run by the engine under the customer's lease with the message
 * recorded (so a keyword is recorded once and deduplicated like any message): a carrier keyword is
 * answered here and goes no further; a customer who opted out on this channel is not handled; anyone else
 * is noted as opted in here and goes on to their turn. STOP is never held back by the rate limit.
 */
export const twilioKeywords: ChannelMiddleware = {
  unlimited: (msg) => smsKeyword(msg) === 'stop',
  async run(ctx, next) {
    const keyword = smsKeyword(ctx.msg);
    if (keyword) { ctx.replies = await answer(ctx, keyword); return; }
    if (await optedOut(ctx)) return;
    // Reaching here on SMS or WhatsApp means not opted out there.
    ctx.contact = { ...ctx.contact, optedOut: false };
    await next();
  },
};
