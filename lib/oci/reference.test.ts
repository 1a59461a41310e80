import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  familiarReference,
  parseRegistryHost,
  formatReference,
  InvalidReferenceError,
  parseReference,
  repositoryReference,
  tryParseReference,
} from './reference';

const DIGEST = `sha256:${'a1'.repeat(32)}`;

describe('parseReference: Docker Hub defaults', () => {
  it('expands a bare name to docker.io/library/<name>:latest', () => {
    expect(parseReference('golang')).toEqual({ registry: 'docker.io', repository: 'library/golang', tag: 'latest', digest: null });
  });

  it('keeps a tag and adds library/ to official images only', () => {
    expect(parseReference('golang:alpine')).toMatchObject({ repository: 'library/golang', tag: 'alpine' });
    expect(parseReference('username/x8664-test')).toMatchObject({ registry: 'docker.io', repository: 'username/x8664-test', tag: 'latest' });
  });

  it('maps index.docker.io to docker.io', () => {
    expect(parseReference('index.docker.io/library/alpine:3.20')).toMatchObject({ registry: 'docker.io', repository: 'library/alpine' });
    expect(parseReference('index.docker.io/alpine')).toMatchObject({ registry: 'docker.io', repository: 'library/alpine' });
  });
});

describe('parseReference: registry-protocol.md §9 case 19', () => {
  it('accepts localhost:5000/a (a port is not a tag)', () => {
    expect(parseReference('localhost:5000/a')).toEqual({ registry: 'localhost:5000', repository: 'a', tag: 'latest', digest: null });
    expect(parseReference('localhost:5000/team/app:1.0')).toMatchObject({ registry: 'localhost:5000', repository: 'team/app', tag: '1.0' });
  });

  it('accepts localhost without a port and an IPv6 host', () => {
    expect(parseReference('localhost/x')).toMatchObject({ registry: 'localhost', repository: 'x' });
    expect(parseReference('[::1]:5000/x:y')).toEqual({ registry: '[::1]:5000', repository: 'x', tag: 'y', digest: null });
  });

  it('treats an upper-case first component as a registry (Reg.Example/a)', () => {
    expect(parseReference('Reg.Example/a')).toMatchObject({ registry: 'Reg.Example', repository: 'a' });
  });

  it('rejects an upper-case repository (a/B) and says what to type', () => {
    expect(() => parseReference('a/B')).toThrow(InvalidReferenceError);
    expect(() => parseReference('a/B')).toThrow(/lower-case: type "a\/b"/);
    expect(() => parseReference('ghcr.io/Owner/App:1')).toThrow(/type "ghcr.io\/owner\/app:1"/);
  });

  it('offers the lower-case spelling only when it would be accepted', () => {
    for (const input of ['%ZZ', 'Foo!', 'GO..LANG', 'a/B$']) {
      expect(() => parseReference(input), input).toThrow(/is not a valid repository path component/);
      expect(() => parseReference(input), input).not.toThrow(/lower-case: type/);
    }
  });

  it('rejects a port no registry can listen on, and says which ports are', () => {
    for (const host of ['localhost:0', 'localhost:65536', 'localhost:99999', '127.0.0.1:00']) {
      expect(() => parseReference(`${host}/a:b`), host).toThrow(/port that cannot exist: a port is a number from 1 to 65535/);
      expect(() => parseRegistryHost(host), host).toThrow(/from 1 to 65535/);
    }
    expect(parseReference('localhost:65535/a').registry).toBe('localhost:65535');
    expect(parseReference('localhost:05000/a').registry).toBe('localhost:05000');
  });

  it('rejects a bare 64-hex image ID', () => {
    expect(() => parseReference('a1'.repeat(32))).toThrow(/image ID/);
  });

  it('keeps both tag and digest of name:tag@digest (the digest wins for fetching)', () => {
    expect(parseReference(`golang:alpine@${DIGEST}`)).toEqual({
      registry: 'docker.io',
      repository: 'library/golang',
      tag: 'alpine',
      digest: DIGEST,
    });
  });

  it('does not add latest to a reference pinned by digest', () => {
    expect(parseReference(`ghcr.io/o/r@${DIGEST}`)).toEqual({ registry: 'ghcr.io', repository: 'o/r', tag: null, digest: DIGEST });
  });

  it('accepts a 128-character tag and rejects 129', () => {
    expect(parseReference(`x:${'t'.repeat(128)}`).tag).toHaveLength(128);
    expect(() => parseReference(`x:${'t'.repeat(129)}`)).toThrow(/129 characters/);
  });

  it('limits the path (not the domain) to 255 characters', () => {
    const path255 = `a/${'b'.repeat(253)}`;
    expect(parseReference(`registry.example.com:5000/${path255}`).repository).toBe(path255);
    expect(() => parseReference(`registry.example.com/${path255}c`)).toThrow(/255/);
  });
});

describe('parseReference: rejects bad input with a helpful message', () => {
  it.each([
    ['', /Type an image reference/],
    ['   ', /Type an image reference/],
    ['golang:-bad', /not a valid tag/],
    ['golang@sha256:abc', /not a digest/],
    [`golang@sha256:${'a'.repeat(63)}`, /64 hex characters/],
    ['a//b', /empty path component/],
    ['foo_/bar', /not a valid repository path component/],
    ['my image', /spaces/],
    ['ghcr.io/', /no repository/],
    ['bad_host.example:5000x/a', /not a registry host/],
  ])('%j', (input, message) => {
    expect(() => parseReference(input)).toThrow(message);
  });
});

describe('parseReference: accepts what people paste', () => {
  it.each([
    ['  golang:alpine \n', 'docker.io/library/golang:alpine'],
    ['docker pull golang:alpine', 'docker.io/library/golang:alpine'],
    ['docker pull --platform linux/arm64 golang:alpine', 'docker.io/library/golang:alpine'],
    ['docker image pull -q alpine', 'docker.io/library/alpine:latest'],
    ['docker://ghcr.io/o/r:1', 'ghcr.io/o/r:1'],
    ['https://localhost:5000/team/app:2', 'localhost:5000/team/app:2'],
    ['http://127.0.0.1:5000/demo/golang:alpine', '127.0.0.1:5000/demo/golang:alpine'],
  ])('%j', (input, canonical) => {
    expect(formatReference(parseReference(input))).toBe(canonical);
  });
});

describe('formatting', () => {
  it('formats the canonical, familiar and repository forms', () => {
    const ref = parseReference('golang:alpine');
    expect(formatReference(ref)).toBe('docker.io/library/golang:alpine');
    expect(familiarReference(ref)).toBe('golang:alpine');
    expect(repositoryReference(ref)).toBe('docker.io/library/golang');
    expect(familiarReference(parseReference('user/app:1'))).toBe('user/app:1');
    expect(familiarReference(parseReference('docker.io/library/a/b'))).toBe('library/a/b:latest');
    expect(familiarReference(parseReference('docker.io/0.a/b'))).toBe('docker.io/0.a/b:latest');
    expect(familiarReference(parseReference(`localhost:5000/x:y@${DIGEST}`))).toBe(`localhost:5000/x:y@${DIGEST}`);
  });

  it('parseRegistryHost takes a host as typed and writes it the way references do', () => {
    expect(parseRegistryHost('localhost:5000')).toBe('localhost:5000');
    expect(parseRegistryHost(' https://ghcr.io/ ')).toBe('ghcr.io');
    expect(parseRegistryHost('index.docker.io')).toBe('docker.io');
    expect(parseRegistryHost('[::1]:5000')).toBe('[::1]:5000');
    for (const bad of ['', 'golang', 'ghcr.io/owner', 'bad_host:x']) expect(() => parseRegistryHost(bad)).toThrow(/registry host/);
  });

  it('tryParseReference returns the message instead of throwing', () => {
    expect(tryParseReference('a/B')).toEqual({ ok: false, error: expect.stringMatching(/lower-case/) });
    expect(tryParseReference('alpine')).toMatchObject({ ok: true, reference: { repository: 'library/alpine' } });
  });

  it('parse(format(ref)) is ref, for any valid reference', () => {
    const component = fc.stringMatching(/^[a-z0-9]+(?:[._-][a-z0-9]+)?$/).filter((s) => !/^[a-f0-9]{64}$/.test(s));
    const registry = fc.constantFrom('docker.io', 'ghcr.io', 'localhost:5000', '[::1]:5000', 'registry.example.com');
    const tag = fc.option(fc.stringMatching(/^\w[\w.-]{0,20}$/), { nil: null });
    const digest = fc.option(fc.stringMatching(/^[a-f0-9]{64}$/).map((hex) => `sha256:${hex}`), { nil: null });
    fc.assert(
      fc.property(registry, fc.array(component, { minLength: 1, maxLength: 3 }), tag, digest, (reg, parts, t, d) => {
        const repository = reg === 'docker.io' && parts.length === 1 ? `library/${parts[0]}` : parts.join('/');
        const ref = { registry: reg, repository, tag: t ?? (d === null ? 'latest' : null), digest: d };
        expect(parseReference(formatReference(ref))).toEqual(ref);
        expect(parseReference(familiarReference(ref))).toEqual(ref);
      }),
    );
  });
});
