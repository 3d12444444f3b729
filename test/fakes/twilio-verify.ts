import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/**
 * A small stand-in for the two Twilio APIs that carry web chat codes, on loopback: Verify (it makes, "sends"
 * and checks codes) and Messages (it records each SMS). Either can be told to refuse the next request.
 */
export async function startFakeTwilioCodes(accountSid: string, serviceSid: string) {
  const pending = new Map<string, string>();
  const verifications: { to: string; channel: string; code: string }[] = [];
  const checks: { to: string; code: string }[] = [];
  const messages: Record<string, string>[] = [];
  let refuse: { status: number; code: number } | undefined;
  let nextCode = 100_000;
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  const authorised: express.RequestHandler = (req, res, next) => {
    if (!req.get('authorization')?.startsWith('Basic ')) { res.status(401).json({ code: 20003, message: 'Authenticate', status: 401 }); return; }
    if (refuse) { const r = refuse; refuse = undefined; res.status(r.status).json({ code: r.code, message: 'refused by the fake', status: r.status }); return; }
    next();
  };
  const unknownService = (sid: string | string[] | undefined, res: express.Response) => {
    if (sid === serviceSid) return false;
    res.status(404).json({ code: 20404, message: 'The requested resource was not found', status: 404 });
    return true;
  };
  app.post('/v2/Services/:sid/Verifications', authorised, (req, res) => {
    if (unknownService(req.params.sid, res)) return;
    const { To: to, Channel: channel } = req.body as Record<string, string>;
    const code = String((nextCode += 13_579) % 1_000_000).padStart(6, '0');
    pending.set(to!, code);
    verifications.push({ to: to!, channel: channel!, code });
    res.status(201).json({ sid: `VE${String(verifications.length).padStart(32, '0')}`, service_sid: serviceSid, account_sid: accountSid, to, channel, status: 'pending', valid: false });
  });
  app.post('/v2/Services/:sid/VerificationCheck', authorised, (req, res) => {
    if (unknownService(req.params.sid, res)) return;
    const { To: to, Code: code } = req.body as Record<string, string>;
    checks.push({ to: to!, code: code! });
    const expected = pending.get(to!);
    if (!expected) { res.status(404).json({ code: 20404, message: 'The requested resource was not found', status: 404 }); return; }
    const approved = expected === code;
    if (approved) pending.delete(to!);
    res.status(200).json({ sid: 'VE0', service_sid: serviceSid, account_sid: accountSid, to, channel: 'sms', status: approved ? 'approved' : 'pending', valid: approved });
  });
  app.post('/2010-04-01/Accounts/:sid/Messages.json', authorised, (req, res) => {
    if (req.params.sid !== accountSid) { res.status(401).json({ code: 20003, message: 'Authenticate', status: 401 }); return; }
    const body = req.body as Record<string, string>;
    messages.push(body);
    res.status(201).json({ sid: `SM${String(messages.length).padStart(32, '0')}`, account_sid: accountSid, status: 'queued', from: body.From, to: body.To, body: body.Body ?? null });
  });
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    verifications,
    checks,
    messages,
    /** The next request is answered with this HTTP status and Twilio error code. */
    refuseNext: (status: number, code: number) => { refuse = { status, code }; },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
