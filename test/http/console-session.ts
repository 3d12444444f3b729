import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { launchBrowser, pageProblems } from '../browser';
import { ADMIN, startChannels, type Harness } from '../channels/harness';

export interface ConsoleOptions {
  /** The page's size: 1280 × 900 unless said. A screenshot shows this much of the page. */
  viewport?: { width: number; height: number };
  /** Console errors a file provokes on purpose (for `pageProblems`): by default the 400 and 409 answers. */
  expected?: RegExp;
}

/** Waits for an outcome in the page; generous, as the machine may be busy (never a timing assertion). */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });

/**
 * A console test's setting: one headless Chromium for the file, a fresh web process (SMS over the fake
 * Twilio) and page per test, and no console errors, CSP violations or uncaught exceptions at its end.
 * Read `h` and `page` inside a test.
 */
export function consoleSession(env: Record<string, string> = {}, options: ConsoleOptions = {}) {
  const viewport = options.viewport ?? { width: 1280, height: 900 };
  let browser: Browser;
  let problems: string[] = [];
  const s = { h: undefined as unknown as Harness, page: undefined as unknown as Page };
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });
  beforeEach(async () => {
    s.h = await startChannels(env);
    s.page = await browser.newPage({ viewport });
    problems = pageProblems(s.page, options.expected);
  });
  afterEach(async () => {
    await s.page?.close();
    await s.h?.close();
    expect(problems).toEqual([]);
  });
  const session = {
    get h() { return s.h; },
    get page() { return s.page; },
    /** Signs in with the admin token and waits for the Overview. */
    async signIn() {
      await s.page.goto(`${s.h.url}/admin`);
      await s.page.fill('#token', ADMIN);
      await s.page.press('#token', 'Enter');
      await s.page.waitForSelector('[data-card="Orders today"]');
    },
    /** Signs in with the admin token and opens a page of the console by its nav link. */
    async open(to: string) {
      await session.signIn();
      await s.page.click(`nav a[data-page="${to}"]`);
    },
    /** What an SMS customer hears back for each message, joined. */
    async sms(phone: string, ...texts: string[]): Promise<string> {
      const heard: string[] = [];
      for (const t of texts) heard.push(...(await s.h.messaging.send(phone, t)).messages);
      return heard.join('\n');
    },
  };
  return session;
}
