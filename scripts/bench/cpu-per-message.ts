// CPU per message of a target server, as `npm run bench` reads it: a warm-up, then customers as fast as they
// are answered, and the server process's CPU time (from /proc) over the messages answered.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeTwilio } from '../../test/fakes/twilio-api';
import { ACCOUNT_SID, LoopbackClient } from './client';
import { closedLoop } from './load';
import type { Target } from './targets';

export interface CpuFigures { perSecond: number; cpuMs: number; failures: number }

export async function cpuPerMessage(target: Target, o: { customers: number; messages: number; maxSeconds: number; checkReplies: boolean }): Promise<CpuFigures> {
  const client = new LoopbackClient(target.url, o.customers);
  try {
    await closedLoop(client, { customers: o.customers, maxMessages: 480, maxSeconds: 10, checkReplies: o.checkReplies });
    const cpu = target.cpuMs();
    const r = await closedLoop(client, { customers: o.customers, maxMessages: o.messages, maxSeconds: o.maxSeconds, checkReplies: o.checkReplies });
    if (r.failures) console.error(`${target.name}: ${r.failures} failed (${r.failureSamples.join(' | ')})`);
    return { perSecond: r.perSecond, cpuMs: (target.cpuMs() - cpu) / r.messages, failures: r.failures };
  } finally {
    client.close();
  }
}

/** `rounds` rounds beside a local fake of Twilio's REST API and a scratch directory (both gone after), each told the load average as it starts. */
export async function inRounds(rounds: number, round: (n: number, o: { twilioApi: string; workDir: string; load: string }) => Promise<void>): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'grocer-bench-'));
  const twilio = await startFakeTwilio(ACCOUNT_SID);
  try {
    for (let n = 1; n <= rounds; n += 1) await round(n, { twilioApi: twilio.url, workDir, load: loadavg()[0]!.toFixed(1) });
  } finally {
    await twilio.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}
