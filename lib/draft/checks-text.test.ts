import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/messages/en.json';
import zhCN from '@/lib/i18n/messages/zh-CN.json';
import type { Said } from '@/lib/present/problem-text';
import { amd64, image, list } from '@/test/support/draft-lists';
import { checkEntry, checkTarget, draftBlockers, duplicateChecks, type EntryCheck } from './checks';
import { draftFromInspect, emptyDraft } from './entries';
import { draftReducer } from './reducer';
import type { Draft } from './types';

type Translate = ((key: string, values?: object) => string) & { has: (key: string) => boolean };
const english = createTranslator({ locale: 'en', messages: en }) as unknown as Translate;
const chinese = createTranslator({ locale: 'zh-CN', messages: zhCN }) as unknown as Translate;

const set = (draft: Draft, key: string, field: 'os' | 'architecture' | 'variant', value: string) =>
  draftReducer(draft, { type: 'setPlatformField', key, field, value });

/** Drafts that between them make the editor say each of its own messages. */
function everyCheck(): Said[] {
  const wrongArch = image(21, { os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' });
  const added = draftReducer(emptyDraft('localhost:5000/a:b'), { type: 'add', inspect: list([amd64]), addedFrom: 'x' });
  const key = added.entries[0]!.key;
  const osOnly = set(set(added, key, 'os', 'linux'), key, 'architecture', '');
  const archOnly = set(set(added, key, 'os', ''), key, 'architecture', 'amd64');
  const variantOnly = set(set(osOnly, key, 'variant', 'v2'), key, 'os', '');
  const listed = draftFromInspect(list([wrongArch]));
  const cleared = set(set(listed, 'e0', 'os', ''), 'e0', 'architecture', '');
  const mismatched = set(listed, 'e0', 'variant', 'v2');
  const aliased = set(draftFromInspect(list([amd64])), 'e0', 'architecture', 'x86_64');
  const twice = draftReducer(listed, { type: 'setEntryAnnotations', key: 'e0', annotations: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] });
  const dup = draftFromInspect(list([amd64, image(32, { os: 'linux', architecture: 'x86_64' }, { os: 'linux', architecture: 'amd64' })]));
  const checks: EntryCheck[] = [
    ...[added, osOnly, archOnly, variantOnly].flatMap((draft) => checkEntry(draft.entries[0]!, false)),
    ...[cleared, mismatched, aliased, twice].flatMap((draft) => checkEntry(draft.entries[0]!, false)),
    ...checkEntry(mismatched.entries[0]!, true),
    ...duplicateChecks(dup).values(),
  ];
  return [
    ...checks,
    ...checks.flatMap((check) => (check.suggestionLabel ? [check.suggestionLabel] : [])),
    checkTarget('')!,
    checkTarget('localhost:5000/a@sha256:' + 'a'.repeat(64))!,
    ...draftBlockers(emptyDraft('')),
    ...draftBlockers(aliased),
    ...draftBlockers(draftReducer(listed, { type: 'setIndexAnnotations', annotations: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] })),
  ];
}

describe("the editor's messages through the catalogs", () => {
  const said = everyCheck();

  it('covers every message of the editor, and the platform findings it passes on', () => {
    const keys = new Set(said.map((message) => message.key));
    for (const kind of Object.keys(en.editor.check)) expect(keys, kind).toContain(`editor.check.${kind}`);
    expect([...keys].some((key) => key?.startsWith('problems.platform-'))).toBe(true);
  });

  it('writes the same English as lib/draft, and Chinese with the same values', () => {
    for (const message of said) {
      expect(message.key, message.message).toBeTruthy();
      expect(english(message.key!, message.values)).toBe(message.message);
      expect(chinese(message.key!, message.values)).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
