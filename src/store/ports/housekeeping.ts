/** The store as a whole: housekeeping and its connection. */
export interface HousekeepingPort {
  /** Forgets handled message ids older than `olderThanMs` and history no reader needs. */
  maintain(olderThanMs: number): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
