import { describe, expect, it } from 'vitest';
import { fieldsToPlatform, parseFeatures } from './fields';

describe('platform fields', () => {
  it('features typed as a list are a set', () => {
    expect(parseFeatures(' win32k, win32k  foo,,')).toEqual(['win32k', 'foo']);
  });

  it('empty os and architecture mean: read it from the config', () => {
    expect(fieldsToPlatform({ os: '', architecture: ' ', variant: 'v8', osVersion: '', osFeatures: '' })).toBeUndefined();
  });
});
