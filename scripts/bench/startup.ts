// Start-up to the first answer: from spawning Grocer (in-memory store) to the TwiML reply to a customer's
// first "hi". The compiled build when there is one (dist/main.js), else `tsx src/main.ts`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { LoopbackClient, MESSAGING_PATH, signedSms, twimlTexts } from './client';
import { freshPhone } from './dialogue';
import { freePort, grocerEnv } from './targets';

export interface StartupFigure { command: string; ms: number }

export async function startupToFirstAnswer(twilioApi: string, workDir: string): Promise<StartupFigure> {
  const compiled = existsSync('dist/main.js');
  const command = compiled ? 'node dist/main.js' : 'tsx src/main.ts';
  const args = compiled ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  const port = await freePort();
  const env = grocerEnv({ name: 'start-up', twilioApi, workDir }, port);
  const client = new LoopbackClient(new URL(`http://127.0.0.1:${port}`), 1);
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: 'ignore' });
  try {
    for (let attempt = 0; attempt < 6000; attempt += 1) {
      if (child.exitCode !== null) throw new Error(`${command} exited before answering`);
      const { headers, body } = signedSms(freshPhone(), 'hi');
      const answer = await client.send('POST', MESSAGING_PATH, headers, body).catch(() => undefined);
      if (answer?.status === 200 && twimlTexts(answer.body).length > 0) return { command, ms: performance.now() - started };
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`${command} gave no answer within 30 s`);
  } finally {
    client.close();
    const exited = new Promise((r) => child.once('exit', r));
    if (child.exitCode === null) { child.kill('SIGTERM'); await exited; }
  }
}

/** Another helper's measuring script, when present: its own output, verbatim. */
export function startupScriptOutput(): string | undefined {
  if (!existsSync('scripts/startup-time.ts')) return undefined;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/startup-time.ts'], { encoding: 'utf8', timeout: 120_000 });
  return `${r.stdout ?? ''}${r.status === 0 ? '' : (r.stderr ?? '').split('\n').slice(-3).join('\n')}`.trim();
}
