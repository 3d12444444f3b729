import type { MongoClient } from 'mongodb';

/** How many commands a store has sent, by name: for /metrics, the benchmark and the tests that count. */
export interface CommandCounts {
  /** Every command so far (handshakes and heartbeats are not commands the store sends, so not counted). */
  total(): number;
  byName(): ReadonlyMap<string, number>;
  /** By command and collection ("insert messages"), to see where a message's commands go. */
  byTarget(): ReadonlyMap<string, number>;
}

/**
 * Counts the commands the driver sends (command monitoring's commandStarted) and tells `onCommand` of each,
 * so /metrics can count them without the store knowing prom-client.
 */
export function countCommands(client: MongoClient, onCommand?: (command: string) => void): CommandCounts {
  const counts = new Map<string, number>();
  const targets = new Map<string, number>();
  let total = 0;
  client.on('commandStarted', (e) => {
    total += 1;
    counts.set(e.commandName, (counts.get(e.commandName) ?? 0) + 1);
    const on = (e.command as Record<string, unknown>)[e.commandName];
    const target = typeof on === 'string' ? `${e.commandName} ${on}` : e.commandName;
    targets.set(target, (targets.get(target) ?? 0) + 1);
    onCommand?.(e.commandName);
  });
  return { total: () => total, byName: () => counts, byTarget: () => targets };
}
