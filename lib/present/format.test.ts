import { describe, expect, it } from 'vitest';
import { formatBytes, formatRelativeTime, formatTimestamp, mediaTypeName, shortMediaTypeLabel } from './format';

describe('formatBytes', () => {
  it('uses decimal units like registries do', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1 kB');
    expect(formatBytes(3_456_789)).toBe('3.5 MB');
    expect(formatBytes(2_000_000_000_000_000)).toBe('2,000 TB');
  });

  it("writes the number in the locale's digits and separators", () => {
    expect(formatBytes(3_456_789, 'zh-CN')).toBe('3.5 MB');
    expect(formatBytes(2_000_000_000_000_000, 'zh-CN')).toBe('2,000 TB');
    expect(formatBytes(3_456_789, 'de')).toBe('3,5 MB');
  });
});

describe('formatTimestamp', () => {
  it('prints UTC to the minute, or the input when it is not a date', () => {
    expect(formatTimestamp('2024-03-01T12:34:56.789Z')).toBe('2024-03-01 12:34 UTC');
    expect(formatTimestamp('2024-03-01T14:34:56+02:00')).toBe('2024-03-01 12:34 UTC');
    expect(formatTimestamp('yesterday')).toBe('yesterday');
  });

  it("uses the locale's own date form elsewhere, still in UTC", () => {
    expect(formatTimestamp('2024-03-01T12:34:56.789Z', 'zh-CN')).toBe('2024年3月1日 12:34 UTC');
    expect(formatTimestamp('2024-03-01T23:34:56-02:00', 'zh-CN')).toBe('2024年3月2日 01:34 UTC');
    expect(formatTimestamp('yesterday', 'zh-CN')).toBe('yesterday');
  });
});

describe('media type names', () => {
  it('names the four manifest types (their labels are in the catalogs) and passes others through', () => {
    expect(mediaTypeName('application/vnd.docker.distribution.manifest.list.v2+json')).toBe('dockerManifestList');
    expect(mediaTypeName('application/vnd.oci.image.manifest.v1+json')).toBe('ociManifest');
    expect(mediaTypeName('application/vnd.example+json')).toBeNull();
    expect(shortMediaTypeLabel('application/vnd.docker.distribution.manifest.list.v2+json')).toBe('Docker list');
    expect(shortMediaTypeLabel('application/vnd.example+json')).toBe('application/vnd.example+json');
  });
});

describe('formatRelativeTime', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it('says how long ago, in the largest whole unit', () => {
    expect(formatRelativeTime('2026-12-01T11:59:58Z', now)).toBe('just now');
    expect(formatRelativeTime('2026-12-01T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelativeTime('2026-12-01T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelativeTime('2026-11-30T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelativeTime('not a date', now)).toBe('not a date');
    expect(formatRelativeTime('2026-12-01T11:59:58Z', now, 'zh-CN')).toBe('刚刚');
    expect(formatRelativeTime('2026-12-01T11:55:00Z', now, 'zh-CN')).toBe('5分钟前');
    expect(formatRelativeTime('2026-11-30T12:00:00Z', now, 'zh-CN')).toBe('昨天');
  });
});
