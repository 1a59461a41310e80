import { formatReference } from '@/lib/oci/reference';

/*
 * Archway URLs keep references readable: `/inspect/127.0.0.1:5000/demo/golang:alpine?platform=linux/arm64/v8`.
 * Only characters that would change the URL's meaning are escaped.
 */

/** Where a repository lives; the parts of an inspect answer that name it. */
export type RepositoryLocation = { registry: string; repository: string };

/** Which entry a page opens: a platform (`linux/arm64/v8`) or, where no platform is unique, a digest. */
export type EntrySelection = { platform?: string; digest?: string };

function encodeKeeping(value: string, kept: readonly string[]): string {
  let encoded = encodeURIComponent(value);
  for (const char of kept) encoded = encoded.replaceAll(encodeURIComponent(char), char);
  return encoded;
}

/** The query string for an entry selection, with readable slashes and colons ('' when nothing is selected). */
export function selectionSearch(selection: EntrySelection = {}): string {
  const pairs: string[] = [];
  if (selection.platform) pairs.push(`platform=${encodeKeeping(selection.platform, ['/'])}`);
  if (selection.digest) pairs.push(`digest=${encodeKeeping(selection.digest, [':'])}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** The path of the inspect page for a reference, optionally opening one entry. */
export function inspectHref(reference: string, selection?: EntrySelection): string {
  return `/inspect/${encodeKeeping(reference, ['/', ':', '@'])}${selectionSearch(selection)}`;
}

/** The reference a catch-all `/inspect/[...reference]` route was called with. */
export function referenceFromSegments(segments: readonly string[]): string {
  return segments.map((segment) => safeDecode(segment)).join('/');
}

/** A URL path or segment decoded, or null when it holds a `%` that is not an escape (`%ZZ`, bytes that are not UTF-8). */
export function decodedOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** A segment decoded where it can be; as it came where it cannot (a literal `%` stays). */
export function safeDecode(segment: string): string {
  return decodedOrNull(segment) ?? segment;
}

/** `registry/repository:tag`: what a link to the tag names (it follows the tag when it moves). */
export function tagReference(location: RepositoryLocation, tag: string): string {
  return formatReference({ ...location, tag, digest: null });
}

/** `registry/repository@digest`: one exact manifest, forever. */
export function digestReference(location: RepositoryLocation, digest: string): string {
  return formatReference({ ...location, tag: null, digest });
}

/** `registry/repository:tag@digest`: a permalink pinned to the digest that still says which tag it came from. */
export function pinnedReference(location: RepositoryLocation, tag: string | null, digest: string): string {
  return formatReference({ ...location, tag, digest });
}

/** What just happened to the tag a page shows: the success it announces, and the digest the undo goes back to. */
export type TagOutcome = { kind: 'pushed' | 'reverted'; from: string | null };

/** The page to open after a push or revert: pinned to the new digest, carrying the outcome for its success banner. */
export function outcomeHref(reference: string, outcome: TagOutcome): string {
  const from = outcome.from ? `&from=${encodeKeeping(outcome.from, [':'])}` : '';
  return `${inspectHref(reference)}?done=${outcome.kind}${from}`;
}

/** The outcome a page was opened with (`?done=pushed&from=sha256:…`), or null. */
export function parseOutcome(done: string | undefined, from: string | undefined): TagOutcome | null {
  if (done !== 'pushed' && done !== 'reverted') return null;
  return { kind: done, from: from && /^sha256:[a-f0-9]{64}$/.test(from) ? from : null };
}

/** The browse page of a registry's catalog, or of one repository's tags. */
export function browseHref(registry: string, repository?: string): string {
  return `/browse/${encodeKeeping(registry, [':'])}${repository ? `/${encodeKeeping(repository, ['/'])}` : ''}`;
}

/** The compare page of two references (either may be left for the page to ask). */
export function compareHref(a: string, b?: string): string {
  const pairs = [`a=${encodeKeeping(a, ['/', ':', '@'])}`, ...(b ? [`b=${encodeKeeping(b, ['/', ':', '@'])}`] : [])];
  return `/compare?${pairs.join('&')}`;
}

/**
 * The absolute URL a teammate opens for an Archway path: under ARCHWAY_PUBLIC_URL when the server has one (a path
 * prefix kept), else under the origin this browser used.
 */
export function shareUrl(path: string, publicUrl: string | null, browserOrigin: string): string {
  if (!publicUrl) return new URL(path, browserOrigin).toString();
  const base = publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`;
  return new URL(path.replace(/^\/+/, ''), base).toString();
}
