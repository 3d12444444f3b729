import { Router } from 'express';
import type { ConsoleEvent, ConsoleEvents } from '../events/console-events';

/** How often an idle stream says it is alive, so proxies and the browser keep it open. */
export const HEARTBEAT_MS = 15_000;

/** What the stream says of an event: its type names the SSE event, the rest is its data. */
function frame(event: ConsoleEvent): string {
  const { type, ...data } = event;
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * GET /admin/events: Server-Sent Events of what happens in the shop (orders, transcripts, handoffs, low
 * stock), for the owner's console. Mounted behind the admin bearer check (the page reads it with fetch and
 * a stream reader, as EventSource cannot send that header). Each stream unsubscribes when it closes.
 */
export function adminEventsRoutes(events: ConsoleEvents, opts: { heartbeatMs?: number } = {}): Router {
  const router = Router();
  router.get('/admin/events', (req, res) => {
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
    };
    req.on('close', close);
    res.on('close', close);
    res.on('error', close);
  });
  return router;
}
