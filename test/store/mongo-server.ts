import { inject } from 'vitest';
import { MongoStore } from '../../src/store/mongo/mongo';

/** The MongoDB-protocol server the global set-up found; empty when there is none. */
export const MONGO_URI = inject('mongoUri');
export const hasMongo = MONGO_URI !== '';

let n = 0;
/** A store on a fresh database of its own, so tests never see each other's data. */
export async function freshMongoStore(label: string): Promise<MongoStore> {
  n += 1;
  return MongoStore.connect(MONGO_URI, `grocer_${label}_${process.pid}_${n}_${Date.now() % 100000}`);
}
