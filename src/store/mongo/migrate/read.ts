import type { Db, Document } from 'mongodb';

/** One record of the versioned layout at its newest version. */
export interface Newest<T> {
  key: string;
  v: number;
  doc: T;
}

interface VersionDoc<T> { _id: string; k: string; v: number; d: T }

/** A head of the versioned layout, `{_id: key, v, d}`: a shape no document of the new layout has. */
export const isOldShape = (doc: Document): boolean => typeof doc.v === 'number' && typeof doc.d === 'object' && doc.d !== null;

/**
 * Every record of the versioned collection `name` (heads in `name`, versions in `name_versions`) at its
 * newest version: the highest `v` among its head and its versions. That is what a read finds by walking
 * forward from the head through `key#v+1`…, and stays right where a prune deleted versions between a
 * lagging head and the newest (a walk would stop at the gap; the newest version is never pruned).
 * `alreadyNew` counts the documents of `name` already in the new shape (converted in place by an earlier
 * run): their keys are left out.
 */
export async function readNewest<T>(db: Db, name: string): Promise<{ records: Newest<T>[]; alreadyNew: number }> {
  const newest = new Map<string, { v: number; doc: T }>();
  for await (const version of db.collection<VersionDoc<T>>(`${name}_versions`).find({})) {
    const seen = newest.get(version.k);
    if (!seen || version.v > seen.v) newest.set(version.k, { v: version.v, doc: version.d });
  }
  let alreadyNew = 0;
  for await (const head of db.collection<Document>(name).find({})) {
    const key = String(head._id);
    if (!isOldShape(head)) {
      alreadyNew += 1;
      newest.delete(key);
      continue;
    }
    const seen = newest.get(key);
    if (!seen || head.v >= seen.v) newest.set(key, { v: head.v as number, doc: head.d as T });
  }
  return { records: [...newest].map(([key, { v, doc }]) => ({ key, v, doc })), alreadyNew };
}
