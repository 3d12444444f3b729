import type { TranscriptEntry } from '../domain/owner';
import type { TranscriptsPort } from '../store/store';
import { replyText, type TranscriptRecorder } from '../transcript/recorder';
import { SendError } from './errors';
import type { OutboundMessage, Sender } from './outbox';

/** The transcript entry of a message the outbox sent: one per delivery, so a resumed delivery keeps it once. */
export const sentEntryId = (deliveryId: string) => `sent-${deliveryId}`;

/**
 * Whether the store sent this entry without being asked (a notification or a staff message), as opposed to a
 * customer's message or the bot's answer to one. `staff-` entries were written before staff messages went
 * through the outbox.
 */
export const isPushed = (e: TranscriptEntry) => e.from !== 'customer' && /^(sent|staff)-/.test(e.id);

/**
 * The web chat's mailbox, the outbox's sender for `web`: a message to a web-chat customer is kept in their
 * transcript, on `web`, with its structured reply (GET /chat/updates renders it with the web chat's renderer,
 * the one POST /chat/messages answers with). The open page picks it up within seconds (GET /chat/updates), and a page opened
 * later shows it in its history (GET /chat/history). Keeping it is delivering it, so a store that cannot
 * write is a transient failure, retried like a platform's 5xx (and, after the last try, SMS where proven).
 */
export function webInbox(deps: { store: Pick<TranscriptsPort, 'appendTranscript'>; transcript: TranscriptRecorder }): Sender {
  return {
    keepsTranscript: true,
    async send(msg: OutboundMessage) {
      // The words as every transcript keeps them, and the reply itself: the page renders it as it renders an answer.
      const entries = deps.transcript.entries([{ id: sentEntryId(msg.deliveryId), phone: msg.phone, from: msg.from ?? 'bot', channel: 'web', text: replyText(msg.reply), ...(msg.by ? { by: msg.by } : {}) }])
        .map((e) => ({ ...e, reply: msg.reply }));
      try {
        await deps.store.appendTranscript(entries);
      } catch (err) {
        throw new SendError(`the web chat's transcript could not be written (${(err as Error).name})`, false);
      }
      deps.transcript.kept(msg.phone);
      return {};
    },
  };
}
