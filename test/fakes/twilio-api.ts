import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** A small stand-in for Twilio's REST API (Messages) on loopback: records each message; can fail on demand. */
export async function startFakeTwilio(accountSid: string) {
  const messages: Record<string, string>[] = [];
  let failNext = 0;
  let delayMs = 0;
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.post('/2010-04-01/Accounts/:sid/Messages.json', async (req, res) => {
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    if (req.params.sid !== accountSid || !req.get('authorization')?.startsWith('Basic ')) { res.status(401).json({ code: 20003, message: 'Authenticate', status: 401 }); return; }
    if (failNext > 0) { failNext -= 1; res.status(503).json({ code: 20500, message: 'Service Unavailable', status: 503 }); return; }
    const body = req.body as Record<string, string>;
    messages.push(body);
    res.status(201).json({ sid: `SM${String(messages.length).padStart(32, '0')}`, account_sid: accountSid, status: 'queued', from: body.From, to: body.To, body: body.Body ?? null, date_created: new Date().toUTCString() });
  });
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    messages,
    failNextRequests: (n: number) => { failNext = n; },
    delay: (ms: number) => { delayMs = ms; },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
