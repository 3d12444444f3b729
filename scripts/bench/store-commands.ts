// Commands Grocer sent to MongoDB, from its own /metrics (grocer_store_commands_total{command}), when it
// exports them; undefined when it does not, so the report can say "n/a".
import { metricsText, type Target } from './targets';

export type CommandCounts = Map<string, number>;

export function parseCommandCounts(metrics: string): CommandCounts | undefined {
  const counts: CommandCounts = new Map();
  let seen = false;
  for (const line of metrics.split('\n')) {
    if (!line.startsWith('grocer_store_commands_total')) continue;
    seen = true;
    const m = line.match(/^grocer_store_commands_total(?:\{([^}]*)\})?\s+(\S+)/);
    if (!m) continue;
    const command = m[1]?.match(/command="([^"]*)"/)?.[1] ?? 'all';
    counts.set(command, (counts.get(command) ?? 0) + Number(m[2]));
  }
  return seen ? counts : undefined;
}

export async function commandCounts(target: Target): Promise<CommandCounts | undefined> {
  return parseCommandCounts(await metricsText(target));
}

/** after − before, per command and in all; undefined when either side is missing. */
export function commandsBetween(before: CommandCounts | undefined, after: CommandCounts | undefined) {
  if (!before || !after) return undefined;
  const per = new Map<string, number>();
  let total = 0;
  for (const [command, n] of after) {
    const d = n - (before.get(command) ?? 0);
    if (d > 0) { per.set(command, d); total += d; }
  }
  return { total, per };
}
