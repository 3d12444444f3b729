import { createHash } from 'node:crypto';

/**
 * The ids stock moves carry (see Store.moveStock): short, and without the phone numbers a message key holds,
 * since they are kept in the stock records an operator reads. `r:` a message's reservation for a cart line,
 * `c:` a hold's checkout (also a substitute's sale), `s:` a hold's restock; for changes at picking time, `o:`
 * a substitute's reservation, `u:` its release, `w:` a line's write-off.
 */
const short = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 16);

export const moveId = {
  reserve: (messageKey: string, sku: string, from: number, to: number) => `r:${short(`${messageKey}|${sku}|${from}>${to}`)}`,
  checkout: (holdId: string) => `c:${short(holdId)}`,
  restock: (holdId: string) => `s:${short(holdId)}`,
  offer: (changeId: string) => `o:${short(changeId)}`,
  unoffer: (holdId: string) => `u:${short(holdId)}`,
  writeOff: (changeId: string) => `w:${short(changeId)}`,
  isReservation: (id: string) => id.startsWith('r:'),
};

/** How long after an order's checkout or cancellation a retry may still finish its counter moves. */
export const FINISH_WINDOW_MS = 15 * 60_000;
