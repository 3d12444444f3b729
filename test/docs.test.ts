// The documentation stays true to the code: docs/configuration.md is what `npm run docs:config` writes from the
// config schema today, the README stays short with its two set-up commands, and every relative link in README.md
// and docs/ leads to a file (and heading) that exists.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_DOC, configPage } from '../scripts/config-docs';

const root = fileURLToPath(new URL('..', import.meta.url));

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return markdownFiles(path);
    return e.name.endsWith('.md') ? [path] : [];
  });
}

/** Headings as GitHub makes their anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '');
  const slugs = [...withoutCode.matchAll(/^#{1,6} +(.+?) *$/gm)].map((m) => m[1]!
    .toLowerCase().replace(/`/g, '').replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-'));
  return new Set(slugs);
}

/** Inline links and images `[text](target)`, outside code. */
function links(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?: "[^"]*")?\)/g)].map((m) => m[1]!);
}

const pages = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];

describe('docs/configuration.md', () => {
  it('is what `npm run docs:config` writes from the config schema today', () => {
    const written = readFileSync(CONFIG_DOC, 'utf8');
    expect(written, 'docs/configuration.md is stale: run `npm run docs:config` and commit the result').toBe(configPage());
  });
});

describe('README.md', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');

  it('is short: at most 200 lines, the rest in docs/', () => {
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(200);
  });

  it('gives the two set-up commands, and no other command to copy', () => {
    const blocks = [...readme.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
    expect(blocks).toEqual(['npm install && npm start', 'npm install && npm test']);
  });
});

describe('links in README.md and docs/', () => {
  it.each(pages.map((p) => [relative(root, p), p]))('every relative link in %s leads to an existing file and heading', (_name, page) => {
    const text = readFileSync(page, 'utf8');
    const broken: string[] = [];
    for (const target of links(text)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
      const [path = '', anchor] = target.split('#');
      const file = path === '' ? page : join(dirname(page), decodeURIComponent(path));
      if (!existsSync(file)) { broken.push(`${target} (no such file)`); continue; }
      if (anchor && file.endsWith('.md') && !anchors(readFileSync(file, 'utf8')).has(anchor)) broken.push(`${target} (no such heading)`);
    }
    expect(broken, `broken links in ${relative(root, page)}`).toEqual([]);
  });
});
