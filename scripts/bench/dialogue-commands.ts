// The store commands of each message of one bench dialogue (scripts/bench/dialogue.ts): one fresh customer,
// one signed SMS webhook at a time, as the load sends them, each message's commands read off the counts
// before and after it (from /metrics on a running Grocer). Whatever else the server does meanwhile (a job's
// tick, a notification sent after the answer) counts with the message it falls in: figures as measured.
import type { LoopbackClient } from './client';
import { MESSAGING_PATH, signedSms, twimlTexts } from './client';
import { freshPhone, ORDER_DIALOGUE, PLACED, TROUBLE } from './dialogue';
import { commandsBetween, type CommandCounts } from './store-commands';

export interface MessageCommands {
  text: string;
  total: number;
  /** By command name (find, update, findAndModify, …). */
  per: Map<string, number>;
}

/** Work a message set going after its answer (a notification, a log line) lands before its count is read. */
const SETTLE_MS = 20;

/**
 * Sends the dialogue as one new customer and returns each message's commands; undefined when the counts
 * are not exported. Throws when a message is not answered (or answered with the engine's apology) or the
 * last one places no order.
 */
export async function dialogueCommands(client: LoopbackClient, readCounts: () => Promise<CommandCounts | undefined>): Promise<MessageCommands[] | undefined> {
  const phone = freshPhone();
  const out: MessageCommands[] = [];
  for (const text of ORDER_DIALOGUE) {
    const before = await readCounts();
    const { headers, body } = signedSms(phone, text);
    const answer = await client.send('POST', MESSAGING_PATH, headers, body);
    const texts = twimlTexts(answer.body);
    if (answer.status !== 200 || texts.length === 0) throw new Error(`"${text}" was not answered: HTTP ${answer.status} ${answer.body.slice(0, 120)}`);
    if (texts.includes(TROUBLE)) throw new Error(`"${text}" failed inside Grocer: ${TROUBLE}`);
    if (text === ORDER_DIALOGUE.at(-1) && !PLACED.test(texts.join('\n'))) throw new Error(`"${text}" placed no order: ${texts.join(' ').slice(0, 120)}`);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const between = commandsBetween(before, await readCounts());
    if (!between) return undefined;
    out.push({ text, total: between.total, per: between.per });
  }
  return out;
}

const byCommand = (per: Map<string, number>) => [...per].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c, n]) => `${c} ${n}`).join(', ');

/** A Markdown table: each message, its commands, and which. */
export function commandsByMessageTable(rows: MessageCommands[]): string {
  const total = rows.reduce((n, r) => n + r.total, 0);
  return [
    '| message | store commands | by command |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.text} | ${r.total} | ${byCommand(r.per)} |`),
    `| the whole dialogue | ${total} (${(total / rows.length).toFixed(1)} a message) | |`,
  ].join('\n');
}

/** One line for the figure column: each message's count in order, e.g. `hi 2 · Sam Bench 2 · … (mean 2.4)`. */
export function commandsByMessageLine(rows: MessageCommands[]): string {
  const total = rows.reduce((n, r) => n + r.total, 0);
  return `${rows.map((r) => `${r.text} ${r.total}`).join(' · ')} (mean ${(total / rows.length).toFixed(1)})`;
}

/** The messages that took more commands with many customers stored than with few: "text few → many". */
export function grownMessages(few: MessageCommands[], many: MessageCommands[]): string[] {
  return many.flatMap((m, i) => {
    const f = few[i];
    return f && m.total > f.total ? [`${m.text} ${f.total} → ${m.total}`] : [];
  });
}
