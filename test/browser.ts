import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's headless Chromium (CHROMIUM_PATH for another), with the flags these machines need. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * The page's console errors, CSP violations and uncaught exceptions, collected as they happen (a console test
 * ends with none). Chromium logs every 4xx answer of fetch(); the refusals a test provokes on purpose are not problems.
 */
export function pageProblems(page: Page, expected = /Failed to load resource: the server responded with a status of (400|409)/): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected.test(m.text())) problems.push(m.text());
    else if (/Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}
