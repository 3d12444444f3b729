import type { StoreSettings } from '../../domain/settings';

/** The store's settings: one document, saved whole under a version guard. */
export interface SettingsPort {
  getSettings(): Promise<StoreSettings | undefined>;
  /**
   * Saves `next` when the stored document's version is `expected` (undefined: none is stored yet); false
   * when another save came first (the caller's copy is stale). `next.version` is what is stored.
   */
  putSettings(next: StoreSettings, expected: number | undefined): Promise<boolean>;
}
