// The benchmark's own parts, cheaply: its customers still get through a whole order on today's engine (so
// `npm run bench` measures orders, not error replies), and it reads MongoDB command counts off /metrics.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTH_TOKEN, LoopbackClient, PUBLIC_URL } from '../scripts/bench/client';
import { closedLoop, paced } from '../scripts/bench/load';
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
