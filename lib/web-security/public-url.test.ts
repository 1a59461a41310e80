import { describe, expect, it } from 'vitest';
import { publicLink, readPublicUrl } from './public-url';

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

describe('publicLink', () => {
  it('builds share links under the public URL, keeping a path prefix', () => {
    expect(publicLink('/inspect/a/b:1', 'https://archway.example.com', 'http://10.0.0.5:3000')).toBe('https://archway.example.com/inspect/a/b:1');
    expect(publicLink('/inspect/a/b:1', 'https://tools.example.com/archway', 'http://10.0.0.5:3000')).toBe('https://tools.example.com/archway/inspect/a/b:1');
  });

  it('falls back to the origin the browser used', () => {
    expect(publicLink('/inspect/a?platform=linux/arm64', null, 'http://localhost:3000')).toBe('http://localhost:3000/inspect/a?platform=linux/arm64');
  });
});
