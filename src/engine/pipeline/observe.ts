import type { Logger } from 'pino';
import type { Observer } from '../../observe';
import type { Copy } from '../copy';
import type { Piece } from './context';

export interface ObserveDeps {
  log: Logger;
  observer: Observer;
}

/**
 * First of all: the message is timed and counted, and anything that fails before its record is under way
 * (the store down when the record is started, a lease that stays busy) is answered "trouble".
 */
export function observe({ log, observer }: ObserveDeps, copy: Pick<Copy, 'trouble'>): Piece {
  return async (ctx, next) => {
    const started = performance.now();
    const { msg } = ctx;
    try {
      await next();
    } catch (err) {
      log.error({ err, channel: msg.channel }, 'message could not be handled');
      observer.error('engine');
      ctx.replies = [{ key: 'trouble', text: copy.trouble }];
    }
    log.debug({ channel: msg.channel, phone: msg.phone, messageId: msg.messageId, text: msg.text, replies: ctx.replies.length }, 'message handled');
    observer.message(msg.channel, (performance.now() - started) / 1000, ctx.replies.length);
  };
}
