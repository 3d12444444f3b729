import type { Page } from 'playwright-core';

/**
 * Console errors, Content-Security-Policy violations and uncaught exceptions of a console page, collected as
 * they happen: a console test ends expecting none. Chromium logs every 4xx answer of fetch(); the refusals a
 * test provokes on purpose (400, 409) are expected and left out.
 */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of (400|409)/.test(m.text())) problems.push(m.text());
    else if (/Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}
