// The benchmark's own parts, cheaply: its customers still get through a whole order on today's engine (so
// `npm run bench` measures orders, not error replies), it reads MongoDB command counts off /metrics (in all
// and message by message), its seeded customers are distinct, and it writes docs/benchmarks.md as a page a
// reader can follow.
import { readFileSync } from 'node:fs';
import { BSON, MongoClient } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTH_TOKEN, LoopbackClient, PUBLIC_URL } from '../scripts/bench/client';
import { commandsByMessageLine, commandsByMessageTable, dialogueCommands, grownMessages, type MessageCommands } from '../scripts/bench/dialogue-commands';
import { ORDER_DIALOGUE } from '../scripts/bench/dialogue';
import { closedLoop, paced } from '../scripts/bench/load';
import { BENCHMARKS_DOC, benchmarksPage, type Row } from '../scripts/bench/report';
import { seedCustomers } from '../scripts/bench/seed';
import { commandsBetween, parseCommandCounts } from '../scripts/bench/store-commands';
import { MemoryStore } from '../src/store/memory';
import { startChannels, type Harness } from './channels/harness';
import { expectInvariants } from './helpers';
import { hasMongo, MONGO_URI } from './store/mongo-server';

let h: Harness;
let client: LoopbackClient;
beforeEach(async () => {
  h = await startChannels({ TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_URL });
  client = new LoopbackClient(new URL(h.url), 4);
});
afterEach(async () => { client.close(); await h.close(); });

describe('the benchmark load', () => {
  it('takes 4 concurrent customers through whole orders by signed SMS, checking every reply', async () => {
    // 60 messages shared by 4 customers in a closed loop: whoever is quicker sends more, but at least 3 orders end.
    const r = await closedLoop(client, { customers: 4, maxMessages: 60, maxSeconds: 60, checkReplies: true });
    expect(r.failureSamples).toEqual([]);
    expect(r).toMatchObject({ messages: 60, failures: 0 });
    expect(r.orders).toBeGreaterThanOrEqual(3);
    expect((await h.core.store.listOrders({})).length).toBe(r.orders);
    await expectInvariants(h.core.store);
  });

  it('paced, sends every message it was asked for and times each one', async () => {
    const r = await paced(client, { customers: 4, rate: 200, maxMessages: 20, maxSeconds: 60, checkReplies: true });
    expect(r).toMatchObject({ messages: 20, failures: 0 });
    expect(r.latenciesMs).toHaveLength(20);
  });

  it('counts failures instead of stopping: a wrong signature is a failed message', async () => {
    const stranger = await startChannels({ PUBLIC_URL });
    const other = new LoopbackClient(new URL(stranger.url), 2);
    try {
      const r = await closedLoop(other, { customers: 2, maxMessages: 4, maxSeconds: 60, checkReplies: true });
      expect(r).toMatchObject({ messages: 4, failures: 4 });
      expect(r.failureSamples[0]).toContain('HTTP 403');
    } finally { other.close(); await stranger.close(); }
  });
});

describe('a store that fails every turn', () => {
  class FailingStore extends MemoryStore {
    override async beginTurn(): Promise<never> { throw new Error('store down'); }
  }

  it('fails every message in the load and in the dialogue by message, though each is answered with an apology', async () => {
    const broken = await startChannels({ TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_URL }, new FailingStore());
    const other = new LoopbackClient(new URL(broken.url), 2);
    try {
      const r = await closedLoop(other, { customers: 2, maxMessages: 4, maxSeconds: 60, checkReplies: true });
      expect(r).toMatchObject({ messages: 4, failures: 4 });
      expect(r.failureSamples[0]).toMatch(/^"hi" failed inside Grocer: Sorry/);
      await expect(dialogueCommands(other, async () => new Map())).rejects.toThrow(/^"hi" failed inside Grocer: Sorry/);
    } finally { other.close(); await broken.close(); }
  });
});

describe('store commands from /metrics', () => {
  it('sums grocer_store_commands_total by command, and says when there is none', () => {
    const before = parseCommandCounts('# HELP x\ngrocer_store_commands_total{command="find"} 10\ngrocer_store_commands_total{command="update"} 4\n');
    const after = parseCommandCounts('grocer_store_commands_total{command="find"} 25\ngrocer_store_commands_total{command="update"} 4\ngrocer_store_commands_total{command="insert"} 3\n');
    expect(commandsBetween(before, after)).toEqual({ total: 18, per: new Map([['find', 15], ['insert', 3]]) });
    expect(parseCommandCounts('grocer_messages_in_total{channel="sms"} 3\n')).toBeUndefined();
    expect(commandsBetween(undefined, after)).toBeUndefined();
  });
});

describe('store commands by message', () => {
  const msg = (text: string, per: [string, number][]): MessageCommands => ({ text, total: per.reduce((n, [, k]) => n + k, 0), per: new Map(per) });
  const few = [msg('hi', [['findAndModify', 1], ['update', 1]]), msg('yes', [['update', 2], ['insert', 1], ['findAndModify', 1]])];

  it('sends the bench dialogue as one new customer, a message at a time, and gives each message what changed during it', async () => {
    // Read here: the orders stored, which only the last message ("yes") changes.
    const rows = await dialogueCommands(client, async () => new Map([['orders', (await h.core.store.listOrders({})).length]]));
    expect(rows?.map((r) => r.text)).toEqual([...ORDER_DIALOGUE]);
    expect(rows?.map((r) => r.total)).toEqual([...ORDER_DIALOGUE.map(() => 0).slice(1), 1]);
    expect(rows?.at(-1)?.per).toEqual(new Map([['orders', 1]]));
    expect(await dialogueCommands(client, async () => undefined)).toBeUndefined();
  });

  it('prints them as a table, as one line, and names the messages that took more with more customers', () => {
    expect(commandsByMessageTable(few)).toBe([
      '| message | store commands | by command |',
      '|---|---|---|',
      '| hi | 2 | findAndModify 1, update 1 |',
      '| yes | 4 | update 2, findAndModify 1, insert 1 |',
      '| the whole dialogue | 6 (3.0 a message) | |',
    ].join('\n'));
    expect(commandsByMessageLine(few)).toBe('hi 2 · yes 4 (mean 3.0)');
    expect(grownMessages(few, [msg('hi', [['findAndModify', 1], ['update', 1]]), msg('yes', [['update', 2]])])).toEqual([]);
    expect(grownMessages(few, [msg('hi', [['findAndModify', 1], ['update', 1], ['find', 1]]), few[1]!])).toEqual(['hi 2 → 3']);
  });
});

describe.skipIf(!hasMongo)('seeded customers', () => {
  it('are distinct: every copy names its own phone and ids, in every collection, embedded ones too', async () => {
    const name = `grocer_seed_${process.pid}_${Date.now() % 100000}`;
    await seedCustomers(MONGO_URI, name, 0, 3);
    await seedCustomers(MONGO_URI, name, 3, 5);
    const mongo = await MongoClient.connect(MONGO_URI);
    try {
      const db = mongo.db(name);
      const customers = await db.collection('customers').find({}).toArray();
      const phones = customers.map((c) => String(c._id)).sort();
      expect(phones).toEqual(['+13035000000', '+13035000001', '+13035000002', '+13035000003', '+13035000004']);
      for (const { name: collection } of await db.listCollections({}, { nameOnly: true }).toArray()) {
        for (const doc of await db.collection(collection).find({}).toArray()) {
          const text = BSON.EJSON.stringify(doc);
          // One customer per document, and no template id left in a copy (holds[].phone, messages[].key, order ids …):
          // the template (customer 0) keeps its mark.
          expect(new Set(text.match(/\+13035\d{6}/g) ?? []).size, `${collection}: ${text.slice(0, 300)}`).toBeLessThanOrEqual(1);
          if (!text.includes('+13035000000')) expect(text, collection).not.toContain('SEEDMARK');
        }
      }
    } finally {
      await mongo.db(name).dropDatabase().catch(() => undefined);
      await mongo.close();
    }
  });
});

describe('docs/benchmarks.md', () => {
  const run = { when: '2026-12-07 12:00 UTC', cores: 2, cpu: 'Some CPU', node: 'v20.0.0', customers: 16, seconds: 99, loadBefore: 0.2, loadAfter: 1.9, quick: false };
  const rows: Row[] = [
    { what: 'bare endpoint: messages/s', figure: '2,609/s', target: 'ratio 1' },
    { what: 'Grocer, in-memory store: messages/s (ratio to bare)', figure: '1,064/s (0.41)', target: '≥ 0.8 × bare', met: false },
    { what: 'start-up to the first answer (npm start, in-memory store)', figure: '1.04 s', target: '≤ 1.5 s', met: true },
  ];

  it('says what is measured and how, then the run, its table, which targets it met and its notes', () => {
    const page = benchmarksPage(run, rows, ['growth check failed: timeout']);
    expect(page).toMatch(/^# Benchmarks\n/);
    const parts = [
      '`npm run bench` measures',
      '2026-12-07 12:00 UTC: 2 cores (Some CPU), Node v20.0.0; 16 concurrent customers',
      'load average 0.2 at the start, 1.9 at the end',
      '| what | figure | target | |\n|---|---|---|---|\n| bare endpoint: messages/s | 2,609/s | ratio 1 |  |\n',
      '| Grocer, in-memory store: messages/s (ratio to bare) | 1,064/s (0.41) | ≥ 0.8 × bare | NOT met |',
      '- Met on this run:\n  - start-up to the first answer (npm start, in-memory store): 1.04 s (target ≤ 1.5 s)\n',
      '- Not met:\n  - Grocer, in-memory store: messages/s (ratio to bare): 1,064/s (0.41) (target ≥ 0.8 × bare)\n',
      '- growth check failed: timeout',
    ];
    expect(parts.filter((p) => !page.includes(p))).toEqual([]);
  });

  it('shows one dialogue\'s store commands message by message when the run measured them', () => {
    const byMessage: MessageCommands[] = [{ text: 'hi', total: 2, per: new Map([['findAndModify', 1], ['update', 1]]) }];
    const page = benchmarksPage(run, rows, [], byMessage);
    expect(page).toContain('### Store commands by message (MongoDB)\n');
    expect(page).toContain('| hi | 2 | findAndModify 1, update 1 |');
    expect(benchmarksPage(run, rows, [])).not.toContain('Store commands by message');
  });

  it('in the repository is the writer\'s page, with a run and its table', () => {
    const page = readFileSync(BENCHMARKS_DOC, 'utf8');
    expect(page).toContain('Written by `npm run bench`');
    expect(page).toMatch(/## The latest run\n\nGrocer benchmark, \d{4}-\d\d-\d\d \d\d:\d\d UTC: /);
    expect(page).toContain('| what | figure | target | |');
  });
});
