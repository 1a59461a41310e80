import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestOf, sha256Digest, shortDigest, UnsupportedDigestError, verifyDigest } from './digest';
import { isDigest, splitDigest } from './reference';
import { readFixture } from './fixtures/read-fixture';

const EMPTY_SHA256 = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const ABC_SHA512 =
  'sha512:ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f';

describe('digests over exact bytes', () => {
  it('computes the known sha256 and sha512 test vectors', () => {
    expect(sha256Digest(new Uint8Array())).toBe(EMPTY_SHA256);
    expect(digestOf(new TextEncoder().encode('abc'), 'sha512')).toBe(ABC_SHA512);
  });

  it('reproduces the published digests of the byte-exact fixtures', () => {
    expect(sha256Digest(readFixture('golang-alpine.docker-list.json'))).toBe(
      'sha256:6618eeba3942cae276c0e3b7ca98aeafedf0579ce261f0c8afcf97cd775ce93f',
    );
    expect(sha256Digest(readFixture('pause-3.8.docker-list.json'))).toBe(
      'sha256:9001185023633d17a2f98ff69b6ff2615b8ea02a825adffa40422f51dfdcde9d',
    );
  });

  it('§9 case 11: whitespace and key order change the digest, so bytes must never be re-serialised', () => {
    const bytes = readFixture('pause-3.8.docker-list.json');
    const reserialised = new TextEncoder().encode(JSON.stringify(JSON.parse(new TextDecoder().decode(bytes))));
    expect(verifyDigest(bytes, sha256Digest(bytes))).toBe(true);
    expect(verifyDigest(reserialised, sha256Digest(bytes))).toBe(false);
  });
});

describe('verifyDigest', () => {
  it('verifies sha256 and sha512, and any change of a byte fails', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.nat(), fc.constantFrom('sha256', 'sha512' as const), (bytes, at, alg) => {
        const digest = digestOf(bytes, alg);
        expect(verifyDigest(bytes, digest)).toBe(true);
        const changed = bytes.slice();
        changed[at % changed.length] = (changed[at % changed.length]! + 1) % 256;
        expect(verifyDigest(changed, digest)).toBe(false);
      }),
    );
  });

  it('throws a clear error for a well-formed digest of an algorithm it cannot compute', () => {
    expect(() => verifyDigest(new Uint8Array(), `blake3:${'a'.repeat(64)}`)).toThrow(UnsupportedDigestError);
    expect(() => verifyDigest(new Uint8Array(), `blake3:${'a'.repeat(64)}`)).toThrow(/"blake3".*sha256 and sha512/);
  });

  it('returns false for a malformed digest', () => {
    expect(verifyDigest(new Uint8Array(), 'sha256:xyz')).toBe(false);
    expect(verifyDigest(new Uint8Array(), EMPTY_SHA256.toUpperCase())).toBe(false);
  });
});

describe('isDigest, splitDigest, shortDigest', () => {
  it.each([
    [EMPTY_SHA256, true],
    [ABC_SHA512, true],
    [`sha256:${'a'.repeat(63)}`, false],
    [`sha256:${'A'.repeat(64)}`, false],
    [`sha512:${'a'.repeat(64)}`, false],
    ['multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8', true],
    ['sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564', true],
    ['sha256', false],
    [':abc', false],
    ['SHA256:abc', false],
  ])('%s → %s', (digest, expected) => {
    expect(isDigest(digest)).toBe(expected);
  });

  it('splits and shortens', () => {
    expect(splitDigest(EMPTY_SHA256)).toEqual({ algorithm: 'sha256', encoded: EMPTY_SHA256.slice(7) });
    expect(splitDigest('nope')).toBeNull();
    expect(shortDigest(EMPTY_SHA256)).toBe('sha256:e3b0c44298fc');
    expect(shortDigest('not a digest')).toBe('not a digest');
  });
});
