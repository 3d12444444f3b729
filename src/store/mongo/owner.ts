import type { Collection, Db } from 'mongodb';
import type { AuditEntry, Promotion, TranscriptEntry } from '../../domain/owner';
import { insertNew, isDuplicateKey, upsertById } from './util';

type Doc<T> = T & { _id: string };
const strip = <T>({ _id, ...rest }: Doc<T>): T => { void _id; return rest as T; };

/**
 * The owner's console records on MongoDB: transcripts and audit entries are append-only documents, the
 * promotions one document replaced whole, and flags documents that exist or not (inserted by _id, so of two
 * processes claiming one flag exactly one wins).
 */
export class OwnerRecords {
  private transcripts: Collection<Doc<TranscriptEntry>>;
  private audit: Collection<Doc<AuditEntry>>;
  private promotions: Collection<{ _id: string; list: Promotion[] }>;
  private flags: Collection<{ _id: string; at: number }>;

  constructor(db: Db) {
    this.transcripts = db.collection('transcripts');
    this.audit = db.collection('audit');
    this.promotions = db.collection('promotions');
    this.flags = db.collection('flags');
  }

  async ensureIndexes(): Promise<void> {
    await this.transcripts.createIndex({ phone: 1, at: -1 }, { name: 'by_phone' });
    await this.transcripts.createIndex({ at: 1 }, { name: 'by_time' });
    await this.audit.createIndex({ sku: 1, at: -1 }, { name: 'by_sku' });
    await this.audit.createIndex({ at: -1 }, { name: 'by_time' });
  }

  async appendTranscript(entries: TranscriptEntry[]) {
    // An entry already kept (a retried message) is skipped; the others of the call go in.
    await insertNew(this.transcripts, entries.map((e) => ({ ...e, _id: e.id })));
  }
  async listTranscript(phone: string, limit = 200) {
    const docs = await this.transcripts.find({ phone }).sort({ at: -1, _id: -1 }).limit(limit).toArray();
    return docs.reverse().map((d) => strip<TranscriptEntry>(d));
  }
  async pruneTranscripts(before: number) {
    return (await this.transcripts.deleteMany({ at: { $lt: before } })).deletedCount;
  }

  async putPromotions(list: Promotion[]) {
    await upsertById(this.promotions, 'current', { list });
  }
  async replacePromotionsIf(expected: Promotion[], next: Promotion[]) {
    // The set is one document: the whole list is the guard (a handful of promotions; equal as read back).
    if (expected.length === 0) {
      const r = await this.promotions.updateOne({ _id: 'current', list: { $size: 0 } }, { $set: { list: next } });
      if (r.matchedCount === 1) return true;
      try {
        await this.promotions.insertOne({ _id: 'current', list: next });
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    }
    const r = await this.promotions.updateOne({ _id: 'current', list: expected }, { $set: { list: next } });
    return r.matchedCount === 1;
  }
  async listPromotions() {
    return (await this.promotions.findOne({ _id: 'current' }))?.list ?? [];
  }

  async appendAudit(entry: AuditEntry | AuditEntry[]) {
    const entries = Array.isArray(entry) ? entry : [entry];
    if (entries.length) await this.audit.insertMany(entries.map((e) => ({ ...e, _id: e.id })));
  }
  async listAudit(filter: { sku?: string; limit?: number }) {
    const docs = await this.audit.find(filter.sku === undefined ? {} : { sku: filter.sku }).sort({ at: -1, _id: -1 }).limit(filter.limit ?? 100).toArray();
    return docs.map((d) => strip<AuditEntry>(d));
  }

  async claimFlag(key: string, at: number) {
    try {
      await this.flags.insertOne({ _id: key, at });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }
  async clearFlag(key: string) {
    await this.flags.deleteOne({ _id: key });
  }
}
