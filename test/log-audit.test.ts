// Runs the dialogue and channel suites again, in a child vitest, with every logger at trace level writing
// to one file, then looks in that file for every phone number, name, address, message text and token those
// suites use. Error paths are included: the suites make platforms fail, stores go away and tokens mismatch.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, inject, it } from 'vitest';

const SUITES = ['test/engine/dialogue.test.ts', 'test/channels'];
const SOURCES = [
  'test/engine/dialogue.test.ts', 'test/helpers.ts', 'test/channels/harness.ts',
  'test/channels/telegram.test.ts', 'test/channels/twilio.test.ts', 'test/channels/voice.test.ts',
];

/** What the suites say that must never be logged, read from their own source. */
function secretsOf(files: string[]): { phones: string[]; words: string[] } {
  const src = files.map((f) => { try { return readFileSync(f, 'utf8'); } catch { return ''; } }).join('\n');
  const all = (re: RegExp) => [...src.matchAll(re)].map((m) => m[1]!);
  const phones = [...new Set(all(/'(\+\d{8,15})'/g))];
  const words = new Set([
    ...all(/(?:name|address|first_name|last_name)\s*:\s*'([^']{4,})'/g),
    ...all(/my name is ([a-z]+ [a-z]+)/gi),
    ...all(/(?:TOKEN|SECRET)[A-Z_]*\s*=\s*'([^']{8,})'/g),
    ...all(/'([a-z-]+-secret-for-tests)'/g),
    // What customers say, where it is long enough not to be a common word of a log line.
    ...all(/say\('([^']{16,})'/g),
  ]);
  return { phones, words: [...words] };
}

const dir = mkdtempSync(join(tmpdir(), 'grocer-log-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('the dialogue and channel suites log no phone number, name, address, text or token, even at trace level', () => {
  const file = join(dir, 'trace.log');
  const mongoUri = inject('mongoUri');
  const run = spawnSync('npx', ['vitest', 'run', ...SUITES, '--reporter=dot'], {
    env: { ...process.env, LOG_LEVEL: 'trace', GROCER_LOG_FILE: file, ...(mongoUri ? { MONGODB_URI: mongoUri } : {}) },
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  expect(run.status, `the audited suites failed:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`).toBe(0);

  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  // Trace level really was on: the engine logs every message it handles.
  expect(lines.length).toBeGreaterThan(100);
  expect(lines.some((l) => l.includes('"level":50'))).toBe(true);

  const { phones, words } = secretsOf(SOURCES);
  expect(phones.length).toBeGreaterThan(3);
  expect(words.length).toBeGreaterThan(5);
  const needles = [
    ...phones, ...phones.map((p) => p.slice(1)), ...phones.map((p) => p.slice(2)),
    ...words,
  ];
  const found = needles.flatMap((n) => lines.filter((l) => l.toLowerCase().includes(n.toLowerCase())).slice(0, 1).map((l) => `${n}  in  ${l.slice(0, 300)}`));
  expect(found).toEqual([]);
}, 16 * 60_000);
