import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/**
 * How the next request goes: 'ok', a Twilio error code it answers with (21610 opted out, 21211 invalid
 * number, 21614 not a mobile, 63016 outside the WhatsApp window), an HTTP failure (500, 503, 429), or
 * 'hang': Twilio takes the message but the answer never comes (the connection drops unanswered);
 * 'stall': Twilio takes it and the connection stays open, silent, until the client gives up.
 */
export type Outcome = 'ok' | 'hang' | 'stall' | 21610 | 21211 | 21614 | 63016 | 500 | 503 | 429;

const REFUSALS: ReadonlyMap<Outcome, { status: number; code: number; message: string }> = new Map<Outcome, { status: number; code: number; message: string }>([
  [21610, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' }],
  [21211, { status: 400, code: 21211, message: "The 'To' number is not a valid phone number." }],
  [21614, { status: 400, code: 21614, message: "'To' number is not a valid mobile number" }],
  [63016, { status: 400, code: 63016, message: 'Failed to send freeform message because you are outside the allowed window.' }],
  [500, { status: 500, code: 20500, message: 'Internal Server Error' }],
  [503, { status: 503, code: 20503, message: 'Service Unavailable' }],
  [429, { status: 429, code: 20429, message: 'Too Many Requests' }],
]);

/** A small stand-in for Twilio's REST API (Messages) on loopback: records each message; fails on demand. */
export async function startFakeTwilio(accountSid: string) {
  /** Messages Twilio took (including those whose answer was lost). */
  const messages: Record<string, string>[] = [];
  /** Every request that reached it, taken or not. */
  const requests: Record<string, string>[] = [];
  const plan: Outcome[] = [];
  let delayMs = 0;
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.post('/2010-04-01/Accounts/:sid/Messages.json', async (req, res) => {
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    if (req.params.sid !== accountSid || !req.get('authorization')?.startsWith('Basic ')) { res.status(401).json({ code: 20003, message: 'Authenticate', status: 401 }); return; }
    const body = req.body as Record<string, string>;
    requests.push(body);
    const outcome = plan.shift() ?? 'ok';
    const refusal = REFUSALS.get(outcome);
    if (refusal) {
      if (outcome === 429) res.set('Retry-After', '1');
      res.status(refusal.status).json({ code: refusal.code, message: refusal.message, more_info: `https://www.twilio.com/docs/errors/${refusal.code}`, status: refusal.status });
      return;
    }
    messages.push(body);
    const sid = `SM${String(messages.length).padStart(32, '0')}`;
    if (outcome === 'hang') { req.socket.destroy(); return; }
    if (outcome === 'stall') return;
    res.status(201).json({ sid, account_sid: accountSid, status: 'queued', from: body.From, to: body.To, body: body.Body ?? null, date_created: new Date().toUTCString() });
  });
  app.get('/2010-04-01/Accounts/:sid/Messages/:messageSid.json', (req, res) => {
    const n = Number(req.params.messageSid.slice(2)) - 1;
    const m = messages[n];
    if (req.params.sid !== accountSid || !m) { res.status(404).json({ code: 20404, message: 'The requested resource was not found', status: 404 }); return; }
    res.json({ sid: req.params.messageSid, account_sid: accountSid, status: 'undelivered', from: m.From, to: m.To, body: m.Body ?? null });
  });
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    messages,
    requests,
    /** The SID the fake gave the nth message it took (0-based). */
    sidOf: (n: number) => `SM${String(n + 1).padStart(32, '0')}`,
    /** The next requests go as listed, in order; after the list, every request succeeds. */
    plan: (...outcomes: Outcome[]) => { plan.push(...outcomes); },
    failNextRequests: (n: number) => { plan.push(...Array.from({ length: n }, () => 503 as const)); },
    delay: (ms: number) => { delayMs = ms; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
