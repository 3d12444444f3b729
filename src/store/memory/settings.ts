import type { StoreSettings } from '../../domain/settings';
import type { SettingsPort } from '../store';

/** The settings document in memory: a copy kept, saved when the version still matches. */
export class MemorySettings implements SettingsPort {
  private doc: StoreSettings | undefined;

  async getSettings() {
    return this.doc && structuredClone(this.doc);
  }
  async putSettings(next: StoreSettings, expected: number | undefined) {
    if (this.doc?.version !== expected) return false;
    this.doc = structuredClone(next);
    return true;
  }
}
