import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * Every word on screen comes from the message catalogs (lib/i18n/messages): this scans the components and pages for
 * literal text in JSX and in the attributes people read (aria-label, title, placeholder, alt, label), so a new
 * English-only string fails here instead of shipping untranslated. Technical tokens (references, paths, annotation
 * keys: no spaces) and the product's name are not words to translate.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const READ_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'reviewLabel', 'emptyMessage', 'actionLabel']);
const NOT_WORDS = [
  /^Archway$/,
  /^[^\s]*[:/.@][^\s]*$/,
  /^[^A-Za-z]*$/,
  // The tools the equivalent commands are for: their names in every language.
  /^docker, buildx, crane, regctl, skopeo$/,
];

/** A string literal that is itself what a JSX expression shows (`{isX ? 'words' : …}`, `{a ?? 'words'}`). */
function isShownLiteral(node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression {
  if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node) && !ts.isTemplateExpression(node)) return false;
  let parent = node.parent;
  while (ts.isConditionalExpression(parent) || ts.isParenthesizedExpression(parent) || (ts.isBinaryExpression(parent) && parent.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsEqualsToken && parent.operatorToken.kind !== ts.SyntaxKind.ExclamationEqualsEqualsToken)) {
    if (ts.isConditionalExpression(parent) && parent.condition === node) return false;
    node = parent;
    parent = parent.parent;
  }
  // Shown as a child of an element; an attribute's value (className, tone, role) is not text.
  return ts.isJsxExpression(parent) && (ts.isJsxElement(parent.parent) || ts.isJsxFragment(parent.parent));
}

function filesUnder(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.tsx') && !entry.name.endsWith('.test.tsx'))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

const isWords = (text: string) => /[A-Za-z]{2,}/.test(text) && !NOT_WORDS.some((pattern) => pattern.test(text));

/** `file:line: text` for each literal a reader would see. */
function literalText(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text}`);
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      const text = node.getText().replace(/\s+/g, ' ').trim();
      if (isWords(text)) report(node, text);
    } else if (isShownLiteral(node)) {
      // A template's own words are its literal parts: `${count} tags` says "tags".
      const text = ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ') : node.text;
      if (isWords(text.trim())) report(node, `'${text.trim()}'`);
    } else if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer)) {
      if (isWords(node.initializer.text)) report(node, `${node.name.getText()}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('text on screen', () => {
  it('comes from the message catalogs, not from literals in components and pages', () => {
    const literals = [...filesUnder('components'), ...filesUnder('app')].flatMap(literalText);
    expect(literals).toEqual([]);
  });
});
