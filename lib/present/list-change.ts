import { isAttestation } from '@/lib/oci/attestation';
import { shortDigest } from '@/lib/oci/digest';
import type { ParsedManifest } from '@/lib/oci/parse';
import { formatPlatform } from '@/lib/oci/platform';
import type { Descriptor } from '@/lib/oci/schemas';
import { shortMediaTypeLabel } from './format';

/*
 * What a push changed, in words, for the history: "linux/amd64 → linux/arm64/v8; removed linux/x86_64". Entries are
 * matched by digest (the same image is the same entry, whatever its platform says); attestations are counted, not
 * named, as the matrix folds them under their image.
 */

function label(descriptor: Descriptor): string {
  return descriptor.platform ? formatPlatform(descriptor.platform) : shortDigest(descriptor.digest);
}

function imagesOf(parsed: ParsedManifest): Descriptor[] {
  return parsed.kind === 'index' ? parsed.index.manifests : [];
}

/** The changes between two versions of a tag, one short phrase each; empty when nothing a user sees changed. */
export function describeListChange(before: ParsedManifest | null, after: ParsedManifest): string[] {
  if (!before) return [after.kind === 'index' ? `created with ${imagesOf(after).length} entries` : 'created'];
  if (before.kind !== after.kind) return [after.kind === 'index' ? 'a single image became a list' : 'a list became a single image'];
  const phrases: string[] = [];
  if (before.mediaType !== after.mediaType) phrases.push(`${shortMediaTypeLabel(before.mediaType)} → ${shortMediaTypeLabel(after.mediaType)}`);
  const old = imagesOf(before);
  const now = imagesOf(after);
  const oldByDigest = new Map(old.map((descriptor) => [descriptor.digest, descriptor]));
  const nowDigests = new Set(now.map((descriptor) => descriptor.digest));
  let attestationsAdded = 0;
  let attestationsRemoved = 0;
  for (const descriptor of now) {
    const was = oldByDigest.get(descriptor.digest);
    if (!was) {
      if (isAttestation(descriptor)) attestationsAdded += 1;
      else phrases.push(`added ${label(descriptor)}`);
    } else if (!isAttestation(descriptor)) {
      // As written: x86_64 → amd64 is a change a user made and wants to read, even if a runtime sees none.
      if (label(was) !== label(descriptor)) phrases.push(`${label(was)} → ${label(descriptor)}`);
    }
  }
  for (const descriptor of old) {
    if (nowDigests.has(descriptor.digest)) continue;
    if (isAttestation(descriptor)) attestationsRemoved += 1;
    else phrases.push(`removed ${label(descriptor)}`);
  }
  if (attestationsAdded) phrases.push(`added ${attestationsAdded} attestation${attestationsAdded === 1 ? '' : 's'}`);
  if (attestationsRemoved) phrases.push(`removed ${attestationsRemoved} attestation${attestationsRemoved === 1 ? '' : 's'}`);
  const keptOrderBefore = old.filter((descriptor) => nowDigests.has(descriptor.digest)).map((descriptor) => descriptor.digest);
  const keptOrderAfter = now.filter((descriptor) => oldByDigest.has(descriptor.digest)).map((descriptor) => descriptor.digest);
  if (keptOrderBefore.join() !== keptOrderAfter.join()) phrases.push('reordered');
  const annotationsBefore = JSON.stringify(before.kind === 'index' ? (before.index.annotations ?? {}) : {});
  const annotationsAfter = JSON.stringify(after.kind === 'index' ? (after.index.annotations ?? {}) : {});
  if (annotationsBefore !== annotationsAfter) phrases.push('annotations changed');
  return phrases;
}
