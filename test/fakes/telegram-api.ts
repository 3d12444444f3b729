import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

export interface BotCall {
  method: string;
  payload: Record<string, any>;
}

/** A small stand-in for Telegram's Bot API on loopback: records every call, answers like Telegram does. */
export async function startFakeTelegram(token: string) {
  const calls: BotCall[] = [];
  const updates: unknown[] = [];
  let messageId = 100;
  const app = express();
  app.use(express.json());
  app.post('/bot:token/:method', async (req, res) => {
    if (req.params.token !== token) { res.status(401).json({ ok: false, error_code: 401, description: 'Unauthorized' }); return; }
    const method = req.params.method;
    const payload = req.body ?? {};
    calls.push({ method, payload });
    const result: Record<string, () => unknown> = {
      getMe: () => ({ id: 777, is_bot: true, first_name: 'Grocer', username: 'grocer_test_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false }),
      sendMessage: () => ({ message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(payload.chat_id), type: 'private' }, text: payload.text }),
      answerCallbackQuery: () => true,
      setWebhook: () => true,
      deleteWebhook: () => true,
      getUpdates: () => updates.splice(0),
    };
    // Long polling: hold an empty getUpdates a moment, as Telegram does, instead of answering at once.
    if (method === 'getUpdates' && updates.length === 0) await new Promise((r) => setTimeout(r, 50));
    const answer = result[method];
    if (!answer) { res.status(404).json({ ok: false, error_code: 404, description: 'Not Found: method not found' }); return; }
    res.json({ ok: true, result: answer() });
  });
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    sent: () => calls.filter((c) => c.method === 'sendMessage').map((c) => c.payload),
    queue: (u: unknown) => updates.push(u),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
