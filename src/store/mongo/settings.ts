import type { Collection, Db } from 'mongodb';
import type { StoreSettings } from '../../domain/settings';
import { isDuplicateKey } from './util';

type SettingsDoc = StoreSettings & { _id: 'store' };

/**
 * The settings on MongoDB: one document, `settings` `{_id: 'store'}`, readable as the owner wrote it. The
 * first save inserts it (of two first saves one wins); later ones replace it only while its `version` is
 * the one the caller read, so two owners saving at once never silently lose one another's change.
 */
export class SettingsDocument {
  private settings: Collection<SettingsDoc>;

  constructor(db: Db) {
    this.settings = db.collection('settings');
  }

  async get(): Promise<StoreSettings | undefined> {
    const doc = await this.settings.findOne({ _id: 'store' });
    if (!doc) return undefined;
    const { _id, ...rest } = doc;
    void _id;
    return rest;
  }

  async put(next: StoreSettings, expected: number | undefined): Promise<boolean> {
    const doc: SettingsDoc = { ...next, _id: 'store' };
    if (expected === undefined) {
      try {
        await this.settings.insertOne(doc);
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    }
    const { matchedCount } = await this.settings.replaceOne({ _id: 'store', version: expected }, doc);
    return matchedCount === 1;
  }
}
