import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The page cache (lib/server/page-cache.ts) shares a rendered inspect page between everyone whose request gives the
 * same address, language, theme and inspection outcome: that is only right while nothing else of the request
 * reaches the render. Pages read the request through next/headers (cookies, headers). This lists every file outside
 * the API routes that does, with what it reads and why the key covers it; a new one fails here until it is looked
 * at and, if a page renders from it, the key (pageKey) carries what it reads.
 * (Next itself reads one more, the User-Agent, to render differently for crawlers: proxy.ts never keeps their
 * pages.)
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

const KNOWN: Record<string, string> = {
  // The theme cookie (in the key) and the locale, through next-intl's request configuration below.
  'app/layout.tsx': 'theme cookie',
  // The handed-off outcome (in the key) and the visitor's registry access, used only to read that same outcome.
  'app/inspect/[...reference]/page.tsx': 'handoff header, registry access',
  // The locale: the language cookie, else Accept-Language, resolved as the proxy resolves it for the key.
  'lib/i18n/request.ts': 'locale cookie, Accept-Language',
  // Not an inspect page: never kept.
  'app/compare/page.tsx': 'registry access',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return relative === path.join('app', 'api') ? [] : sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

describe('what a page reads of its request', () => {
  it('is what the page cache keys on: no file outside the API routes reads next/headers unless listed here', () => {
    const readers = ['app', 'components', 'lib'].flatMap(sourceFiles).filter((file) => /from ['"]next\/headers['"]/.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(readers.sort()).toEqual(Object.keys(KNOWN).sort());
  });
});
