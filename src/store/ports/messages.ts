import type { ChannelName, MessageRecord, Reply } from '../../domain/types';
import type { TranscriptEntry } from '../../domain/owner';

/** Records of the messages handled: what makes a redelivered message answered once, and counted once. */
export interface MessagesPort {
  /**
   * Inserts a pending record for `rec.key` unless one exists; returns the stored record and whether this
   * call created it. A message counts in the stats once, when its record is created.
   */
  startMessage(rec: Omit<MessageRecord, 'state' | 'replies'>): Promise<{ record: MessageRecord; created: boolean }>;
  getMessage(key: string): Promise<MessageRecord | undefined>;
  /**
   * pending → done with the replies (idempotent: finishing a done record keeps the first replies), and the
   * message's transcript entries kept with it, in one write (listTranscript reads them as if appended; a
   * done record's entries were kept when it was finished).
   */
  finishMessage(key: string, replies: Reply[], transcript?: TranscriptEntry[]): Promise<void>;
  /** Messages recorded in [from, to), by channel. */
  countMessages(from: number, to: number): Promise<Partial<Record<ChannelName, number>>>;
}
