import { describe, expect, it } from 'vitest';
import { localeCookie, negotiateLocale, parseLocale, resolveLocale } from './locale';

describe('negotiateLocale', () => {
  it.each([
    ['zh', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-cn', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-Hans-HK', 'zh-CN'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
  ])('reads %s as Simplified Chinese', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it.each([
    ['en-US,en;q=0.9', 'en'],
    ['zh-TW', 'en'],
    ['zh-HK,zh-Hant;q=0.9', 'en'],
    ['zh-Hant-CN', 'en'],
    ['fr-FR', 'en'],
    ['*', 'en'],
    ['', 'en'],
    [null, 'en'],
    [undefined, 'en'],
    ['garbage;;;,', 'en'],
  ])('reads %s as English', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it('takes the best weighted range Archway has, skipping the ones it does not', () => {
    expect(negotiateLocale('fr-FR, zh-CN;q=0.8, en;q=0.5')).toBe('zh-CN');
    expect(negotiateLocale('en;q=0.5, zh-CN;q=0.8')).toBe('zh-CN');
    expect(negotiateLocale('zh-CN;q=0.5, en-GB;q=0.7')).toBe('en');
    expect(negotiateLocale('de, zh-TW;q=0.9, en;q=0.1')).toBe('en');
  });

  it('keeps the header order among equal weights and ignores refused ranges (q=0)', () => {
    expect(negotiateLocale('zh-CN, en')).toBe('zh-CN');
    expect(negotiateLocale('en, zh-CN')).toBe('en');
    expect(negotiateLocale('zh-CN;q=0, en;q=0.1')).toBe('en');
    expect(negotiateLocale('en;q=0, zh;q=0.1')).toBe('zh-CN');
  });
});

describe('the remembered choice', () => {
  it('wins over Accept-Language when it names a locale Archway has', () => {
    expect(resolveLocale('en', 'zh-CN')).toBe('en');
    expect(resolveLocale('zh-CN', 'en-US')).toBe('zh-CN');
  });

  it('is ignored when it names anything else', () => {
    expect(parseLocale('zh')).toBeNull();
    expect(parseLocale('EN')).toBeNull();
    expect(resolveLocale('de', 'zh-CN')).toBe('zh-CN');
    expect(resolveLocale(undefined, 'zh-SG')).toBe('zh-CN');
  });

  it('is a year-long cookie for the whole site', () => {
    expect(localeCookie('zh-CN')).toBe('archway-locale=zh-CN; Path=/; Max-Age=31536000; SameSite=Lax');
  });
});
