import type { Conversation, Customer } from '../../domain/types';
import { conversationOf } from '../stages/asking';
import type { Piece } from './context';

/**
 * The conversation as the turn began (a new one starts at the greeting). A message whose earlier attempt
 * got as far as saving it is done: its replies again, nothing else. Checked on a first attempt too: another delivery
 * of the same id may have run while this one waited for the lease. Else the customer (new or known) is
 * noted as writing from this channel now.
 */
export const conversation: Piece = async (ctx, next) => {
  const { msg, now } = ctx;
  const customer: Customer = ctx.known ?? { phone: msg.phone, createdAt: now };
  const conv: Conversation = conversationOf(ctx.begun?.conversation, msg.phone, now);
  if (conv.lastTurn?.key === ctx.key) { ctx.replies = conv.lastTurn.replies; return; }
  customer.lastChannel = msg.channel;
  const seen = customer.channels?.[msg.channel];
  customer.channels = { ...customer.channels, [msg.channel]: { address: msg.replyTo ?? seen?.address, lastInboundAt: now, ...ctx.contact } };
  ctx.customer = customer;
  ctx.conv = conv;
  await next();
};
