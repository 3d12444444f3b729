import { afterEach, describe, expect, it } from 'vitest';
import { webChatCodeSender } from '../../channels/web/code-sender';
import { loadConfig } from '../../src/config';
import { startFakeTwilioCodes } from '../fakes/twilio-verify';
import { startServer, type TestServer } from './server';

const ACCOUNT_SID = `AC${'b2'.repeat(16)}`;
const SERVICE_SID = `VA${'c3'.repeat(16)}`;
const PHONE = '+12025550188';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

/** The app with the code sender main.ts would build from these settings, the real twilio library talking to the fake. */
async function serve(settings: Record<string, string>) {
  const twilioApi = await startFakeTwilioCodes(ACCOUNT_SID, SERVICE_SID);
  cleanups.push(() => twilioApi.close());
  const env = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: 'twilio-auth-token-for-tests', TWILIO_API_BASE: twilioApi.url, STORE_NAME: 'Test Store', ...settings };
  const codeSender = webChatCodeSender(loadConfig(env));
  const s: TestServer = await startServer(env, { codeSender });
  cleanups.push(() => s.close());
  return { s, twilioApi };
}

describe('codes by Twilio Verify (TWILIO_VERIFY_SERVICE_SID)', () => {
  it('Verify sends the code and checks it; a wrong code is a 401, the right one signs in', async () => {
    const { s, twilioApi } = await serve({ TWILIO_VERIFY_SERVICE_SID: SERVICE_SID, TWILIO_SMS_NUMBER: '+12025550100' });
    expect((await s.get('/chat/session')).body.codes).toBe('verify');
    const b = s.browser();
    const sent = await b.post('/chat/verify', { phone: PHONE });
    expect(sent.status).toBe(202);
    expect(sent.body.via).toBe('verify');
    expect(twilioApi.verifications).toEqual([{ to: PHONE, channel: 'sms', code: expect.stringMatching(/^\d{6}$/) }]);
    expect(twilioApi.messages).toEqual([]);
    const code = twilioApi.verifications[0]!.code;

    const wrong = await b.post('/chat/verify/check', { phone: PHONE, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.attemptsLeft).toBe(4);
    const right = await b.post('/chat/verify/check', { phone: PHONE, code });
    expect(right.status).toBe(200);
    expect(right.headers.get('set-cookie')).toMatch(/^grocer_chat=/);
    expect(twilioApi.checks.map((c) => c.to)).toEqual([PHONE, PHONE]);
    expect((await b.post('/chat/messages', { text: 'hi' })).body.replies[0].text).toMatch(/Welcome to Test Store/);
  });

  it('our own limits still hold: no check reaches Verify after 5 attempts or 10 minutes', async () => {
    const { s, twilioApi } = await serve({ TWILIO_VERIFY_SERVICE_SID: SERVICE_SID });
    const b = s.browser();
    await b.post('/chat/verify', { phone: PHONE });
    for (let i = 0; i < 5; i += 1) expect((await b.post('/chat/verify/check', { phone: PHONE, code: '999999' })).status).toBe(401);
    const refused = await b.post('/chat/verify/check', { phone: PHONE, code: twilioApi.verifications[0]!.code });
    expect(refused.status).toBe(429);
    // It names the limit that was hit.
    expect(refused.body.error).toBe('That code was entered wrong 5 times, the most one code allows: ask for a new one.');
    expect(twilioApi.checks).toHaveLength(5);

    await b.post('/chat/verify', { phone: PHONE });
    s.core.clock.advance(11);
    expect((await b.post('/chat/verify/check', { phone: PHONE, code: twilioApi.verifications[1]!.code })).status).toBe(401);
    expect(twilioApi.checks).toHaveLength(5);
  });

  it('a number Twilio refuses is a 400; Twilio being down is a 503 to try again', async () => {
    const { s, twilioApi } = await serve({ TWILIO_VERIFY_SERVICE_SID: SERVICE_SID });
    twilioApi.refuseNext(400, 60200);
    const refused = await s.post('/chat/verify', { phone: PHONE });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/could not send a code to that number/);
    twilioApi.refuseNext(503, 20500);
    const down = await s.post('/chat/verify', { phone: PHONE });
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('60');
    expect(await s.core.store.getVerification(PHONE)).toBeUndefined();
  });
});

describe('codes by SMS (TWILIO_SMS_NUMBER, no Verify service)', () => {
  it('sends our own 6-digit code by SMS from the store number; the code in the text signs in', async () => {
    const { s, twilioApi } = await serve({ TWILIO_SMS_NUMBER: '+12025550100' });
    expect((await s.get('/chat/session')).body.codes).toBe('sms');
    const b = s.browser();
    expect((await b.post('/chat/verify', { phone: PHONE })).status).toBe(202);
    expect(twilioApi.messages).toHaveLength(1);
    const sms = twilioApi.messages[0]!;
    expect(sms).toMatchObject({ From: '+12025550100', To: PHONE });
    expect(sms.Body).toMatch(/^\d{6} is your Test Store web chat code\. It expires in 10 minutes\./);
    expect(s.printed).toEqual([]);
    const code = /^(\d{6})/.exec(sms.Body!)![1]!;
    expect((await b.post('/chat/verify/check', { phone: PHONE, code })).status).toBe(200);
    expect((await b.post('/chat/messages', { text: 'hi' })).status).toBe(200);
  });

  it('an SMS Twilio refuses (opted-out number) leaves no code behind', async () => {
    const { s, twilioApi } = await serve({ TWILIO_SMS_NUMBER: '+12025550100' });
    twilioApi.refuseNext(400, 21610);
    expect((await s.post('/chat/verify', { phone: PHONE })).status).toBe(400);
    expect(await s.core.store.getVerification(PHONE)).toBeUndefined();
  });

  it('with Twilio credentials but neither Verify nor an SMS number there is no sender', () => {
    expect(webChatCodeSender(loadConfig({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: 'twilio-auth-token-for-tests' }))).toBeUndefined();
    expect(webChatCodeSender(loadConfig({}))).toBeUndefined();
  });
});
