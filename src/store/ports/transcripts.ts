import type { TranscriptEntry } from '../../domain/owner';

/** The human inbox: every message in and out of a customer's conversation. */
export interface TranscriptsPort {
  /**
   * Several entries of one turn go in one call (one command on MongoDB); an entry whose id is already kept is
   * skipped, so a retry adds nothing.
   */
  appendTranscript(entries: TranscriptEntry[]): Promise<void>;
  /** A phone's transcript, oldest first: the last `limit` entries (default 200). */
  listTranscript(phone: string, limit?: number): Promise<TranscriptEntry[]>;
  /** Forgets transcript entries older than `before`; returns how many. */
  pruneTranscripts(before: number): Promise<number>;
}
