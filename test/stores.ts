import { afterAll } from 'vitest';
import { MemoryStore } from '../src/store/memory';
import type { Store } from '../src/store/store';
import { freshMongoStore, hasMongo } from './store/mongo-server';

export interface StoreKind {
  name: string;
  open(): Promise<Store>;
}

const opened: Store[] = [];
afterAll(async () => { await Promise.all(opened.splice(0).map((s) => s.close())); });

/** Every store adapter the engine's tests run on: memory always, MongoDB when a server was found. */
export const STORES: StoreKind[] = [
  { name: 'memory', open: async () => new MemoryStore() },
  ...(hasMongo ? [{
    name: 'mongo',
    open: async () => {
      const s = await freshMongoStore('engine');
      opened.push(s);
      return s;
    },
  }] : []),
];
