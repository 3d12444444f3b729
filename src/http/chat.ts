import { Router, type Response } from 'express';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Core } from '../core';
import { toE164 } from '../domain/phone';
import { parseOr400 } from './errors';
import { budget, clientIp, consume, perIp, tooMany } from './rate-limit';
import { toApiReply } from './replies';
import { chatCheckBody, chatMessageBody, chatVerifyBody } from './schemas';
import { chatUpdatesQuery } from './admin-inbox-schemas';
import type { ChatSessions } from './session';
import type { PhoneVerification } from './verification';

/** What the chat page shows when a request is refused (the page prints `error` as it is). */
export const CHAT_ERRORS = {
  unavailable: 'The web chat is unavailable: this store has no way to send verification codes. Please reach us on another channel.',
  rejected: 'We could not send a code to that number. Check it, or use a number that can receive text messages.',
  failed: 'We could not send the code just now. Please try again in a minute.',
  // Over a limit, the sentence names the limit hit; rate-limit.ts adds its size and the wait in minutes.
  tooManyCodesForNumber: 'Too many codes were asked for this phone number',
  tooManyCodesFromHere: 'Too many codes were asked from this network address',
  tooManyFromHere: 'Too many requests from this network address',
  no_code: 'There is no code waiting for that number: ask for a new one.',
  expired: 'That code has expired: ask for a new one.',
  too_many: 'Too many wrong codes: ask for a new one.',
  wrong: 'That code is not right.',
  signIn: 'Verify your phone number first.',
} as const;

/** How many of the latest transcript entries /chat/updates looks through (staff rarely write more between polls). */
const UPDATES_WINDOW = 50;

export interface ChatRouteOptions {
  sessions: ChatSessions;
  verification: PhoneVerification;
  limits: {
    /** Every /chat request, per client IP. */
    perIp: RateLimiterAbstract;
    /** Code sends, per client IP (each one may cost an SMS). */
    codesPerIp: RateLimiterAbstract;
    /** Code sends, per phone number. */
    codesPerPhone: RateLimiterAbstract;
  };
}

/**
 * The public web chat: verify a phone with a one-time code, then chat as that phone with a signed session
 * cookie. Every route is limited per client IP.
 */
export function chatRoutes(core: Core, o: ChatRouteOptions): Router {
  const router = Router();
  router.use('/chat', perIp(o.limits.perIp, CHAT_ERRORS.tooManyFromHere));

  const phoneOr400 = (value: string, res: Response) => {
    const p = toE164(value, core.config.DEFAULT_COUNTRY);
    if (p.ok) return p.phone;
    res.status(400).json({ error: 'invalid phone', details: [`phone: ${p.reason}`] });
    return undefined;
  };

  router.get('/chat/session', async (req, res) => {
    res.set('Cache-Control', 'no-store').json({ phone: (await o.sessions.phone(req)) ?? null, codes: o.verification.delivery });
  });

  router.post('/chat/verify', async (req, res) => {
    const body = parseOr400(chatVerifyBody, req.body, res, 'request');
    if (!body) return;
    const phone = phoneOr400(body.phone, res);
    if (!phone) return;
    if (o.verification.delivery === 'unavailable') { res.status(503).json({ error: CHAT_ERRORS.unavailable }); return; }
    const budgets = [
      [o.limits.codesPerIp, clientIp(req), CHAT_ERRORS.tooManyCodesFromHere],
      [o.limits.codesPerPhone, phone, CHAT_ERRORS.tooManyCodesForNumber],
    ] as const;
    for (const [limiter, key, limit] of budgets) {
      const r = await consume(limiter, key);
      if (!r.ok) { tooMany(res, r.retryAfterSeconds, `${limit} (${budget(limiter)}).`); return; }
    }
    const started = await o.verification.start(phone);
    if (started.ok) { res.status(202).json({ sent: true, via: started.via }); return; }
    if (started.reason === 'rejected') { res.status(400).json({ error: CHAT_ERRORS.rejected }); return; }
    if (started.reason === 'unavailable') { res.status(503).json({ error: CHAT_ERRORS.unavailable }); return; }
    core.log.warn({ route: '/chat/verify' }, 'could not send a web chat code');
    res.status(503).set('Retry-After', '60').json({ error: CHAT_ERRORS.failed });
  });

  router.post('/chat/verify/check', async (req, res) => {
    const body = parseOr400(chatCheckBody, req.body, res, 'request');
    if (!body) return;
    const phone = phoneOr400(body.phone, res);
    if (!phone) return;
    const checked = await o.verification.check(phone, body.code);
    if (checked.ok) {
      await o.sessions.issue(res, phone);
      res.json({ phone });
      return;
    }
    if (checked.reason === 'too_many') { res.status(429).json({ error: CHAT_ERRORS.too_many }); return; }
    if (checked.reason === 'failed') { res.status(503).set('Retry-After', '60').json({ error: CHAT_ERRORS.failed }); return; }
    const left = checked.attemptsLeft;
    const hint = checked.reason === 'wrong' && left !== undefined
      ? (left > 0 ? ` ${left} ${left === 1 ? 'try' : 'tries'} left.` : ' Ask for a new one.')
      : '';
    res.status(401).json({ error: CHAT_ERRORS[checked.reason] + hint, ...(left !== undefined ? { attemptsLeft: left } : {}) });
  });

  router.post('/chat/messages', async (req, res) => {
    const phone = await o.sessions.phone(req);
    if (!phone) { res.status(401).json({ error: CHAT_ERRORS.signIn }); return; }
    const body = parseOr400(chatMessageBody, req.body, res, 'message');
    if (!body) return;
    const replies = await core.engine.handle({ channel: 'web', phone, text: body.text, messageId: body.messageId, ...(body.option ? { option: body.option } : {}) });
    res.json({ replies: replies.map(toApiReply) });
  });

  // What the store's staff wrote to this customer since the page last asked (the page polls it).
  router.get('/chat/updates', async (req, res) => {
    const phone = await o.sessions.phone(req);
    if (!phone) { res.status(401).json({ error: CHAT_ERRORS.signIn }); return; }
    const q = parseOr400(chatUpdatesQuery, req.query, res, 'query');
    if (!q) return;
    res.set('Cache-Control', 'no-store');
    const recent = await core.store.listTranscript(phone, UPDATES_WINDOW);
    // A page just opened gets what the staff wrote since the customer last wrote: answers they have not seen.
    const after = q.after !== undefined ? Date.parse(q.after) : Math.max(0, ...recent.filter((e) => e.from === 'customer').map((e) => e.at));
    const messages = recent
      .filter((e) => e.at > after && e.from === 'staff' && e.channel === 'web')
      .map((e) => ({ at: new Date(e.at).toISOString(), from: 'staff' as const, text: e.text }));
    // The mark is a transcript instant, never this server's clock: another process may stamp the next entry.
    const until = Math.max(after, ...recent.filter((e) => e.from === 'staff').map((e) => e.at));
    res.json({ messages, until: new Date(until).toISOString() });
  });

  router.post('/chat/logout', async (req, res) => {
    await o.sessions.end(req, res);
    res.status(204).end();
  });

  return router;
}
