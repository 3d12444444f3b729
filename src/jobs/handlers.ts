import type { Logger } from 'pino';
import type { Inventory } from '../inventory/inventory';

/** Expires overdue holds, returning their stock to the shelf. Safe to run from several places at once. */
export async function sweepHolds(inventory: Inventory, log: Logger): Promise<number> {
  const expired = await inventory.sweep();
  if (expired.length) log.info({ expired: expired.length }, 'expired holds returned to stock');
  return expired.length;
}
