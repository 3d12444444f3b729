import type { Logger } from 'pino';
import type { InboundMessage, Reply } from '../../domain/types';
import type { Observer } from '../../observe';
import { replyText, type TranscriptRecorder, type TranscriptWrite } from '../../transcript/recorder';
import type { Copy } from '../copy';
import type { Piece } from './context';
import { replayed, startRecord, type RecordDeps } from './dedupe';

export interface FinishDeps extends RecordDeps {
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
 * Under the customer's lease: the record is asked again unless this call just made it (another delivery
 * of the same id may have run meanwhile; a message without an id is recorded here). The rest runs; then
 * the record is finished with the replies and the transcript, in one write. If the rest fails, the customer
 * hears "trouble" and the record stays pending: the same message id, sent again, runs the turn again.
 */
export function record(deps: FinishDeps, copy: Pick<Copy, 'trouble'>): Piece {
  const { store, log, observer, transcript } = deps;
  return async (ctx, next) => {
    const { msg, key } = ctx;
    try {
      if (!ctx.created) {
        const { record, created } = await startRecord(deps, ctx);
        if (!created && record.state === 'done') { replayed(ctx, record.replies); return; }
        ctx.created = created;
      }
      await next();
      // The turn is committed (its conversation saved): if the record cannot be finished now, the customer
      // still gets the answer, and a redelivery replays it from the conversation. The transcript goes with
      // the record, in one write; if that fails it is written alone (a retry's entries are the same ones).
      const writes = transcriptOf(msg, key, ctx.replies);
      const entries = transcript?.entries(writes);
      await store.finishMessage(key, ctx.replies, entries).then(
        () => { if (entries) transcript?.kept(msg.phone); },
        async (err: unknown) => {
          log.error({ err, channel: msg.channel }, 'message record could not be finished');
          await transcript?.recordAll(writes);
        },
      );
    } catch (err) {
      log.error({ err, channel: msg.channel }, 'message handling failed');
      observer.error('engine');
      // What the customer wrote is kept even so (the transcript alone; it never throws).
      await transcript?.recordAll(transcriptOf(msg, key, []));
      ctx.replies = [{ key: 'trouble', text: copy.trouble }];
    }
  };
}
