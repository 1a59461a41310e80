import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import en from './messages/en.json';
import zhCN from './messages/zh-CN.json';

/*
 * The catalogs stay in step: every locale has exactly the English catalog's keys, and each message asks for the same
 * placeholders (arguments, plural and select arguments, rich-text tags) so no value is dropped or invented in a
 * translation. Messages must parse as ICU, and every plural and select has its `other` case.
 */

type Catalog = { [key: string]: string | Catalog };

/** `a.b.c` → message, for every leaf of a nested catalog. */
function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [leaf, message] of flatten(value, path)) out.set(leaf, message);
  }
  return out;
}

/** The placeholders a parsed message uses (`count:plural`, `name:argument`, `<strong>`), sorted, without repeats. */
function placeholders(elements: readonly MessageFormatElement[], found = new Set<string>()): string[] {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        found.add(`${element.value}:${TYPE[element.type]}`);
        break;
      case TYPE.plural:
      case TYPE.select:
        found.add(`${element.value}:${TYPE[element.type]}`);
        if (!('other' in element.options)) throw new Error(`{${element.value}} has no "other" case`);
        for (const option of Object.values(element.options)) placeholders(option.value, found);
        break;
      case TYPE.tag:
        found.add(`<${element.value}>`);
        placeholders(element.children, found);
        break;
      default:
        break;
    }
  }
  return [...found].sort();
}

const LOCALES: [string, Catalog][] = [['zh-CN', zhCN]];
const english = flatten(en);

describe('the message catalogs', () => {
  it('has English messages to compare against', () => {
    expect(english.size).toBeGreaterThan(50);
  });

  describe.each(LOCALES)('%s', (_locale, catalog) => {
    const translated = flatten(catalog);

    it("has exactly the English catalog's keys", () => {
      expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
    });

    it('asks for the same placeholders as English in every message', () => {
      const mismatches = [...english].flatMap(([key, message]) => {
        const mine = translated.get(key);
        if (mine === undefined) return [];
        const wanted = placeholders(parse(message));
        const got = placeholders(parse(mine));
        return JSON.stringify(wanted) === JSON.stringify(got) ? [] : [{ key, english: wanted, translated: got }];
      });
      expect(mismatches).toEqual([]);
    });

    it('is translated: no message but proper names and commands is left in English', () => {
      const untranslated = [...english].filter(([key, message]) => translated.get(key) === message && /[a-z]{3,}/.test(message.replace(/\{[^}]*\}/g, '')));
      expect(untranslated.map(([key]) => key)).toEqual(UNTRANSLATED_ON_PURPOSE);
    });
  });
});

/** Messages that read the same in Chinese: product and media type names Chinese docker documentation keeps in English. */
const UNTRANSLATED_ON_PURPOSE = ['mediaType.short.dockerManifest', 'mediaType.short.ociManifest'];
