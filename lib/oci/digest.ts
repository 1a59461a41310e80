import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { isDigest, splitDigest } from './reference';

/*
 * Digests are computed over exact bytes with @noble/hashes, because this module also runs in the browser
 * (no node:crypto). What a digest looks like (the grammar) is lib/oci/reference's to say.
 */

export type DigestAlgorithm = 'sha256' | 'sha512';

const HASH_BY_ALGORITHM: Record<DigestAlgorithm, (bytes: Uint8Array) => Uint8Array> = {
  sha256: (bytes) => sha256(bytes),
  sha512: (bytes) => sha512(bytes),
};

/** Thrown when a digest is well-formed but uses an algorithm Archway cannot compute. */
export class UnsupportedDigestError extends Error {
  constructor(readonly algorithm: string) {
    super(`Cannot verify a "${algorithm}" digest: Archway computes sha256 and sha512 only.`);
    this.name = 'UnsupportedDigestError';
  }
}

/** The algorithms Archway computes (the registered ones of the OCI spec). */
export function isRegisteredAlgorithm(algorithm: string): algorithm is DigestAlgorithm {
  return algorithm === 'sha256' || algorithm === 'sha512';
}

/** The digest of `bytes` with the given algorithm, e.g. `sha256:e3b0…`. */
export function digestOf(bytes: Uint8Array, algorithm: DigestAlgorithm): string {
  return `${algorithm}:${bytesToHex(HASH_BY_ALGORITHM[algorithm](bytes))}`;
}

/** The sha256 digest of `bytes`: what registries use by default. */
export function sha256Digest(bytes: Uint8Array): string {
  return digestOf(bytes, 'sha256');
}

/**
 * True when `bytes` hash to `digest`. A malformed digest never verifies (false); a well-formed one with an
 * algorithm other than sha256/sha512 throws UnsupportedDigestError, since saying "no" would be a lie.
 */
export function verifyDigest(bytes: Uint8Array, digest: string): boolean {
  if (!isDigest(digest)) return false;
  const { algorithm } = splitDigest(digest)!;
  if (!isRegisteredAlgorithm(algorithm)) throw new UnsupportedDigestError(algorithm);
  return digestOf(bytes, algorithm) === digest;
}

/** A digest shortened for display: the algorithm and the first 12 characters, e.g. `sha256:0123456789ab`. */
export function shortDigest(digest: string): string {
  const parts = splitDigest(digest);
  if (!parts) return digest;
  return `${parts.algorithm}:${parts.encoded.slice(0, 12)}`;
}
