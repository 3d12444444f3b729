import type { Intent } from '../understanding/interpreter';
import { OPTION } from './copy';
import type { Turn } from './turn';

const NAME_PREFIX = /^(?:hi|hello|hey)?[ ,!.]*(?:my name is|my name's|name's|i am|i'm|im|it's|its|this is|call me|the name is)\s+/i;
const NOT_NAMES = new Set(['greet', 'yes', 'no', 'thanks', 'help', 'choose', 'quantity']);

/** "my name is ana maria" → "Ana Maria"; undefined when it does not read as a name. */
export function cleanName(text: string): string | undefined {
  const name = text.trim().replace(NAME_PREFIX, '').replace(/[.!?]+$/, '').replace(/\s+/g, ' ').trim();
  if (name.length < 1 || name.length > 60 || !/\p{L}/u.test(name) || /\d/.test(name)) return undefined;
  if (name.split(' ').length > 5) return undefined;
  return name === name.toLowerCase() ? name.replace(/(^|[\s'-])\p{L}/gu, (c) => c.toUpperCase()) : name;
}

export function cleanAddress(text: string): string | undefined {
  const address = text.trim().replace(/\s+/g, ' ').replace(/^(?:my address is|it's|its|address:?)\s+/i, '');
  if (address.length < 6 || address.length > 200 || !/\p{L}/u.test(address)) return undefined;
  // A house number, or at least three words ("Rose Cottage, Little Hampton"): not a stray command.
  if (!/\d/.test(address) && address.split(' ').length < 3) return undefined;
  return address;
}

export function startRegistration(turn: Turn): void {
  turn.conv.stage = 'registration_name';
  turn.say(turn.copy.welcomeNew);
}

export async function finishRegistration(turn: Turn, intro: string): Promise<void> {
  turn.customer.registeredAt = turn.deps.clock.now();
  turn.conv.stage = 'menu';
  turn.say(`${intro}\n${turn.copy.menu}`, [OPTION.browse, OPTION.help]);
}

/** Registration of a new phone: name, then delivery address (or pickup). */
export async function register(turn: Turn, intent: Intent): Promise<void> {
  if (turn.conv.stage === 'registration_name') {
    const name = NOT_NAMES.has(intent.type) ? undefined : cleanName(turn.text);
    if (!name) { turn.say(intent.type === 'greet' ? turn.copy.askNameAgain : turn.copy.badName); return; }
    turn.customer.name = name;
    turn.conv.stage = 'registration_address';
    turn.say(turn.copy.askAddress(name), [OPTION.pickup]);
    return;
  }
  if (intent.type === 'pickup') {
    await finishRegistration(turn, turn.copy.registeredPickup);
    return;
  }
  const address = cleanAddress(turn.text);
  if (!address) { turn.say(turn.copy.badAddress, [OPTION.pickup]); return; }
  turn.customer.address = address;
  await finishRegistration(turn, turn.copy.registeredDelivery(address));
}
