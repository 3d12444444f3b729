import { createHash } from 'node:crypto';
import type { Delivery, Product, Reply } from '../domain/types';
import type { StockWish } from '../domain/wish';
import type { OutboundPort } from '../store/store';
import { backOption, OPTION, type Copy } from './copy';

/** A wish whose customer was told the product is back (its notice queued). */
export type ToldWish = StockWish & { toldAt: number };

/** The notice, with its one-tap add (and "No thanks"), as every channel renders a question. */
export function backInStockNotice(copy: Pick<Copy, 'backInStock'>, p: Product): Reply {
  return { key: 'back_in_stock', text: copy.backInStock(p), params: { name: p.name }, options: [backOption(p), OPTION.noThanks] };
}

/**
 * The outbox's id of the notice of one told wish: its delivery records are `${id}-0`, and `${id}-0-sms`
 * when it fell back to SMS. Made from the wish (phone, product, when told), hashed so no number is in it.
 */
export function noticeId(w: Pick<ToldWish, 'phone' | 'sku' | 'toldAt'>): string {
  return `back-in-stock-${createHash('sha256').update(`${w.phone}|${w.sku}|${w.toldAt}`).digest('hex').slice(0, 32)}`;
}

/**
 * What became of a told wish's notice, by the outbox's records: `sent` (a platform took it, or the web chat
 * kept it), `unsent` (no channel could carry it: opted out, no proven channel, no WhatsApp template; or it
 * failed for good), or `pending` (still queued or being retried: not on the customer's screen yet).
 */
export type NoticeFate = 'sent' | 'unsent' | 'pending';

const reached = (d: Delivery | undefined) => d?.status === 'sent' || d?.status === 'delivered';

export async function noticeFate(store: Pick<OutboundPort, 'getDelivery'>, w: ToldWish): Promise<NoticeFate> {
  const id = `${noticeId(w)}-0`;
  const [main, sms] = await Promise.all([store.getDelivery(id), store.getDelivery(`${id}-sms`)]);
  if (reached(main) || reached(sms)) return 'sent';
  if (!main || main.status === 'queued' || sms?.status === 'queued') return 'pending';
  return 'unsent';
}
