import { MongoServerError, type Collection, type Db, type Document, type Filter } from 'mongodb';
import { KeyedQueue } from '../../lib/keyed-queue';

/** One version of a record, `${key}#${v}`: written once, by the one writer that won it, never changed. */
interface VersionDoc<T> {
  _id: string;
  k: string;
  v: number;
  /** Wall-clock time of the write, for pruning. */
  at: number;
  d: T;
}

/** Where a record stands: the newest version known, and its content. A hint for reads and the index for queries. */
interface HeadDoc<T> {
  _id: string;
  v: number;
  d: T;
}

export const isDuplicateKey = (err: unknown) =>
  err instanceof MongoServerError && (err.code === 11000 || /UNIQUE constraint failed|duplicate key/i.test(err.message));

/**
 * Records that change by compare-and-swap built from the one write every MongoDB-protocol server makes
 * atomic: inserting a unique _id. Writing version v+1 of a key is `insertOne({_id: "key#v+1"})` in the
 * versions collection; of several writers that read version v exactly one insert succeeds, the others
 * get a duplicate-key error and read again. (Conditional updates are not enough: FerretDB v1 evaluates
 * update filters in its own process and rewrites the document afterwards, so two of them can both win.)
 *
 * The versions are the truth. The heads collection holds each key's newest version as the winner wrote
 * it; it serves queries, and reads walk forward from it through any newer versions, so a head that lags
 * (a writer that died between its two writes, or two winners writing heads out of order) is only a hint
 * that the next read repairs. Versions are found by _id only, which every server indexes.
 */
export class Versioned<T extends object> {
  readonly versions: Collection<VersionDoc<T>>;
  readonly heads: Collection<HeadDoc<T>>;
  /** Updates of one key from this process take turns, so they never collide with each other. */
  private local = new KeyedQueue();

  constructor(db: Db, name: string) {
    this.versions = db.collection<VersionDoc<T>>(`${name}_versions`);
    this.heads = db.collection<HeadDoc<T>>(name);
  }

  async ensureIndexes(extra: Document[] = []): Promise<void> {
    await this.versions.createIndex({ at: 1 }, { name: 'by_time' });
    for (const spec of extra) await this.heads.createIndex(spec);
  }

  /** The newest version of a record, walking forward from its head. */
  async get(key: string): Promise<{ v: number; doc: T } | undefined> {
    const head = await this.heads.findOne({ _id: key } as Filter<HeadDoc<T>>);
    let v = head?.v ?? 0;
    let doc = head?.d;
    for (;;) {
      const next = await this.versions.findOne({ _id: `${key}#${v + 1}` } as Filter<VersionDoc<T>>);
      if (!next) break;
      v = next.v;
      doc = next.d;
    }
    if (doc === undefined) return undefined;
    if (!head || head.v < v) await this.writeHead(key, v, doc);
    return { v, doc };
  }

  private async writeHead(key: string, v: number, doc: T): Promise<void> {
    await this.heads.replaceOne({ _id: key } as Filter<HeadDoc<T>>, { v, d: doc } as HeadDoc<T>, { upsert: true });
  }

  /** Writes version v+1 iff nobody has; false when another writer got there first. */
  async swap(key: string, v: number, doc: T): Promise<boolean> {
    try {
      await this.versions.insertOne({ _id: `${key}#${v + 1}`, k: key, v: v + 1, at: Date.now(), d: doc } as VersionDoc<T>);
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
    await this.writeHead(key, v + 1, doc);
    return true;
  }

  /**
   * Read, change, swap, and again on conflict. `change` returns the new record, or undefined to leave it
   * (its condition failed). Returns the record written by this call, or undefined.
   */
  update(key: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined> {
    return this.local.run(key, () => this.compareAndSwap(key, change));
  }

  private async compareAndSwap(key: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined> {
    for (let attempt = 0; ; attempt += 1) {
      const current = await this.get(key);
      const next = change(current?.doc);
      if (next === undefined) return undefined;
      if (await this.swap(key, current?.v ?? 0, next)) return next;
      if (attempt > 500) throw new Error(`record ${key} kept changing under us`);
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(20, 2 ** attempt)));
    }
  }

  /** Current records whose head matches `filter` (fields under `d.`), each re-read exactly, then `keep`. */
  async list(filter: Filter<HeadDoc<T>>, keep: (doc: T) => boolean = () => true, sort?: (a: T, b: T) => number): Promise<T[]> {
    const heads = await this.heads.find(filter, { projection: { _id: 1, v: 1, d: 1 } }).toArray();
    const out: T[] = [];
    for (const h of heads) {
      const next = await this.versions.findOne({ _id: `${h._id}#${h.v + 1}` } as Filter<VersionDoc<T>>);
      const doc = next ? (await this.get(h._id))?.doc : h.d;
      if (doc !== undefined && keep(doc)) out.push(doc);
    }
    return sort ? out.sort(sort) : out;
  }

  /**
   * Deletes versions older than `olderThanMs` that are behind their head. A writer that read such an old
   * version and only now tries to swap could then succeed by mistake, so keep this to hours, not seconds.
   */
  async prune(olderThanMs: number): Promise<number> {
    const old = await this.versions.find({ at: { $lt: Date.now() - olderThanMs } } as Filter<VersionDoc<T>>, { projection: { k: 1, v: 1 } }).toArray();
    const heads = new Map<string, number>();
    let deleted = 0;
    for (const o of old) {
      if (!heads.has(o.k)) heads.set(o.k, (await this.get(o.k))?.v ?? 0);
      if (o.v < heads.get(o.k)!) deleted += (await this.versions.deleteOne({ _id: o._id } as Filter<VersionDoc<T>>)).deletedCount;
    }
    return deleted;
  }
}
