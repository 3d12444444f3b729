import type { Turn } from '../turn';
import type { StageModule } from './stage';

/**
 * handoff: a person at the store answers. Messages meanwhile never reach the router (the engine
 * acknowledges them); only the store gives the customer back to the bot (release), at the menu.
 */
export const handoff: StageModule = {
  onExit(conv) {
    conv.handoff = undefined;
  },
};

export function handOff(turn: Turn): void {
  turn.moveTo('handoff');
  turn.conv.handoff = { reason: 'asked', askedIn: turn.key };
  turn.say('handoff', turn.copy.handoff);
}

/** Something wrong with an order received: a person takes over, with the customer's latest order attached. */
export async function complain(turn: Turn, about: string): Promise<void> {
  const [latest] = await turn.deps.orders.ofCustomer(turn.customer.phone);
  turn.moveTo('handoff');
  turn.conv.handoff = { reason: 'complaint', about, askedIn: turn.key, ...(latest ? { orderId: latest.id } : {}) };
  turn.say('complaint', turn.copy.complaint, undefined, latest ? { orderId: latest.id } : undefined);
}
