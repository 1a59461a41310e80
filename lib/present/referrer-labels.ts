// Artifact types as the tools that push them name them (cosign, sigstore, notation, SPDX, CycloneDX, in-toto).
const ARTIFACT_TYPE_LABELS: readonly (readonly [RegExp, string])[] = [
  [/^application\/vnd\.dev\.cosign\.artifact\.sig\.v1\+json$/, 'Cosign signature'],
  [/^application\/vnd\.dev\.sigstore\.bundle(\.v[\d.]+)?\+json/, 'Sigstore bundle'],
  [/^application\/vnd\.cncf\.notary\.signature$/, 'Notary signature'],
  [/^(application\/(vnd\.)?spdx(\+json|\+xml)?|text\/spdx)$/, 'SPDX SBOM'],
  [/^application\/vnd\.cyclonedx(\+json|\+xml)?$/, 'CycloneDX SBOM'],
  [/^application\/vnd\.in-toto(\.[\w.-]+)?\+json$/, 'in-toto attestation'],
];

/** An artifact type as people name it (`Cosign signature`); the type itself when Archway has no name for it. */
export function artifactTypeLabel(artifactType: string | null): string {
  if (artifactType === null) return 'unknown artifact type';
  return ARTIFACT_TYPE_LABELS.find(([pattern]) => pattern.test(artifactType))?.[1] ?? artifactType;
}
