import { describe, expect, it } from 'vitest';
import { qualifySource } from './qualify-source';

describe('qualifySource', () => {
  it('looks a name without a registry up on the default registry', () => {
    expect(qualifySource('demo/x8664-test', '127.0.0.1:5000')).toBe('127.0.0.1:5000/demo/x8664-test');
    expect(qualifySource(' docker pull app:1 ', 'localhost:5000')).toBe('localhost:5000/app:1');
  });

  it('keeps a reference that names its registry', () => {
    expect(qualifySource('ghcr.io/o/r:1', '127.0.0.1:5000')).toBe('ghcr.io/o/r:1');
    expect(qualifySource('localhost/app', '127.0.0.1:5000')).toBe('localhost/app');
    expect(qualifySource('[::1]:5000/app@sha256:abc', '127.0.0.1:5000')).toBe('[::1]:5000/app@sha256:abc');
  });

  it('without a default registry behaves like docker (Docker Hub)', () => {
    expect(qualifySource('golang:alpine', null)).toBe('golang:alpine');
  });
});
