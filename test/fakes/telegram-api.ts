import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

export interface BotCall {
  method: string;
  payload: Record<string, any>;
  /** Whether the fake accepted the call (false when a failure was injected). */
  ok: boolean;
}

/** A refusal as Telegram words it: HTTP status, description, and retry_after for 429s. */
export interface BotFailure {
  status: number;
  description: string;
  retryAfter?: number;
}

/** The refusals the tests need, worded as Telegram's Bot API words them. */
export const FAILURES = {
  tooManyRequests: (retryAfter: number): BotFailure => ({ status: 429, description: `Too Many Requests: retry after ${retryAfter}`, retryAfter }),
  blocked: { status: 403, description: 'Forbidden: bot was blocked by the user' } as BotFailure,
  internal: { status: 500, description: 'Internal Server Error' } as BotFailure,
  queryTooOld: { status: 400, description: 'Bad Request: query is too old and response timeout expired or query ID is invalid' } as BotFailure,
};

/**
 * A small stand-in for Telegram's Bot API on loopback: records every call, answers like Telegram does,
 * and fails on demand (`fail(method, failure, times)`), the way Telegram refuses: 429 with retry_after,
 * 403 blocked, 500, "query is too old".
 */
export async function startFakeTelegram(token: string) {
  const calls: BotCall[] = [];
  const updates: unknown[] = [];
  /** Per method, what its next calls get: a refusal, or undefined for a normal answer. */
  const failures = new Map<string, (BotFailure | undefined)[]>();
  let messageId = 100;
  const app = express();
  app.use(express.json());
  app.post('/bot:token/:method', async (req, res) => {
    if (req.params.token !== token) { res.status(401).json({ ok: false, error_code: 401, description: 'Unauthorized' }); return; }
    const method = req.params.method;
    const payload = req.body ?? {};
    const failure = failures.get(method)?.shift();
    calls.push({ method, payload, ok: !failure });
    if (failure) {
      res.status(failure.status).json({
        ok: false, error_code: failure.status, description: failure.description,
        ...(failure.retryAfter !== undefined ? { parameters: { retry_after: failure.retryAfter } } : {}),
      });
      return;
    }
    const result = new Map<string, () => unknown>([
      ['getMe', () => ({ id: 777, is_bot: true, first_name: 'Grocer', username: 'grocer_test_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false })],
      ['sendMessage', () => ({ message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(payload.chat_id), type: 'private' }, text: payload.text })],
      ['answerCallbackQuery', () => true],
      ['setWebhook', () => true],
      ['deleteWebhook', () => true],
      ['setMyCommands', () => true],
      ['getUpdates', () => updates.splice(0)],
    ]);
    // Long polling: hold an empty getUpdates a moment, as Telegram does, instead of answering at once.
    if (method === 'getUpdates' && updates.length === 0) await new Promise((r) => setTimeout(r, 50));
    const answer = result.get(method);
    if (!answer) { res.status(404).json({ ok: false, error_code: 404, description: 'Not Found: method not found' }); return; }
    res.json({ ok: true, result: answer() });
  });
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    /** Messages Telegram accepted. */
    sent: () => calls.filter((c) => c.method === 'sendMessage' && c.ok).map((c) => c.payload),
    queue: (u: unknown) => updates.push(u),
    /** After `after` normal answers, the next `times` calls of `method` are refused with `failure`. */
    fail(method: string, failure: BotFailure, { times = 1, after = 0 } = {}) {
      failures.set(method, [...(failures.get(method) ?? []), ...Array.from({ length: after }, () => undefined), ...Array.from({ length: times }, () => failure)]);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
