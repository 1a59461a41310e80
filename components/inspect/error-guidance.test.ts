import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@/lib/api/errors';
import { errorGuidance } from './error-guidance';

describe('errorGuidance', () => {
  it('has a title and at least one step for every API error code', () => {
    for (const code of ErrorCode.options) {
      const guidance = errorGuidance(code, '127.0.0.1:5000');
      expect(guidance.title, code).not.toBe('');
      expect(guidance.steps.length, code).toBeGreaterThan(0);
    }
  });

  it('sends credential problems to DOCKER_CONFIG on the server, naming the registry', () => {
    const guidance = errorGuidance('UNAUTHORIZED', 'ghcr.io');
    expect(guidance.title).toContain('ghcr.io');
    expect(guidance.steps.join(' ')).toContain('$DOCKER_CONFIG/config.json');
    expect(guidance.steps.join(' ')).toContain('docker login ghcr.io');
  });

  it('offers a retry where waiting can help, not for a reference that cannot parse', () => {
    expect(errorGuidance('TIMEOUT', null).canRetry).toBe(true);
    expect(errorGuidance('REGISTRY_ERROR', null).canRetry).toBe(true);
    expect(errorGuidance('INVALID_REFERENCE', null).canRetry).toBe(false);
    expect(errorGuidance('INVALID_REFERENCE', null).steps.join(' ')).toContain('[registry/]repository[:tag][@digest]');
  });
});
