import type { Logger } from 'pino';
import type { InboundMessage, Reply } from '../../domain/types';
import type { Observer } from '../../observe';
import { replyText, type TranscriptRecorder, type TranscriptWrite } from '../../transcript/recorder';
import type { Copy } from '../copy';
import type { Piece } from './context';
import type { Store } from '../../store/store';

export interface FinishDeps {
  store: Pick<Store, 'endTurn' | 'getMessage'>;
  log: Logger;
  observer: Observer;
  /** Keeps every message in and out for the human inbox; none keeps nothing. */
  transcript?: Pick<TranscriptRecorder, 'entries' | 'kept' | 'recordAll'>;
}

/**
 * The transcript of a message: what the customer wrote and what the bot answered. Ids come from the
 * message's key, so entries written again by a retry are the same entries.
 */
export function transcriptOf(msg: InboundMessage, key: string, replies: Reply[]): TranscriptWrite[] {
  const writes: TranscriptWrite[] = [{ id: `${key}#in00`, phone: msg.phone, channel: msg.channel, from: 'customer', text: msg.text }];
  for (let i = 0; i < replies.length; i += 1) {
    const r = replies[i]!;
    const out: TranscriptWrite = { id: `${key}#out${String(i).padStart(2, '0')}`, phone: msg.phone, channel: msg.channel, from: 'bot', text: replyText(r) };
    // The web chat's history shows an answer as it came (its renderer reads the reply); elsewhere the words do.
    if (msg.channel === 'web') out.reply = r;
    writes.push(out);
  }
  return writes;
}

/**
 * Under the customer's lease, the rest runs; then the turn ends in the store in one write: the customer and
 * the conversation as the turn left them, the message recorded done with its replies and transcript, the
 * lease given back. If the rest fails, or that write does, the customer hears "trouble", nothing of the turn
 * is recorded, and the same message id, sent again, runs the turn again as a retry (what an attempt changed
 * is keyed by the message, so a retry changes it once).
 */
export function record(deps: FinishDeps, copy: Pick<Copy, 'trouble'>): Piece {
  const { store, log, observer, transcript } = deps;
  return async (ctx, next) => {
    const { msg, key } = ctx;
    try {
      await next();
      if (ctx.unrecorded) return;
      const entries = ctx.transcribed ? transcript?.entries(transcriptOf(msg, key, ctx.replies)) : undefined;
      await ctx.stopRenewing();
      const end = store.endTurn(msg.phone, {
        owner: ctx.owner,
        message: { key, channel: msg.channel, at: ctx.now, replies: ctx.replies, ...(entries ? { transcript: entries } : {}) },
        ...ctx.write,
      });
      // A write whose answer was lost (the connection broke) may have been made all the same: the record says.
      const ended = await end.catch(async (err: unknown) => {
        if ((await store.getMessage(msg.phone, key).catch(() => undefined))?.replies === undefined) throw err;
        return true;
      });
      if (!ended) throw new Error('conversation was changed by another process');
      ctx.ended = true;
      if (entries) transcript?.kept(msg.phone);
      for (const told of ctx.afterEnd) told();
    } catch (err) {
      log.error({ err, channel: msg.channel }, 'message handling failed');
      observer.error('engine');
      // What the customer wrote is kept even so (the transcript alone; it never throws).
      await transcript?.recordAll(transcriptOf(msg, key, []));
      ctx.replies = [{ key: 'trouble', text: copy.trouble }];
    }
  };
}
