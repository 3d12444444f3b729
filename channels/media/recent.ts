import type { MediaPart } from '../../src/domain/types';

/** Most messages remembered, and most bytes of media kept for them (a few messages' worth of photos). */
const MAX_ENTRIES = 32;
const MAX_BYTES = 24 * 1024 * 1024;

interface Entry {
  parts: Promise<MediaPart[]>;
  bytes: number;
}

/**
 * The media of the last few messages, by the provider's message id: a provider's retry of a message (same
 * id, while the first delivery is still being read, or just after) reuses the download instead of fetching
 * every file again. Bounded in entries and bytes; a fetch that read nothing is not kept, so a retry tries again.
 */
export class RecentMedia {
  private entries = new Map<string, Entry>();
  private bytes = 0;

  get(id: string, fetch: () => Promise<MediaPart[]>): Promise<MediaPart[]> {
    const known = this.entries.get(id);
    if (known) return known.parts;
    const entry: Entry = { parts: fetch(), bytes: 0 };
    this.entries.set(id, entry);
    this.trim();
    void entry.parts.then((parts) => {
      if (this.entries.get(id) !== entry) return;
      if (parts.length === 0) { this.entries.delete(id); return; }
      entry.bytes = parts.reduce((sum, p) => sum + p.data.length, 0);
      this.bytes += entry.bytes;
      this.trim();
    }, () => { if (this.entries.get(id) === entry) this.entries.delete(id); });
    return entry.parts;
  }

  /** Oldest first, until within both bounds. */
  private trim(): void {
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && this.bytes <= MAX_BYTES) return;
      this.entries.delete(id);
      this.bytes -= entry.bytes;
    }
  }
}
