// The benchmark's own parts, cheaply: its customers still get through a whole order on today's engine (so
// `npm run bench` measures orders, not error replies), it reads MongoDB command counts off /metrics, and it
// writes docs/benchmarks.md as a page a reader can follow.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTH_TOKEN, LoopbackClient, PUBLIC_URL } from '../scripts/bench/client';
import { closedLoop, paced } from '../scripts/bench/load';
import { BENCHMARKS_DOC, benchmarksPage, type Row } from '../scripts/bench/report';
import { commandsBetween, parseCommandCounts } from '../scripts/bench/store-commands';
import { startChannels, type Harness } from './channels/harness';
import { expectInvariants } from './helpers';

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

describe('store commands from /metrics', () => {
  it('sums grocer_store_commands_total by command, and says when there is none', () => {
    const before = parseCommandCounts('# HELP x\ngrocer_store_commands_total{command="find"} 10\ngrocer_store_commands_total{command="update"} 4\n');
    const after = parseCommandCounts('grocer_store_commands_total{command="find"} 25\ngrocer_store_commands_total{command="update"} 4\ngrocer_store_commands_total{command="insert"} 3\n');
    expect(commandsBetween(before, after)).toEqual({ total: 18, per: new Map([['find', 15], ['insert', 3]]) });
    expect(parseCommandCounts('grocer_messages_in_total{channel="sms"} 3\n')).toBeUndefined();
    expect(commandsBetween(undefined, after)).toBeUndefined();
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

  it('in the repository is the writer\'s page, with a run and its table', () => {
    const page = readFileSync(BENCHMARKS_DOC, 'utf8');
    expect(page).toContain('Written by `npm run bench`');
    expect(page).toMatch(/## The latest run\n\nGrocer benchmark, \d{4}-\d\d-\d\d \d\d:\d\d UTC: /);
    expect(page).toContain('| what | figure | target | |');
  });
});
