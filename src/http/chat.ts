import { Router, type Request, type Response } from 'express';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Core } from '../core';
import type { ConversationsPort, HoldsPort, TranscriptsPort } from '../store/store';
import type { TranscriptEntry } from '../domain/owner';
import { toE164 } from '../domain/phone';
import type { Option } from '../domain/types';
import { isPushed } from '../notify/web-inbox';
import { priceLines } from '../orders/orders';
import { parseOr400 } from './errors';
import { budget, clientIp, consume, perIp, tooMany } from './rate-limit';
import { toWebReply } from './replies';
import { chatCheckBody, chatMessageBody, chatVerifyBody } from './schemas';
import { chatHistoryQuery, chatUpdatesQuery } from './admin-inbox-schemas';
import type { ChatSessions } from './session';
import { CODE_ATTEMPTS, type PhoneVerification } from './verification';

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
  too_many: `That code was entered wrong ${CODE_ATTEMPTS} times, the most one code allows: ask for a new one.`,
  wrong: 'That code is not right.',
  signIn: 'Verify your phone number first.',
} as const;

/** How many of the latest transcript entries /chat/updates looks through (the store rarely sends more between polls). */
const UPDATES_WINDOW = 50;
/** How many messages /chat/history returns unless asked for another number. */
const HISTORY_DEFAULT = 100;

const iso = (t: number) => new Date(t).toISOString();

/**
 * A kept message as the web chat shows it: the transcript keeps a reply's options as the numbered list SMS
 * reads (see replyText); the page shows the open question's options as buttons instead, so the list is cut.
 */
export function withoutOptionList(text: string): string {
  const lines = text.split('\n');
  const first = lines.map((l) => l.startsWith('1. ')).lastIndexOf(true);
  if (first < 1 || !lines.slice(first).every((l, i) => l.startsWith(`${i + 1}. `))) return text;
  return lines.slice(0, first).join('\n');
}

/**
 * A kept reply's list, read back from its words (copy.ts writes a list as its intro, a `• ` line an item, its
 * closing words), so the page shows it as it showed the answer; undefined when the words hold no such list.
 */
export function listOf(text: string): { intro: string; items: { label: string }[]; outro?: string } | undefined {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.startsWith('• '));
  if (first < 1) return undefined;
  let end = first;
  while (end < lines.length && lines[end]!.startsWith('• ')) end += 1;
  if (lines.slice(end).some((l) => l.startsWith('• '))) return undefined;
  const outro = lines.slice(end).join('\n');
  return { intro: lines.slice(0, first).join('\n'), items: lines.slice(first, end).map((l) => ({ label: l.slice(2) })), ...(outro ? { outro } : {}) };
}

/**
 * What the web chat's page shows of an entry: who wrote it, when, and the message. A reply the outbox kept
 * is rendered as an answer is (toWebReply); other entries keep only their words (a reply's list read back).
 */
const shown = (e: TranscriptEntry) => {
  if (e.from === 'customer') return { at: iso(e.at), from: e.from, text: e.text };
  if (e.reply) return { at: iso(e.at), from: e.from, ...toWebReply(e.reply) };
  const text = withoutOptionList(e.text);
  const list = listOf(text);
  return { at: iso(e.at), from: e.from, text, ...(list ? { list } : {}) };
};

/**
 * The mark a page passes as `after` next time: the latest instant of what the store sent unasked, never this
 * server's clock (another process may stamp the next entry).
 */
const pushMark = (entries: TranscriptEntry[], after: number) => Math.max(after, ...entries.filter(isPushed).map((e) => e.at));

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
/** What the web chat's routes use. */
export type ChatDeps = Pick<Core, 'config' | 'log' | 'clock' | 'catalog' | 'promotions' | 'engine'> & {
  store: Pick<ConversationsPort, 'getConversation'> & Pick<HoldsPort, 'listHolds'> & Pick<TranscriptsPort, 'listTranscript'>;
};

export function chatRoutes(core: ChatDeps, o: ChatRouteOptions): Router {
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

  /** The verified phone of the request; else 401 is answered and undefined returned. */
  const signedIn = async (req: Request, res: Response) => {
    const phone = await o.sessions.phone(req);
    if (!phone) res.status(401).json({ error: CHAT_ERRORS.signIn });
    return phone;
  };

  /** The question on the table: the conversation's options, with the words of the reply that offered them. */
  const asking = async (phone: string): Promise<{ text?: string; options: Option[] } | null> => {
    const conv = await core.store.getConversation(phone);
    const options = conv?.stage === 'handoff' ? [] : conv?.options ?? [];
    if (!options.length) return null;
    const last = conv?.lastTurn?.replies.at(-1);
    const same = last?.options?.length === options.length && last.options.every((o, i) => o.id === options[i]!.id);
    return { ...(same ? { text: last.text } : {}), options: options.map((o) => ({ id: o.id, label: o.label })) };
  };

  /** The cart as it stands, read only (an overdue line is left out; the customer's next turn expires it and says so). */
  const cart = async (phone: string) => {
    const now = core.clock.now();
    const holds = (await core.store.listHolds({ phone, status: 'active' })).filter((h) => h.expiresAt > now);
    const lines = priceLines(holds, core.catalog.products(), { promotions: await core.promotions.current(), now });
    return {
      lines: lines.map((l) => ({
        sku: l.sku, name: l.name, qty: l.qty, unit: l.unit, label: core.engine.copy.amount(l.unit, l.qty, l.name),
        lineTotalCents: l.lineTotalCents, ...(l.discountCents ? { discountCents: l.discountCents } : {}),
      })),
      totalCents: lines.reduce((sum, l) => sum + l.lineTotalCents, 0),
      currency: core.config.CURRENCY,
      locale: core.config.LOCALE,
    };
  };

  router.post('/chat/messages', async (req, res) => {
    const phone = await signedIn(req, res);
    if (!phone) return;
    const body = parseOr400(chatMessageBody, req.body, res, 'message');
    if (!body) return;
    const replies = await core.engine.handle({ channel: 'web', phone, text: body.text, messageId: body.messageId, ...(body.option ? { option: body.option } : {}) });
    res.json({ replies: replies.map(toWebReply) });
  });

  // What the store sent this customer unasked since the page last asked: order updates, notices, staff
  // answers (the page polls it). The bot's answers to the page's own messages come with those messages.
  router.get('/chat/updates', async (req, res) => {
    const phone = await signedIn(req, res);
    if (!phone) return;
    const q = parseOr400(chatUpdatesQuery, req.query, res, 'query');
    if (!q) return;
    res.set('Cache-Control', 'no-store');
    const recent = await core.store.listTranscript(phone, UPDATES_WINDOW);
    // A page that has no mark gets what was sent since the customer last wrote: news they have not seen.
    const after = q.after !== undefined ? Date.parse(q.after) : Math.max(0, ...recent.filter((e) => e.from === 'customer').map((e) => e.at));
    const messages = recent.filter((e) => e.at > after && e.channel === 'web' && isPushed(e)).map(shown);
    res.json({ messages, until: iso(pushMark(recent, after)), ...(messages.length ? { asking: await asking(phone) } : {}) });
  });

  // Where the customer was: the web chat's recent messages, the cart and the open question (the page shows
  // them when it opens, so a reload or a sign-in elsewhere carries on), and the mark to poll updates from.
  router.get('/chat/history', async (req, res) => {
    const phone = await signedIn(req, res);
    if (!phone) return;
    const q = parseOr400(chatHistoryQuery, req.query, res, 'query');
    if (!q) return;
    res.set('Cache-Control', 'no-store');
    const limit = q.limit ?? HISTORY_DEFAULT;
    // At least the window /chat/updates reads, so nothing shown here comes again from there.
    const recent = await core.store.listTranscript(phone, Math.max(limit, UPDATES_WINDOW));
    const [open, held] = await Promise.all([asking(phone), cart(phone)]);
    res.json({
      messages: recent.filter((e) => e.channel === 'web').slice(-limit).map(shown),
      cart: held,
      asking: open,
      until: iso(pushMark(recent, 0)),
    });
  });

  router.post('/chat/logout', async (req, res) => {
    await o.sessions.end(req, res);
    res.status(204).end();
  });

  return router;
}
