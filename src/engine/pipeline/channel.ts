import type { Piece } from './context';

/**
 * Where the channel's own middleware runs, when the message's adapter brought one (see ChannelMiddleware):
 * under the customer's lease, with the message recorded and the customer read, before the conversation.
 */
export const channelOwn: Piece = (ctx, next) => (ctx.channel ? ctx.channel.run(ctx, next) : next());
