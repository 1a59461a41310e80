import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * The walls of eslint.config.mjs, proven to fire: each case lints a snippet as if it were a file of one layer,
 * importing a real module of another, and expects the error (or its absence). A config edit that turned a wall
 * off, or a folder renamed without its line in the layer table, fails here rather than silently letting imports
 * through.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `@/lib/registry/client`-style specifier of a real non-test module in `folder`, so the import resolves. */
function moduleIn(folder: string, name?: string): string {
  const files = readdirSync(path.join(ROOT, folder)).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
  const file = name ? files.find((f) => f.replace(/\.tsx?$/, '') === name) : files.sort()[0];
  if (!file) throw new Error(`no module ${name ?? ''} in ${folder}: update test/lint/walls.test.ts to the new layout`);
  return `@/${folder}/${file.replace(/\.tsx?$/, '')}`;
}

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** Problems (rule: message) from linting `code` as the file `filePath`, counting only the walls' rules. */
async function wallProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === null || /^(boundaries|archway|import-x)\//.test(m.ruleId))
    .map((m) => `${m.ruleId}: ${m.message}`);
}

const importing = (specifier: string, ...directives: string[]) =>
  `${directives.map((d) => `'${d}';\n`).join('')}import * as imported from '${specifier}';\nexport const used = imported;\n`;

// Loading Next's, React's and the walls' plugins takes seconds on a busy two-core machine.
describe('the layer walls (eslint.config.mjs)', { timeout: 60_000 }, () => {
  it('keeps lib/oci pure: no other layer, no framework, no Node I/O, no server-only', async () => {
    for (const specifier of [moduleIn('lib/api'), moduleIn('lib/registry'), moduleIn('lib/present')]) {
      expect(await wallProblems('lib/oci/wall-check.ts', importing(specifier))).toEqual([
        expect.stringMatching(/^boundaries\/dependencies: domain \(lib\/oci\) may not import/),
      ]);
    }
    for (const pkg of ['node:fs', 'node:net', 'next/server', 'react', 'server-only']) {
      expect(await wallProblems('lib/oci/wall-check.ts', importing(pkg))).toEqual([
        expect.stringMatching(/^boundaries\/dependencies: domain is pure \(no framework, no I\/O\)/),
      ]);
    }
    expect(await wallProblems('lib/oci/wall-check.ts', importing('zod'))).toEqual([]);
  });

  it('lets the API contract import only the domain, and its server edge the registry', async () => {
    expect(await wallProblems('lib/api/wall-check.ts', importing(moduleIn('lib/oci')))).toEqual([]);
    expect(await wallProblems('lib/api/wall-check.ts', importing(moduleIn('lib/registry', 'errors')))).toEqual([
      expect.stringMatching(/may not import registry/),
    ]);
    expect(await wallProblems('lib/api/wall-check.ts', importing('next/server'))).toHaveLength(1);
    expect(await wallProblems('lib/api/handler.ts', importing(moduleIn('lib/registry', 'errors')))).toEqual([]);
    expect(await wallProblems('lib/api/handler.ts', importing('next/server'))).toEqual([]);
  });

  it('keeps the registry client ignorant of the API', async () => {
    expect(await wallProblems('lib/registry/wall-check.ts', importing(moduleIn('lib/api', 'errors')))).toEqual([
      expect.stringMatching(/registry \(lib\/registry\) may not import api/),
    ]);
  });

  it('lets push reach the error mapping but not the Next route wrapper', async () => {
    expect(await wallProblems('lib/push/wall-check.ts', importing(moduleIn('lib/api', 'handler')))).toEqual([
      expect.stringMatching(/push \(lib\/push\) may not import api/),
    ]);
    expect(await wallProblems('lib/push/wall-check.ts', importing(moduleIn('lib/registry')))).toEqual([]);
  });

  it('keeps server modules out of components and the browser data folders', async () => {
    for (const server of ['lib/registry', 'lib/audit', 'lib/push', 'lib/inspect']) {
      for (const browserFile of ['components/inspect/wall-check.tsx', 'lib/queries/wall-check.ts', 'lib/present/wall-check.ts']) {
        expect(await wallProblems(browserFile, importing(moduleIn(server)))).toEqual([
          expect.stringMatching(/may not import (registry|audit|push|inspect)/),
        ]);
      }
    }
    expect(await wallProblems('components/ui/wall-check.tsx', importing('node:fs'))).toEqual([
      expect.stringMatching(/ui runs in the browser: "node:fs" is server-only/),
    ]);
    expect(await wallProblems('lib/queries/wall-check.ts', importing('server-only'))).toHaveLength(1);
    expect(await wallProblems('components/inspect/wall-check.tsx', importing(moduleIn('lib/queries')))).toEqual([]);
  });

  it('lets route handlers and server pages use server modules, but not a page marked use client', async () => {
    expect(await wallProblems('app/api/v1/wall-check/route.ts', importing(moduleIn('lib/push')))).toEqual([]);
    expect(await wallProblems('app/wall-check/page.tsx', importing(moduleIn('lib/inspect')))).toEqual([]);
    expect(await wallProblems('app/wall-check/page.tsx', importing(moduleIn('lib/inspect'), 'use client'))).toEqual([
      expect.stringMatching(/^archway\/no-server-import-in-client-file: .* is server code \(the inspect layer\)/),
    ]);
    expect(await wallProblems('components/inspect/wall-check.tsx', importing('server-only', 'use client'))).toHaveLength(2);
  });

  it('keeps lib/i18n browser-safe and dependent on nothing, but for its server-only request config', async () => {
    expect(await wallProblems('lib/i18n/wall-check.ts', importing(moduleIn('lib/oci')))).toEqual([
      expect.stringMatching(/i18n \(lib\/i18n\) may not import domain/),
    ]);
    expect(await wallProblems('lib/i18n/wall-check.ts', importing('next/headers'))).toEqual([
      expect.stringMatching(/i18n runs in the browser: "next" is server-only/),
    ]);
    expect(await wallProblems('lib/i18n/request.ts', importing('next/headers'))).toEqual([]);
    for (const browserFile of ['components/layout/wall-check.tsx', 'components/ui/wall-check.tsx', 'lib/present/wall-check.ts']) {
      expect(await wallProblems(browserFile, importing(moduleIn('lib/i18n', 'locale')))).toEqual([]);
    }
    expect(await wallProblems('components/layout/wall-check.tsx', importing(moduleIn('lib/i18n', 'request'), 'use client'))).toEqual([
      expect.stringMatching(/is server code \(next-intl's request config\)/),
    ]);
  });

  it('lets tests import any layer, and no layer import test code', async () => {
    expect(await wallProblems('lib/queries/wall-check.test.ts', importing(moduleIn('lib/push')))).toEqual([]);
    expect(await wallProblems('lib/oci/wall-check.ts', importing('@/test/support/images'))).toEqual([
      expect.stringMatching(/may not import tools/),
    ]);
  });

  it('refuses a file in a folder the layer table does not know', async () => {
    expect(await wallProblems('lib/wall-check-unknown/thing.ts', 'export const x = 1;\n')).toEqual([
      expect.stringMatching(/^boundaries\/no-unknown-files:/),
    ]);
  });

  it('checks every TypeScript file for import cycles', async () => {
    for (const file of ['lib/oci/x.ts', 'components/inspect/x.tsx', 'app/page.tsx', 'scripts/x.ts']) {
      const config = (await eslint.calculateConfigForFile(path.join(ROOT, file))) as { rules: Record<string, unknown> };
      expect(config.rules['import-x/no-cycle']).toEqual([2, expect.anything()]);
    }
  });
});
