import type { Logger } from 'pino';
import type { TranscriptEntry } from '../domain/owner';
import type { ChannelName, Clock, Reply } from '../domain/types';
import type { ConsoleEvents } from '../events/console-events';
import type { TranscriptsPort } from '../store/store';

/** The longest text kept of one entry: a transcript is for reading, not an archive of pasted novels. */
export const MAX_ENTRY_CHARS = 4000;

/** At most MAX_ENTRY_CHARS, never cutting a character (an emoji) in half. */
const clip = (text: string) => (text.length <= MAX_ENTRY_CHARS ? text : text.slice(0, MAX_ENTRY_CHARS).replace(/[\uD800-\uDBFF]$/, ''));

/** A reply as the customer saw it: its text, and its options' labels as the numbered list Twilio senders append. */
export function replyText(reply: Reply): string {
  const options = reply.options ?? [];
  return options.length ? `${reply.text}\n${options.map((o, i) => `${i + 1}. ${o.label}`).join('\n')}` : reply.text;
}

export interface TranscriptWrite {
  /** Deterministic where the entry may be written twice (a retried message, a resumed delivery): the store keeps one. */
  id: string;
  phone: string;
  from: TranscriptEntry['from'];
  channel: ChannelName;
  text: string;
  /** A bot's reply as it was structured: the web chat renders it as it renders an answer. */
  reply?: Reply;
  /** The name of the person who wrote a staff message. */
  by?: string;
}

/**
 * Keeps every message in and out of a conversation for the human inbox, and tells the console. One insert
 * per entry, no reads. A write that fails is logged and forgotten: it never fails the customer's turn or a
 * delivery (an entry written twice is refused by its id, which lands here too).
 */
export class TranscriptRecorder {
  /** Entries of one instant still read back in the order they were written. */
  private last = 0;

  constructor(private deps: { store: Pick<TranscriptsPort, 'appendTranscript'>; events: Pick<ConsoleEvents, 'emit'>; clock: Clock; log: Logger }) {}

  record(write: TranscriptWrite): Promise<void> {
    return this.recordAll([write]);
  }

  /** The entries as kept: timed, in order, clipped. For a store call that keeps them with something else (see kept). */
  entries(writes: TranscriptWrite[]): TranscriptEntry[] {
    return writes.map((w): TranscriptEntry => {
      // Entries of one instant still read back in the order they were written.
      const at = Math.max(this.deps.clock.now(), this.last + 1);
      this.last = at;
      return { ...w, at, text: clip(w.text) };
    });
  }

  /** Tells the console that entries of `phone` were kept by another store call (a message record's finish). */
  kept(phone: string): void {
    this.deps.events.emit({ type: 'transcript', phone });
  }

  /** Several entries in order (a message's replies), in one store call. */
  async recordAll(writes: TranscriptWrite[]): Promise<void> {
    if (!writes.length) return;
    const entries = this.entries(writes);
    try {
      await this.deps.store.appendTranscript(entries);
    } catch (err) {
      // Only the kind of failure: a store's message may quote the entry's key, which holds the phone.
      this.deps.log.warn({ error: (err as Error).name, code: (err as { code?: unknown }).code, channel: writes[0]!.channel }, 'transcript entries not kept');
      return;
    }
    for (const phone of new Set(writes.map((w) => w.phone))) this.deps.events.emit({ type: 'transcript', phone });
  }
}
