import type { ChannelName, Clock } from '../domain/types';
import type { OutboundPort } from '../store/store';

/** Platform codes that mean the customer opted out there: Twilio 21610 (replied STOP). */
const OPTED_OUT = new Set(['21610']);
/**
 * Codes that mean the address can never receive from us as it is: Twilio 21211 (invalid number), 21614
 * (not a mobile number), Telegram 400 (chat not found…) and 403 (bot blocked by the user).
 */
const UNREACHABLE = new Set(['21211', '21614', '400', '403']);

/** Records what a permanent refusal says about the customer's channel; returns whether it said anything. */
export async function recordRefusal(store: Pick<OutboundPort, 'getChannelStates' | 'putChannelState'>, clock: Clock, phone: string, channel: ChannelName, code: string | undefined): Promise<boolean> {
  if (!code || !(OPTED_OUT.has(code) || UNREACHABLE.has(code))) return false;
  const now = clock.now();
  const existing = (await store.getChannelStates(phone)).find((s) => s.channel === channel);
  await store.putChannelState({
    ...(existing ?? {}),
    phone,
    channel,
    ...(OPTED_OUT.has(code) ? { optedOutAt: now } : { unreachable: { reason: code, at: now } }),
    updatedAt: now,
  });
  return true;
}
