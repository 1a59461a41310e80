import { describe, expect, it } from 'vitest';
import { readPublicUrl } from './public-url';

describe('readPublicUrl', () => {
  it('is null when unset', () => {
    expect(readPublicUrl({})).toBeNull();
    expect(readPublicUrl({ ARCHWAY_PUBLIC_URL: '  ' })).toBeNull();
  });

  it('reads an absolute http(s) URL', () => {
    expect(readPublicUrl({ ARCHWAY_PUBLIC_URL: 'https://archway.example.com' })?.host).toBe('archway.example.com');
  });

  it('names the variable for a value that cannot be the server’s address', () => {
    expect(() => readPublicUrl({ ARCHWAY_PUBLIC_URL: 'archway.example.com' })).toThrow(/ARCHWAY_PUBLIC_URL must be an absolute URL/);
    expect(() => readPublicUrl({ ARCHWAY_PUBLIC_URL: 'ftp://archway.example.com' })).toThrow(/https:\/\/ or http:\/\//);
    expect(() => readPublicUrl({ ARCHWAY_PUBLIC_URL: 'https://user:pw@archway.example.com' })).toThrow(/no query, fragment or credentials/);
  });
});
