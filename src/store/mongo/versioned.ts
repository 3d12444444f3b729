import { MongoServerError, type Collection, type Db, type Document, type Filter, type WithoutId } from 'mongodb';
import type { Clock } from '../../domain/types';
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
 * replaceOne with upsert, again once when it loses an insert race: two upserts of one new _id at once can
 * both try the insert, and the loser gets a duplicate-key error (MongoDB, and FerretDB on PostgreSQL, which
 * takes concurrent writers; SQLite's single writer never showed it). The second try finds the document and
 * replaces it.
 */
export async function upsertById<D extends Document>(collection: Collection<D>, id: string, doc: Omit<D, '_id'>): Promise<void> {
  const filter = { _id: id } as Filter<D>;
  try {
    await collection.replaceOne(filter, doc as WithoutId<D>, { upsert: true });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    await collection.replaceOne(filter, doc as WithoutId<D>, { upsert: true });
  }
}

export interface VersionedOptions {
  /**
   * Whether other code queries the heads by fields of the record. Heads of other records are written at
   * the first version and then every HEAD_EVERY versions instead of at every write: a reader that knows no
   * version walks at most that many versions forward from the head (a list of all of them too).
   */
  queried: boolean;
}

/** Heads of records read only by key are written at versions divisible by this. */
const HEAD_EVERY = 8;
/**
 * How long a version this process read or wrote is a starting point for the next read or write of its key:
 * long enough to span a customer's pauses between messages. prune never deletes versions younger than
 * PRUNE_AFTER_MS, so a version after a remembered one is never one that was pruned (which would let a
 * stale writer win).
 */
const REMEMBER_MS = 30 * 60_000;
const PRUNE_AFTER_MS = 4 * REMEMBER_MS;
const REMEMBER_MAX = 50_000;

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
 * that the next read repairs. Versions are found by _id only, which every server indexes (FerretDB on
 * SQLite pushes down nothing else).
 *
 * Each process remembers the last version of a key it read or wrote. A read walks forward from it (one
 * lookup, of the next version, when nobody else wrote), and a write first tries the next version of it
 * directly: that insert succeeds only if the remembered version still is the newest, so a stale memory
 * costs a retry, never a wrong win. A condition that fails on a remembered copy is checked again on a
 * fresh read before the change is given up.
 */
export class Versioned<T extends object> {
  readonly versions: Collection<VersionDoc<T>>;
  readonly heads: Collection<HeadDoc<T>>;
  /** Updates of one key from this process take turns, so they never collide with each other. */
  private local = new KeyedQueue();
  private known = new Map<string, { v: number; doc: T | undefined; at: number }>();

  /** `clock` stamps the versions (what prune measures age against) and times what this process remembers. */
  constructor(db: Db, name: string, private clock: Clock, private options: VersionedOptions = { queried: true }) {
    this.versions = db.collection<VersionDoc<T>>(`${name}_versions`);
    this.heads = db.collection<HeadDoc<T>>(name);
  }

  async ensureIndexes(extra: Document[] = []): Promise<void> {
    await this.versions.createIndex({ at: 1 }, { name: 'by_time' });
    for (const spec of extra) await this.heads.createIndex(spec);
  }

  private remembered(key: string) {
    const k = this.known.get(key);
    return k && this.clock.now() - k.at <= REMEMBER_MS ? k : undefined;
  }
  /** `doc` undefined: the record did not exist at version v (0), as far as this process saw. */
  private remember(key: string, v: number, doc: T | undefined): void {
    this.known.delete(key);
    this.known.set(key, { v, doc: doc && structuredClone(doc), at: this.clock.now() });
    if (this.known.size > REMEMBER_MAX) this.known.delete(this.known.keys().next().value!);
  }
  /** The version of a key this process last read or wrote, and its content (undefined: it did not exist), without asking the server. */
  peek(key: string): { v: number; doc: T | undefined } | undefined {
    const mine = this.remembered(key);
    return mine && { v: mine.v, doc: mine.doc && structuredClone(mine.doc) };
  }

  /** Forgets what this process knows of a key, so its next read starts from the head (the tests' crash simulations). */
  forget(key?: string): void {
    if (key === undefined) this.known.clear();
    else this.known.delete(key);
  }

  /** The newest version of a record, walking forward from what this process knows or else from its head. */
  async get(key: string): Promise<{ v: number; doc: T } | undefined> {
    const mine = this.remembered(key);
    return this.walk(key, mine ?? await this.readHead(key), !mine);
  }

  private async readHead(key: string): Promise<{ v: number; doc: T | undefined }> {
    const head = await this.heads.findOne({ _id: key } as Filter<HeadDoc<T>>);
    return { v: head?.v ?? 0, doc: head?.d };
  }

  private async walk(key: string, from: { v: number; doc: T | undefined }, fromHead: boolean): Promise<{ v: number; doc: T } | undefined> {
    let { v, doc } = from;
    let steps = 0;
    for (;; steps += 1) {
      const next = await this.versions.findOne({ _id: `${key}#${v + 1}` } as Filter<VersionDoc<T>>);
      if (!next) break;
      v = next.v;
      doc = next.d;
    }
    if (doc === undefined) {
      this.remember(key, v, undefined);
      return undefined;
    }
    // A head seen lagging, or a walk as long as a head of a record read by key may lag, is brought forward.
    if (steps > 0 && (fromHead ? this.options.queried || steps >= HEAD_EVERY : this.options.queried)) await this.writeHead(key, v, doc);
    this.remember(key, v, doc);
    return { v, doc: structuredClone(doc) };
  }

  private async writeHead(key: string, v: number, doc: T): Promise<void> {
    // By _id alone: FerretDB on SQLite scans the collection for any other filter.
    await upsertById(this.heads, key, { v, d: doc } as Omit<HeadDoc<T>, '_id'>);
  }

  /** Writes version v+1 iff nobody has; false when another writer got there first. */
  async swap(key: string, v: number, doc: T): Promise<boolean> {
    try {
      await this.versions.insertOne({ _id: `${key}#${v + 1}`, k: key, v: v + 1, at: this.clock.now(), d: doc } as VersionDoc<T>);
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      // The connection broke: the insert may have happened on the server all the same, so what this process
      // remembers (version v) may be behind. The next read of the key asks the server.
      this.forget(key);
      throw err;
    }
    // Every record gets a head with its first version, so a query finds all keys and walks each forward.
    if (this.options.queried || v === 0 || (v + 1) % HEAD_EVERY === 0) {
      await this.writeHead(key, v + 1, doc).catch((err: unknown) => { this.forget(key); throw err; });
    }
    this.remember(key, v + 1, doc);
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
      // First from memory, without a read: the swap itself tells whether the memory was current.
      const mine = attempt === 0 ? this.remembered(key) : undefined;
      let current = mine ? { v: mine.v, doc: mine.doc && structuredClone(mine.doc) } : await this.get(key);
      let next = change(current?.doc);
      if (next === undefined && mine) {
        current = await this.get(key);
        next = change(current?.doc);
      }
      if (next === undefined) return undefined;
      if (await this.swap(key, current?.v ?? 0, next)) return structuredClone(next);
      if (attempt > 500) throw new Error(`record ${key} kept changing under us`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * Math.min(20, 2 ** attempt)));
    }
  }

  /** Current records whose head matches `filter` (fields under `d.`), each re-read exactly, then `keep`. */
  async list(filter: Filter<HeadDoc<T>> | Document, keep: (doc: T) => boolean = () => true, sort?: (a: T, b: T) => number): Promise<T[]> {
    const heads = await this.heads.find(filter as Filter<HeadDoc<T>>, { projection: { _id: 1, v: 1, d: 1 } }).toArray();
    const out: T[] = [];
    for (const h of heads) {
      const doc = (await this.walk(h._id, { v: h.v, doc: h.d }, true))?.doc;
      if (doc !== undefined && keep(doc)) out.push(doc);
    }
    return sort ? out.sort(sort) : out;
  }

  /**
   * Deletes versions older than `olderThanMs` (and never younger than PRUNE_AFTER_MS) that are behind their
   * head. A writer that read such an old version and only now tries to swap could then succeed by mistake,
   * so this stays hours, not seconds.
   */
  async prune(olderThanMs: number): Promise<number> {
    const old = await this.versions.find({ at: { $lt: this.clock.now() - Math.max(olderThanMs, PRUNE_AFTER_MS) } } as Filter<VersionDoc<T>>, { projection: { k: 1, v: 1 } }).toArray();
    const heads = new Map<string, number>();
    let deleted = 0;
    for (const o of old) {
      if (!heads.has(o.k)) heads.set(o.k, (await this.get(o.k))?.v ?? 0);
      if (o.v < heads.get(o.k)!) deleted += (await this.versions.deleteOne({ _id: o._id } as Filter<VersionDoc<T>>)).deletedCount;
    }
    return deleted;
  }
}
