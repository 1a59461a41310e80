import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestOf, UnsupportedDigestError, verifyDigest } from '@/lib/oci/digest';
import { HashedBytes } from './hashed-bytes';

describe('HashedBytes', () => {
  it('gives the digests lib/oci/digest computes, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        const hashed = new HashedBytes(bytes);
        expect(hashed.digest()).toBe(digestOf(bytes, 'sha256'));
        expect(hashed.digest('sha512')).toBe(digestOf(bytes, 'sha512'));
      }),
    );
  });

  it('matches exactly when verifyDigest does, for right, wrong and malformed digests', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.uint8Array({ maxLength: 512 }), (bytes, other) => {
        const hashed = new HashedBytes(bytes);
        for (const digest of [digestOf(bytes, 'sha256'), digestOf(other, 'sha256'), digestOf(bytes, 'sha512'), 'sha256:abc', 'not a digest']) {
          expect(hashed.matches(digest)).toBe(verifyDigest(bytes, digest));
        }
      }),
    );
  });

  it('refuses to judge an algorithm it cannot compute, as verifyDigest does', () => {
    const hashed = new HashedBytes(new Uint8Array([1, 2, 3]));
    expect(() => hashed.matches(`blake3:${'a'.repeat(64)}`)).toThrow(UnsupportedDigestError);
  });
});
