// `npm start` runs the production bundle (dist/main.js), not the TypeScript sources the other tests import.
// A bundler can break a library in ways the sources never show (esbuild renamed abort-controller's
// AbortSignal, and grammY's fetch refused every Bot API call), so this starts the bundle exactly as
// `npm start` does, with every channel configured against the local fakes, and exchanges a message on each.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/free-port';
import { startFakeGemini } from '../fakes/gemini-api';
import { startFakeTelegram } from '../fakes/telegram-api';
import { startFakeTwilio } from '../fakes/twilio-api';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = '123456:bundle-test-token-abcdefghij';
const SECRET = 'bundle-test-webhook-secret';
const ACCOUNT_SID = `AC${'b'.repeat(32)}`;
const AUTH_TOKEN = 'bundle-test-auth-token-0001';
const SMS_NUMBER = '+12025550100';
const API_TOKEN = 'bundle-test-api-token-00001';

const children: ChildProcess[] = [];
afterAll(() => { for (const c of children) if (c.exitCode === null) c.kill('SIGKILL'); });

/** `npm start` (scripts/run.mjs builds dist/ when stale, then runs dist/main.js); resolves once it listens. */
async function npmStart(env: Record<string, string>) {
  const child = spawn(process.execPath, ['scripts/run.mjs', 'main'], { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  for (let i = 0; i < 1200 && !/Web chat:/.test(out) && child.exitCode === null; i += 1) await new Promise((r) => setTimeout(r, 50));
  if (!/Web chat:/.test(out)) throw new Error(`npm start did not start:\n${out}`);
  return { child, output: () => out, stop: () => new Promise<void>((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); }) };
}

async function until<T>(read: () => T | undefined, what: string, ms = 15_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const value = read();
    if (value !== undefined) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('npm start (the production bundle) with every channel on, against local fakes', () => {
  let telegramApi: Awaited<ReturnType<typeof startFakeTelegram>>;
  let twilioApi: Awaited<ReturnType<typeof startFakeTwilio>>;
  let gemini: Awaited<ReturnType<typeof startFakeGemini>>;
  let base: Record<string, string>;

  beforeAll(async () => {
    [telegramApi, twilioApi, gemini] = await Promise.all([startFakeTelegram(TOKEN), startFakeTwilio(ACCOUNT_SID), startFakeGemini()]);
    base = {
      HOST: '127.0.0.1', API_TOKEN, ADMIN_TOKEN: 'bundle-test-admin-token-0001',
      TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegramApi.url, TELEGRAM_WEBHOOK_SECRET: SECRET,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_SMS_NUMBER: SMS_NUMBER, TWILIO_API_BASE: twilioApi.url,
      GEMINI_API_KEY: 'bundle-test-gemini-key', GEMINI_BASE_URL: gemini.url,
    };
  }, 60_000);
  afterAll(async () => { await Promise.all([telegramApi?.close(), twilioApi?.close(), gemini?.close()]); });

  it('Telegram by webhook, SMS and Gemini each carry a message', async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const app = await npmStart({ ...base, PORT: String(port), PUBLIC_URL: publicUrl, TELEGRAM_MODE: 'webhook' });
    try {
      // Telegram: the webhook was registered with the fake, and an update posted to it gets an answer there.
      const hook = telegramApi.calls.find((c) => c.method === 'setWebhook');
      expect(hook?.ok, app.output()).toBe(true);
      expect(hook!.payload.url).toBe(`${publicUrl}/telegram/webhook`);
      const user = 4242;
      const res = await fetch(`${publicUrl}/telegram/webhook`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify({ update_id: 1, message: { message_id: 1, date: 1, chat: { id: user, type: 'private' }, from: { id: user, is_bot: false, first_name: 'Tess' }, text: 'hi' } }),
      });
      expect(res.status).toBe(200);
      const answer = await until(() => telegramApi.sent().find((m) => String(m.chat_id) === String(user)), 'a Telegram answer');
      expect(String(answer.text)).toMatch(/\w/);

      // SMS: a signed Twilio webhook is answered in TwiML.
      const params = { MessageSid: `SM${'1'.repeat(32)}`, AccountSid: ACCOUNT_SID, From: '+12025550155', To: SMS_NUMBER, Body: 'hello', NumMedia: '0' };
      const sms = await fetch(`${publicUrl}/twilio/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${publicUrl}/twilio/messages`, params) },
        body: new URLSearchParams(params).toString(),
      });
      expect(sms.status).toBe(200);
      expect(await sms.text()).toMatch(/<Message>[^<]*\w/);

      // Gemini: a message the rules cannot read is asked of the model, through the bundled client.
      const asked = gemini.requests.length;
      const say = (text: string, messageId: string) => fetch(`${publicUrl}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${API_TOKEN}` },
        body: JSON.stringify({ from: '+12025550166', text, messageId }),
      });
      for (const [i, t] of ['hi', 'Ann', 'pickup'].entries()) expect((await say(t, `g${i}`)).status).toBe(200);
      expect((await say('something nice for a picnic by the river, whatever you think', 'g9')).status).toBe(200);
      expect(gemini.requests.length).toBeGreaterThan(asked);
    } finally {
      await app.stop();
    }
  }, 120_000);

  it('Telegram by long polling: an update queued at the fake is fetched and answered', async () => {
    const port = await freePort();
    const app = await npmStart({ ...base, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, TELEGRAM_MODE: 'polling' });
    try {
      const user = 5151;
      telegramApi.queue({ update_id: 77, message: { message_id: 2, date: 1, chat: { id: user, type: 'private' }, from: { id: user, is_bot: false, first_name: 'Pol' }, text: 'hi' } });
      const answer = await until(() => telegramApi.sent().find((m) => String(m.chat_id) === String(user)), 'a Telegram answer to a polled update');
      expect(String(answer.text)).toMatch(/\w/);
    } finally {
      await app.stop();
    }
  }, 120_000);
});
