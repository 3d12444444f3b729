import { createHash, timingSafeEqual } from 'node:crypto';
import express, { Router, type RequestHandler } from 'express';
import { BotError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import { describeTelegramError } from './telegram-sender';
import { updateKind } from './telegram-update';

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Telegram's X-Telegram-Bot-Api-Secret-Token header, compared in constant time; 401 without it. */
function requireSecret(secretToken: string): RequestHandler {
  const expected = digest(secretToken);
  return (req, res, next) => {
    const given = req.headers['x-telegram-bot-api-secret-token'];
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
      res.status(401).end();
      return;
    }
    next();
  };
}

/** The update in a body express.json already parsed, or in text sent with another content type. */
function readUpdate(body: unknown): Update | undefined {
  let value = body;
  if (typeof body === 'string') {
    try { value = JSON.parse(body); } catch { return undefined; }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Number.isSafeInteger((value as { update_id?: unknown }).update_id) ? value as Update : undefined;
}

/**
 * Handles the update, then acknowledges it. An authentic update the bot cannot use (not JSON, no chat,
 * a field of the wrong shape, an unknown kind) gets 200 and a log line: Telegram would only send it
 * again. A failure while handling (the store or Telegram unreachable) answers 500, so Telegram delivers
 * the update again later; message ids stable across deliveries keep that from doing anything twice.
 */
export function telegramWebhook(o: { bot: Bot; secretToken: string; log: Logger }): Router {
  const router = Router();
  router.post(
    TELEGRAM_WEBHOOK_PATH,
    requireSecret(o.secretToken),
    // Only reads bodies express.json left alone (another content type).
    express.text({ type: () => true, limit: '64kb' }),
    async (req, res) => {
      const update = readUpdate(req.body);
      if (!update) {
        o.log.warn({ contentType: req.headers['content-type'] ?? 'none', kind: updateKind(req.body) }, 'unreadable telegram update ignored');
        res.status(200).end();
        return;
      }
      try {
        if (!o.bot.isInited()) await o.bot.init();
        await o.bot.handleUpdate(update);
        res.status(200).end();
      } catch (err) {
        const cause = err instanceof BotError ? err.error : err;
        o.log.error({ updateId: update.update_id, kind: updateKind(update), ...describeTelegramError(cause) }, 'telegram update failed; Telegram will deliver it again');
        res.status(500).end();
      }
    },
  );
  return router;
}
