import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { ConsoleEvent, ConsoleEvents } from '../events/console-events';
import { tooMany } from './rate-limit';
import { sessionOf } from './auth';

/** How often an idle stream says it is alive, so proxies and the browser keep it open. */
export const HEARTBEAT_MS = 15_000;

/** Streams one web process keeps open: per bearer token (a console tab each), and in all. */
export const STREAM_CAPS = { perToken: 10, total: 50 } as const;

/** What a console refused a stream is told to wait: a slot frees only when another console closes. */
const CAP_RETRY_SECONDS = 60;

/** What the stream says of an event: its type names the SSE event, the rest is its data. */
function frame(event: ConsoleEvent): string {
  const { type, ...data } = event;
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Who holds a stream: a signed-in person's session, else a hash of the Authorization header (already
 * checked), never the token itself.
 */
function holder(req: Request, res: Response): string {
  const session = sessionOf(res);
  if (session) return `session:${session.id}`;
  return createHash('sha256').update(req.get('authorization') ?? '').digest('base64url');
}

export interface AdminEventsOptions {
  heartbeatMs?: number;
  /** Open streams allowed per token, and in this process; STREAM_CAPS when unset. */
  caps?: { perToken?: number; total?: number };
}

/**
 * GET /admin/events: Server-Sent Events of what happens in the shop (orders, transcripts, handoffs, low
 * stock), for the owner's console. Mounted behind the admin bearer check (the page reads it with fetch and
 * a stream reader, as EventSource cannot send that header). Each stream unsubscribes when it closes.
 * Streams are capped per token and in total (each holds a connection and a listener): past a cap, 429
 * naming the cap, until a stream closes.
 */
export function adminEventsRoutes(events: ConsoleEvents, opts: AdminEventsOptions = {}): Router {
  const caps = { ...STREAM_CAPS, ...opts.caps };
  const open = new Map<string, number>();
  let total = 0;
  const router = Router();
  router.get('/admin/events', (req, res) => {
    const who = holder(req, res);
    const mine = open.get(who) ?? 0;
    if (mine >= caps.perToken) {
      tooMany(res, CAP_RETRY_SECONDS, `Too many live event streams are open with this token (${caps.perToken} at once): close a console tab.`, { cap: 'per_token' });
      return;
    }
    if (total >= caps.total) {
      tooMany(res, CAP_RETRY_SECONDS, `Too many live event streams are open on this server (${caps.total} at once, all tokens together).`, { cap: 'total' });
      return;
    }
    open.set(who, mine + 1);
    total += 1;
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // nginx and its kind would otherwise hold events back in a buffer.
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write(': connected\n\n');
    const off = events.on((e) => { res.write(frame(e)); });
    const beat = setInterval(() => { res.write(': ping\n\n'); }, opts.heartbeatMs ?? HEARTBEAT_MS);
    beat.unref();
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(beat);
      off();
      total -= 1;
      const left = (open.get(who) ?? 1) - 1;
      if (left > 0) open.set(who, left); else open.delete(who);
    };
    req.on('close', close);
    res.on('close', close);
    res.on('error', close);
  });
  return router;
}
