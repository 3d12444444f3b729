import { MongoServerError, type Collection, type Db, type Document, type Filter } from 'mongodb';

/** One stored version of a record: `${key}#${v}`. The newest version of a key is the record. */
export interface VersionDoc<T> {
  _id: string;
  k: string;
  v: number;
  /** True from insert until the next version's writer clears it; the newest version always has it. */
  latest: boolean;
  /** Wall-clock time of the write, for pruning superseded versions. */
  at: number;
  d: T;
}

export interface Current<T> {
  key: string;
  v: number;
  doc: T;
}

export const isDuplicateKey = (err: unknown) =>
  err instanceof MongoServerError && (err.code === 11000 || /UNIQUE constraint failed|duplicate key/i.test(err.message));

/**
 * Records that change by compare-and-swap built from the one write every MongoDB-protocol server makes
 * atomic: inserting a unique _id. Writing version v+1 of a key is `insertOne({_id: key#v+1})`; of several
 * writers that read version v, exactly one insert succeeds and the rest get a duplicate-key error and
 * re-read. Conditional updates ("set status if status is active") are not enough: FerretDB v1 evaluates
 * update filters in its own process and rewrites the document afterwards, so two of them can both win.
 */
export class Versioned<T extends object> {
  readonly coll: Collection<VersionDoc<T>>;

  constructor(db: Db, name: string) {
    this.coll = db.collection<VersionDoc<T>>(name);
  }

  async ensureIndexes(extra: Document[] = []): Promise<void> {
    await this.coll.createIndex({ k: 1, v: -1 }, { name: 'key_version' });
    await this.coll.createIndex({ latest: 1, at: 1 }, { name: 'latest' });
    for (const spec of extra) await this.coll.createIndex(spec);
  }

  async get(key: string): Promise<Current<T> | undefined> {
    const [doc] = await this.coll.find({ k: key } as Filter<VersionDoc<T>>).sort({ v: -1 }).limit(1).toArray();
    return doc ? { key, v: doc.v, doc: doc.d } : undefined;
  }

  /** Writes version v+1 iff nobody has; false when another writer got there first. */
  async swap(key: string, v: number, doc: T): Promise<boolean> {
    try {
      await this.coll.insertOne({ _id: `${key}#${v + 1}`, k: key, v: v + 1, latest: true, at: Date.now(), d: doc } as VersionDoc<T>);
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
    // Only the writer of v+1 touches version v, so this plain update races with nobody.
    if (v > 0) await this.coll.updateOne({ _id: `${key}#${v}` } as Filter<VersionDoc<T>>, { $set: { latest: false } } as never);
    return true;
  }

  /**
   * Read, change, swap, and again on conflict. `change` returns the new record, or undefined to leave it
   * (its condition failed). Returns the record written by this call, or undefined.
   */
  async update(key: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined> {
    for (let attempt = 0; ; attempt += 1) {
      const current = await this.get(key);
      const next = change(current?.doc);
      if (next === undefined) return undefined;
      if (await this.swap(key, current?.v ?? 0, next)) return next;
      if (attempt > 200) throw new Error(`record ${key} kept changing under us`);
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** attempt)));
    }
  }

  /**
   * The current records whose newest version matches `filter` (fields under `d.`), then `keep`. Versions
   * are re-checked so an old version that still matches never stands in for a newer one that does not.
   */
  async list(filter: Filter<VersionDoc<T>>, keep: (doc: T) => boolean = () => true, sort?: (a: T, b: T) => number): Promise<T[]> {
    const found = await this.coll.find({ ...filter, latest: true } as Filter<VersionDoc<T>>).toArray();
    const best = new Map<string, VersionDoc<T>>();
    for (const d of found) if ((best.get(d.k)?.v ?? -1) < d.v) best.set(d.k, d);
    if (best.size === 0) return [];
    const newest = new Map<string, number>();
    const keys = [...best.keys()];
    for (let i = 0; i < keys.length; i += 500) {
      const heads = await this.coll.find({ k: { $in: keys.slice(i, i + 500) }, latest: true } as Filter<VersionDoc<T>>, { projection: { k: 1, v: 1 } }).toArray();
      for (const h of heads) newest.set(h.k, Math.max(newest.get(h.k) ?? 0, h.v));
    }
    const out = [...best.values()].filter((d) => d.v === newest.get(d.k)).map((d) => d.d).filter(keep);
    return sort ? out.sort(sort) : out;
  }

  /**
   * Removes superseded versions written more than `olderThanMs` ago. A writer that read such an old
   * version and only now tries to swap could then succeed by mistake, so keep this to hours, not seconds.
   */
  async prune(olderThanMs: number): Promise<number> {
    const r = await this.coll.deleteMany({ latest: false, at: { $lt: Date.now() - olderThanMs } } as Filter<VersionDoc<T>>);
    return r.deletedCount;
  }
}
