import { MediaType } from '@/lib/oci/media-types';

/*
 * Display formatting shared by every view. Fixed locale (en) so the server-rendered HTML and the hydrated page
 * print the same text.
 */

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;
const NUMBER = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** A size in bytes for people: `512 B`, `3.4 MB` (decimal units, as registries and docker report them). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${NUMBER.format(value)} ${UNITS[unit]}`;
}

/** An ISO timestamp as `2024-03-01 12:34 UTC`; the input as given when it does not parse. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `1 error`, `3 warnings`. */
export function countLabel(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

const MEDIA_TYPE_LABELS: Record<string, string> = {
  [MediaType.dockerManifestList]: 'Docker manifest list',
  [MediaType.ociIndex]: 'OCI image index',
  [MediaType.dockerManifest]: 'Docker image manifest',
  [MediaType.ociManifest]: 'OCI image manifest',
};

/** A media type as people name it (`OCI image index`); the type itself when Archway has no name for it. */
export function mediaTypeLabel(mediaType: string): string {
  return MEDIA_TYPE_LABELS[mediaType] ?? mediaType;
}

const SHORT_MEDIA_TYPE_LABELS: Record<string, string> = {
  [MediaType.dockerManifestList]: 'Docker list',
  [MediaType.ociIndex]: 'OCI index',
  [MediaType.dockerManifest]: 'Docker manifest',
  [MediaType.ociManifest]: 'OCI manifest',
};

/** The same, short enough for a badge (`OCI index`). */
export function shortMediaTypeLabel(mediaType: string): string {
  return SHORT_MEDIA_TYPE_LABELS[mediaType] ?? mediaType;
}

const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];
const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** `5 minutes ago`, `yesterday`: how long ago `iso` was at `now`; the input as given when it does not parse. */
export function formatRelativeTime(iso: string, now: Date = new Date()): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 10) return 'just now';
  const [unit, size] = RELATIVE_UNITS.find(([, length]) => Math.abs(seconds) >= length) ?? RELATIVE_UNITS.at(-1)!;
  return RELATIVE.format(Math.round(seconds / size), unit);
}
