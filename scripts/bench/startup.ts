// Start-up to the first answer, in-memory store. Without the production build: from spawning Grocer to the
// TwiML reply to a customer's first "hi" by SMS (dist/main.js when present, else `tsx src/main.ts`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
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
    const giveUp = started + 90_000;
    while (performance.now() < giveUp) {
      if (child.exitCode !== null) throw new Error(`${command} exited before answering`);
      const { headers, body } = signedSms(freshPhone(), 'hi');
      const answer = await client.send('POST', MESSAGING_PATH, headers, body).catch(() => undefined);
      if (answer?.status === 200 && twimlTexts(answer.body).length > 0) return { command, ms: performance.now() - started };
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`${command} gave no answer within 90 s`);
  } finally {
    client.close();
    const exited = new Promise((r) => child.once('exit', r));
    if (child.exitCode === null) { child.kill('SIGTERM'); await exited; }
  }
}

type MeasureStartup = (command: string[] | string, options?: { env?: Record<string, string>; giveUpMs?: number }) => Promise<number>;

/**
 * With the production build (scripts/build.mjs and scripts/startup-time.ts), the commands a user types:
 * `npm start` (npm, the staleness check, then node dist/main.js) and `node dist/main.js` alone, each timed by
 * scripts/startup-time.ts's measureStartup to the first answer of the message API. Undefined without them.
 */
export async function productionStartup(): Promise<StartupFigure[] | undefined> {
  if (!existsSync('scripts/startup-time.ts') || !existsSync('scripts/build.mjs')) return undefined;
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { encoding: 'utf8', timeout: 300_000 });
  if (built.status !== 0) throw new Error(`scripts/build.mjs failed: ${(built.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`);
  // Imported by path: the script arrives with the production build, which this branch may not have.
  const { measureStartup } = await import(pathToFileURL('scripts/startup-time.ts').href) as { measureStartup: MeasureStartup };
  const inMemory = { env: { MONGODB_URI: '', REDIS_URL: '' }, giveUpMs: 60_000 };
  const out: StartupFigure[] = [];
  for (const command of ['npm start', 'node dist/main.js']) out.push({ command, ms: await measureStartup(command, inMemory) });
  return out;
}
