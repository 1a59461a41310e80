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

/** One thing a push changed; the catalogs word each kind (`history.change.<kind>`) with its values. */
export type ListChange =
  | { kind: 'createdList'; count: number }
  | { kind: 'created' }
  | { kind: 'becameList' }
  | { kind: 'becameImage' }
  | { kind: 'mediaType'; from: string; to: string }
  | { kind: 'added'; entry: string }
  | { kind: 'platform'; from: string; to: string }
  | { kind: 'removed'; entry: string }
  | { kind: 'attestationsAdded'; count: number }
  | { kind: 'attestationsRemoved'; count: number }
  | { kind: 'reordered' }
  | { kind: 'annotations' };

/** The changes between two versions of a tag, one each; empty when nothing a user sees changed. */
export function listChanges(before: ParsedManifest | null, after: ParsedManifest): ListChange[] {
  if (!before) return [after.kind === 'index' ? { kind: 'createdList', count: imagesOf(after).length } : { kind: 'created' }];
  if (before.kind !== after.kind) return [after.kind === 'index' ? { kind: 'becameList' } : { kind: 'becameImage' }];
  const changes: ListChange[] = [];
  if (before.mediaType !== after.mediaType) changes.push({ kind: 'mediaType', from: before.mediaType, to: after.mediaType });
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
      else changes.push({ kind: 'added', entry: label(descriptor) });
    } else if (!isAttestation(descriptor)) {
      // As written: x86_64 → amd64 is a change a user made and wants to read, even if a runtime sees none.
      if (label(was) !== label(descriptor)) changes.push({ kind: 'platform', from: label(was), to: label(descriptor) });
    }
  }
  for (const descriptor of old) {
    if (nowDigests.has(descriptor.digest)) continue;
    if (isAttestation(descriptor)) attestationsRemoved += 1;
    else changes.push({ kind: 'removed', entry: label(descriptor) });
  }
  if (attestationsAdded) changes.push({ kind: 'attestationsAdded', count: attestationsAdded });
  if (attestationsRemoved) changes.push({ kind: 'attestationsRemoved', count: attestationsRemoved });
  const keptOrderBefore = old.filter((descriptor) => nowDigests.has(descriptor.digest)).map((descriptor) => descriptor.digest);
  const keptOrderAfter = now.filter((descriptor) => oldByDigest.has(descriptor.digest)).map((descriptor) => descriptor.digest);
  if (keptOrderBefore.join() !== keptOrderAfter.join()) changes.push({ kind: 'reordered' });
  const annotationsBefore = JSON.stringify(before.kind === 'index' ? (before.index.annotations ?? {}) : {});
  const annotationsAfter = JSON.stringify(after.kind === 'index' ? (after.index.annotations ?? {}) : {});
  if (annotationsBefore !== annotationsAfter) changes.push({ kind: 'annotations' });
  return changes;
}

const plural = (count: number, noun: string, nouns = `${noun}s`) => `${count} ${count === 1 ? noun : nouns}`;

/** A change in English (scripts, tests); the page says it through the catalogs. */
export function listChangeInEnglish(change: ListChange): string {
  switch (change.kind) {
    case 'createdList':
      return `created with ${plural(change.count, 'entry', 'entries')}`;
    case 'created':
      return 'created';
    case 'becameList':
      return 'a single image became a list';
    case 'becameImage':
      return 'a list became a single image';
    case 'mediaType':
      return `${shortMediaTypeLabel(change.from)} → ${shortMediaTypeLabel(change.to)}`;
    case 'added':
      return `added ${change.entry}`;
    case 'platform':
      return `${change.from} → ${change.to}`;
    case 'removed':
      return `removed ${change.entry}`;
    case 'attestationsAdded':
      return `added ${plural(change.count, 'attestation')}`;
    case 'attestationsRemoved':
      return `removed ${plural(change.count, 'attestation')}`;
    case 'reordered':
      return 'reordered';
    case 'annotations':
      return 'annotations changed';
  }
}

/** The changes between two versions of a tag, one short English phrase each. */
export function describeListChange(before: ParsedManifest | null, after: ParsedManifest): string[] {
  return listChanges(before, after).map(listChangeInEnglish);
}
