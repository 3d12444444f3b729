import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { launchBrowser } from '../browser';
import { ADMIN, startChannels, type Harness } from '../channels/harness';
import { collectProblems } from './console-problems';

/**
 * A console test's setting: one headless Chromium for the file, a fresh web process (SMS over the fake
 * Twilio) and page per test, and no console errors at its end. Read `h` and `page` inside a test.
 */
export function consoleSession(env: Record<string, string> = {}) {
  let browser: Browser;
  let problems: string[] = [];
  const s = { h: undefined as unknown as Harness, page: undefined as unknown as Page };
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });
  beforeEach(async () => {
    s.h = await startChannels(env);
    s.page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    problems = collectProblems(s.page);
  });
  afterEach(async () => {
    await s.page?.close();
    await s.h?.close();
    expect(problems).toEqual([]);
  });
  return {
    get h() { return s.h; },
    get page() { return s.page; },
    /** Signs in with the admin token and opens a page of the console by its nav link. */
    async open(to: string) {
      await s.page.goto(`${s.h.url}/admin`);
      await s.page.fill('#token', ADMIN);
      await s.page.press('#token', 'Enter');
      await s.page.waitForSelector('[data-card="Orders today"]');
      await s.page.click(`nav a[data-page="${to}"]`);
    },
    /** What an SMS customer hears back for each message, joined. */
    async sms(phone: string, ...texts: string[]): Promise<string> {
      const heard: string[] = [];
      for (const t of texts) heard.push(...(await s.h.messaging.send(phone, t)).messages);
      return heard.join('\n');
    },
  };
}
