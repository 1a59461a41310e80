import 'server-only';
import { createHash } from 'node:crypto';
import { isRegisteredAlgorithm, UnsupportedDigestError, type DigestAlgorithm } from '@/lib/oci/digest';
import { isDigest, splitDigest } from '@/lib/oci/reference';

/*
 * Bytes a registry sent, with their digests computed at most once each. lib/oci/digest hashes in JavaScript because
 * it also runs in the browser; here node:crypto does the same work natively, several times faster, and a manifest
 * checked against the digest asked for, against Docker-Content-Digest and then named by its own digest is hashed
 * once, not three times. A cold inspect of a 48-entry list hashes about a hundred documents on the request's thread.
 */
export class HashedBytes {
  private readonly digests = new Map<DigestAlgorithm, string>();

  constructor(readonly bytes: Uint8Array) {}

  /** The digest with the given algorithm, e.g. `sha256:e3b0…`. */
  digest(algorithm: DigestAlgorithm = 'sha256'): string {
    let digest = this.digests.get(algorithm);
    if (!digest) {
      digest = `${algorithm}:${createHash(algorithm).update(this.bytes).digest('hex')}`;
      this.digests.set(algorithm, digest);
    }
    return digest;
  }

  /**
   * True when the bytes hash to `digest`, as lib/oci/digest's verifyDigest says it: a malformed digest never matches,
   * a well-formed one with an algorithm Archway does not compute throws UnsupportedDigestError.
   */
  matches(digest: string): boolean {
    if (!isDigest(digest)) return false;
    const { algorithm } = splitDigest(digest)!;
    if (!isRegisteredAlgorithm(algorithm)) throw new UnsupportedDigestError(algorithm);
    return this.digest(algorithm) === digest;
  }
}
