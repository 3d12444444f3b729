// Drives customers through whole orders over loopback: as fast as they can go (closed loop, to find the most
// messages a second), or paced at a fixed rate (open loop) to read latency at a given load. Latency is timed
// from when a message was due, so a stalled target cannot hide its queue (no coordinated omission).
import { LoopbackClient, MESSAGING_PATH, signedSms, twimlTexts } from './client';
import { freshPhone, ORDER_DIALOGUE, PLACED, TROUBLE } from './dialogue';

export interface LoadResult {
  messages: number;
  orders: number;
  failures: number;
  /** The first few failures, for the report (status and a short body). */
  failureSamples: string[];
  seconds: number;
  perSecond: number;
  latenciesMs: number[];
}

/** One customer's place in a whole order; a new phone for every order, so no per-phone limit is met. */
class Customer {
  private phone = freshPhone();
  private step = 0;

  constructor(private client: LoopbackClient, private checkReplies: boolean) {}

  /** Sends the next message; true when it completed an order. Throws a line describing an unexpected answer. */
  async next(): Promise<boolean> {
    const text = ORDER_DIALOGUE[this.step]!;
    const { headers, body } = signedSms(this.phone, text);
    const answer = await this.client.send('POST', MESSAGING_PATH, headers, body);
    const last = this.step === ORDER_DIALOGUE.length - 1;
    this.step += 1;
    if (last) { this.step = 0; this.phone = freshPhone(); }
    if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.body.slice(0, 120)}`);
    const texts = twimlTexts(answer.body);
    if (this.checkReplies && texts.length === 0) throw new Error(`no reply to "${text}"`);
    if (this.checkReplies && texts.includes(TROUBLE)) throw new Error(`"${text}" failed inside Grocer: ${TROUBLE}`);
    if (this.checkReplies && last && !PLACED.test(texts.join('\n'))) throw new Error(`"yes" placed no order: ${texts.join(' ').slice(0, 120)}`);
    return last;
  }
}

export interface LoadOptions {
  customers: number;
  /** Stop after this many messages or this many seconds, whichever comes first. */
  maxMessages: number;
  maxSeconds: number;
  /** The bare endpoint answers constant TwiML, so its replies are not checked. */
  checkReplies: boolean;
}

function collector() {
  const r = { messages: 0, orders: 0, failures: 0, failureSamples: [] as string[], latenciesMs: [] as number[] };
  return {
    r,
    async one(customer: Customer, dueAt: number) {
      try {
        if (await customer.next()) r.orders += 1;
      } catch (err) {
        r.failures += 1;
        if (r.failureSamples.length < 3) r.failureSamples.push((err as Error).message);
      }
      r.messages += 1;
      r.latenciesMs.push(performance.now() - dueAt);
    },
  };
}

/** Every customer sends its next message as soon as the last one is answered. */
export async function closedLoop(client: LoopbackClient, o: LoadOptions): Promise<LoadResult> {
  const { r, one } = collector();
  const started = performance.now();
  const deadline = started + o.maxSeconds * 1000;
  let sent = 0;
  await Promise.all(Array.from({ length: o.customers }, async () => {
    const customer = new Customer(client, o.checkReplies);
    while (sent < o.maxMessages && performance.now() < deadline) {
      sent += 1;
      await one(customer, performance.now());
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  return { ...r, seconds, perSecond: r.messages / seconds };
}

/** Messages fall due at `rate` a second; each goes to a customer whose last message was answered. */
export async function paced(client: LoopbackClient, o: LoadOptions & { rate: number }): Promise<LoadResult> {
  const { r, one } = collector();
  const idle = Array.from({ length: o.customers }, () => new Customer(client, o.checkReplies));
  const waiting: ((c: Customer) => void)[] = [];
  const release = (c: Customer) => { const w = waiting.shift(); if (w) w(c); else idle.push(c); };
  const take = () => idle.pop() ?? new Promise<Customer>((resolve) => waiting.push(resolve));
  const started = performance.now();
  const deadline = started + o.maxSeconds * 1000;
  const inFlight = new Set<Promise<void>>();
  for (let k = 0; k < o.maxMessages; k += 1) {
    const dueAt = started + (k * 1000) / o.rate;
    if (dueAt > deadline) break;
    const wait = dueAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const customer = await take();
    const p = one(customer, dueAt).then(() => { release(customer); inFlight.delete(p); });
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  return { ...r, seconds, perSecond: r.messages / seconds };
}

/** One customer at a time, one message at a time: the cost of a message with nothing else going on. */
export async function sequential(client: LoopbackClient, messages: number, maxSeconds = 60): Promise<LoadResult> {
  return closedLoop(client, { customers: 1, maxMessages: messages, maxSeconds, checkReplies: true });
}

export const percentile = (xs: number[], p: number): number => {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
};
