import { describe, expect, it } from 'vitest';
import {
  browseHref,
  compareHref,
  digestReference,
  inspectHref,
  outcomeHref,
  parseOutcome,
  pinnedReference,
  referenceFromSegments,
  selectionSearch,
  shareUrl,
  tagReference,
} from './links';

const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const LOCATION = { registry: '127.0.0.1:5000', repository: 'demo/golang' };

describe('inspectHref', () => {
  it('keeps a reference readable in the path', () => {
    expect(inspectHref('127.0.0.1:5000/demo/golang:alpine')).toBe('/inspect/127.0.0.1:5000/demo/golang:alpine');
    expect(inspectHref(`127.0.0.1:5000/demo/golang:alpine@${DIGEST}`)).toBe(`/inspect/127.0.0.1:5000/demo/golang:alpine@${DIGEST}`);
  });

  it('escapes what would change the URL (IPv6 brackets, #, ?)', () => {
    expect(inspectHref('[::1]:5000/a:b')).toBe('/inspect/%5B::1%5D:5000/a:b');
    expect(inspectHref('x/y?z#w')).toBe('/inspect/x/y%3Fz%23w');
  });

  it('adds the selected platform with literal slashes', () => {
    expect(inspectHref('docker.io/library/golang:alpine', { platform: 'linux/arm64/v8' })).toBe(
      '/inspect/docker.io/library/golang:alpine?platform=linux/arm64/v8',
    );
    expect(selectionSearch({ platform: 'windows/amd64 10.0.17763.1' })).toBe('?platform=windows/amd64%2010.0.17763.1');
    expect(selectionSearch({ digest: DIGEST })).toBe(`?digest=${DIGEST}`);
    expect(selectionSearch({})).toBe('');
  });
});

describe('referenceFromSegments', () => {
  it('round-trips what inspectHref wrote, whether or not the router decoded it', () => {
    const reference = `[::1]:5000/team/app:1.0@${DIGEST}`;
    const path = inspectHref(reference).slice('/inspect/'.length);
    expect(referenceFromSegments(path.split('/'))).toBe(reference);
    expect(referenceFromSegments(['127.0.0.1:5000', 'demo', 'golang:alpine'])).toBe('127.0.0.1:5000/demo/golang:alpine');
  });

  it('leaves a stray percent sign alone rather than throwing', () => {
    expect(referenceFromSegments(['a%zz'])).toBe('a%zz');
  });
});

describe('sharing references', () => {
  it('names the tag, the digest, or both', () => {
    expect(tagReference(LOCATION, 'alpine')).toBe('127.0.0.1:5000/demo/golang:alpine');
    expect(digestReference(LOCATION, DIGEST)).toBe(`127.0.0.1:5000/demo/golang@${DIGEST}`);
    expect(pinnedReference(LOCATION, 'alpine', DIGEST)).toBe(`127.0.0.1:5000/demo/golang:alpine@${DIGEST}`);
    expect(pinnedReference(LOCATION, null, DIGEST)).toBe(`127.0.0.1:5000/demo/golang@${DIGEST}`);
  });
});

describe('the outcome of a push or revert', () => {
  it('travels in the URL of the new page and is read back, refusing anything that is not a digest', () => {
    const href = outcomeHref(`127.0.0.1:5000/demo/golang:alpine@${DIGEST}`, { kind: 'pushed', from: DIGEST });
    expect(href).toBe(`/inspect/127.0.0.1:5000/demo/golang:alpine@${DIGEST}?done=pushed&from=${DIGEST}`);
    expect(parseOutcome('pushed', DIGEST)).toEqual({ kind: 'pushed', from: DIGEST });
    expect(parseOutcome('reverted', 'javascript:alert(1)')).toEqual({ kind: 'reverted', from: null });
    expect(parseOutcome('deleted', DIGEST)).toBeNull();
  });
});

describe('browseHref and compareHref', () => {
  it('keep hosts, paths and references readable', () => {
    expect(browseHref('127.0.0.1:5000')).toBe('/browse/127.0.0.1:5000');
    expect(browseHref('127.0.0.1:5000', 'demo/golang')).toBe('/browse/127.0.0.1:5000/demo/golang');
    expect(compareHref(`${LOCATION.registry}/demo/golang@${DIGEST}`, '127.0.0.1:5000/demo/golang:1')).toBe(
      `/compare?a=127.0.0.1:5000/demo/golang@${DIGEST}&b=127.0.0.1:5000/demo/golang:1`,
    );
    expect(compareHref('x/y#z')).toBe('/compare?a=x/y%23z');
  });
});

describe('shareUrl', () => {
  it('builds share links under the public URL, keeping a path prefix', () => {
    expect(shareUrl('/inspect/a/b:1', 'https://archway.example.com', 'http://10.0.0.5:3000')).toBe('https://archway.example.com/inspect/a/b:1');
    expect(shareUrl('/inspect/a/b:1', 'https://tools.example.com/archway', 'http://10.0.0.5:3000')).toBe('https://tools.example.com/archway/inspect/a/b:1');
  });

  it('falls back to the origin the browser used', () => {
    expect(shareUrl('/inspect/a?platform=linux/arm64', null, 'http://localhost:3000')).toBe('http://localhost:3000/inspect/a?platform=linux/arm64');
  });
});
