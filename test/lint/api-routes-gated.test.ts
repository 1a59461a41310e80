import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * proxy.ts leaves /api/ to the routes (its matcher), so the request gate (host, cross-site writes, sign-in) and the
 * API's security headers run only because every route's handlers are wrapped by handle() (lib/api/handler.ts).
 * This reads every app/api route and fails on a handler exported any other way, so a new route cannot skip the gate.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

type Handler = { method: string; wrapped: boolean };

/** The HTTP handlers a route module exports, and whether each is `handle(...)`. */
function handlersOf(file: string): Handler[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const handlers: Handler[] = [];
  for (const statement of source.statements) {
    const isExported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isFunctionDeclaration(statement) && isExported && statement.name && HTTP_METHODS.has(statement.name.text)) {
      handlers.push({ method: statement.name.text, wrapped: false });
    }
    if (ts.isVariableStatement(statement) && isExported) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || !HTTP_METHODS.has(declaration.name.text)) continue;
        const init = declaration.initializer;
        const wrapped = !!init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'handle';
        handlers.push({ method: declaration.name.text, wrapped });
      }
    }
    if (ts.isExportDeclaration(statement)) handlers.push({ method: `re-export in ${statement.getText()}`, wrapped: false });
  }
  return handlers;
}

describe('API routes', () => {
  const files = routeFiles(path.join(ROOT, 'app/api'));

  it('are found', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((file) => path.relative(ROOT, file)))('%s exports only handlers wrapped by handle()', (file) => {
    const handlers = handlersOf(path.join(ROOT, file));
    expect(handlers.length).toBeGreaterThan(0);
    expect(handlers.filter((h) => !h.wrapped).map((h) => h.method)).toEqual([]);
  });

  it('the check itself catches a handler exported without handle()', () => {
    const file = path.join(ROOT, 'test/lint/fixtures/unwrapped-route.ts');
    expect(handlersOf(file)).toEqual([
      { method: 'GET', wrapped: true },
      { method: 'POST', wrapped: false },
      { method: 'DELETE', wrapped: false },
    ]);
  });
});
