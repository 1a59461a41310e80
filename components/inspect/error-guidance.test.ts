import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@/lib/api/errors';
import en from '@/lib/i18n/messages/en.json';
import zhCN from '@/lib/i18n/messages/zh-CN.json';
import { errorGuidance, guidanceValues } from './error-guidance';

type Translate = ((key: string, values?: object) => string) & { has: (key: string) => boolean };
const english = createTranslator({ locale: 'en', messages: en, namespace: 'errorGuidance' }) as unknown as Translate;
const chinese = createTranslator({ locale: 'zh-CN', messages: zhCN, namespace: 'errorGuidance' }) as unknown as Translate;

/** The guidance as the page shows it: the title and every step, in one language. */
function said(t: Translate, code: ErrorCode, registry: string | null): { title: string; steps: string[] } {
  const { topic, steps } = errorGuidance(code);
  const values = guidanceValues(registry);
  return { title: t(`${topic}.title`, values), steps: Array.from({ length: steps }, (_, i) => t(`${topic}.step${i + 1}`, values)) };
}

describe('errorGuidance', () => {
  it('has a title and at least one step for every API error code, in both languages', () => {
    for (const code of ErrorCode.options) {
      for (const t of [english, chinese]) {
        const guidance = said(t, code, '127.0.0.1:5000');
        expect(guidance.title, code).not.toBe('');
        expect(guidance.steps.length, code).toBeGreaterThan(0);
        expect(guidance.steps.join(' '), code).not.toMatch(/errorGuidance\./);
      }
      // No step is left out of the catalogs, and none is there that the page never shows.
      const { topic, steps } = errorGuidance(code);
      expect(english.has(`${topic}.step${steps + 1}`), code).toBe(false);
    }
  });

  it('sends credential problems to DOCKER_CONFIG on the server, naming the registry', () => {
    const guidance = said(english, 'UNAUTHORIZED', 'ghcr.io');
    expect(guidance.title).toBe('ghcr.io needs a sign-in');
    expect(guidance.steps.join(' ')).toContain('$DOCKER_CONFIG/config.json');
    expect(guidance.steps.join(' ')).toContain('docker login ghcr.io');
    expect(said(english, 'UNAUTHORIZED', null).title).toBe('the registry needs a sign-in');
    expect(said(english, 'UNAUTHORIZED', null).steps.join(' ')).toContain('docker login <registry>');
    expect(said(chinese, 'UNAUTHORIZED', 'ghcr.io').steps.join(' ')).toContain('docker login ghcr.io');
  });

  it("says Archway's own refusal (FORBIDDEN: allowlist, metadata address) is for whoever runs Archway, not a sign-in", () => {
    const guidance = said(english, 'FORBIDDEN', '10.1.2.3:5000');
    expect(guidance.title).toBe('Archway does not reach 10.1.2.3:5000');
    expect(guidance.steps.join(' ')).toContain('ARCHWAY_ALLOWED_REGISTRIES');
    expect(said(chinese, 'FORBIDDEN', '10.1.2.3:5000').steps.join(' ')).toContain('ARCHWAY_ALLOWED_REGISTRIES');
    expect(errorGuidance('FORBIDDEN').canRetry).toBe(false);
    expect(errorGuidance('DENIED').topic).toBe('signIn');
  });

  it('offers a retry where waiting can help, not for a reference that cannot parse', () => {
    expect(errorGuidance('TIMEOUT').canRetry).toBe(true);
    expect(errorGuidance('REGISTRY_ERROR').canRetry).toBe(true);
    expect(errorGuidance('INVALID_REFERENCE').canRetry).toBe(false);
    expect(said(english, 'INVALID_REFERENCE', null).steps.join(' ')).toContain('[registry/]repository[:tag][@digest]');
  });
});
