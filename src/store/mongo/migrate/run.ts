import type { Db } from 'mongodb';
import { convertCustomers } from './customers';
import { convertOrders, convertSequences, convertStock, convertVerifications, type StepCounts } from './in-place';
import { convertMessages } from './messages';
import { oldCollections } from './old-layout';

/** The `migrations` document that says every conversion step finished (the old collections may then go). */
export const LAYOUT_MIGRATION = 'plain-documents';

export interface MigrationStep {
  /** The collection the step writes. */
  collection: string;
  run(db: Db): Promise<StepCounts>;
}

/** In order; each is idempotent (upserts and replacements keyed by _id), so a run that stopped midway is run again whole. */
export const STEPS: readonly MigrationStep[] = [
  { collection: 'stock', run: convertStock },
  { collection: 'orders', run: convertOrders },
  { collection: 'sequences', run: convertSequences },
  { collection: 'verifications', run: convertVerifications },
  { collection: 'customers', run: convertCustomers },
  { collection: 'messages', run: convertMessages },
];

export interface MigrationReport {
  /** Nothing of the versioned layout was left: nothing was done. */
  current: boolean;
  /** The steps ran in an earlier run that stopped while dropping: only the drops were left. */
  resumedAtDrops: boolean;
  steps: { collection: string; counts: StepCounts }[];
  dropped: string[];
}

/**
 * Converts a database of the versioned layout into the plain documents of the current one. Every step runs
 * before anything is dropped; then the `migrations` marker is written, and only then the old collections
 * are dropped (their versions collections last, so the application refuses a half-dropped database).
 */
export async function migrate(db: Db, now: () => number = Date.now): Promise<MigrationReport> {
  const old = await oldCollections(db);
  if (!old.length) return { current: true, resumedAtDrops: false, steps: [], dropped: [] };
  const migrations = db.collection<{ _id: string; at: number }>('migrations');
  const finished = await migrations.findOne({ _id: LAYOUT_MIGRATION });
  const steps: MigrationReport['steps'] = [];
  if (!finished) {
    for (const step of STEPS) steps.push({ collection: step.collection, counts: await step.run(db) });
    await migrations.updateOne({ _id: LAYOUT_MIGRATION }, { $setOnInsert: { at: now() } }, { upsert: true });
  }
  for (const name of old) await db.collection(name).drop();
  return { current: false, resumedAtDrops: Boolean(finished), steps, dropped: old };
}

/** The report as lines for the operator. */
export function describeMigration(report: MigrationReport): string[] {
  if (report.current) return ['Nothing to migrate: the database is already in the current layout.'];
  const lines = report.resumedAtDrops ? ['Conversion had finished in an earlier run; dropping what it left.'] : [];
  for (const { collection, counts } of report.steps) {
    lines.push(`${collection}: ${Object.entries(counts).map(([what, n]) => `${n} ${what}`).join(', ')}`);
  }
  lines.push(`dropped: ${report.dropped.join(', ')}`);
  return lines;
}
