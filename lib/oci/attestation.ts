import type { Descriptor } from './schemas';

/*
 * buildx stores attestations as OCI manifests in the index, marked by two annotations
 * (moby/buildkit docs/attestations/attestation-storage.md). Any other reference type is ignored.
 */

export const REFERENCE_TYPE_ANNOTATION = 'vnd.docker.reference.type';
export const REFERENCE_DIGEST_ANNOTATION = 'vnd.docker.reference.digest';
export const ATTESTATION_MANIFEST = 'attestation-manifest';

/** True for a buildx attestation descriptor. */
export function isAttestation(descriptor: Pick<Descriptor, 'annotations'>): boolean {
  return descriptor.annotations?.[REFERENCE_TYPE_ANNOTATION] === ATTESTATION_MANIFEST;
}

/** The digest of the image an attestation describes; undefined for anything else. */
export function attestationSubject(descriptor: Pick<Descriptor, 'annotations'>): string | undefined {
  return isAttestation(descriptor) ? descriptor.annotations?.[REFERENCE_DIGEST_ANNOTATION] : undefined;
}
