/*
 * The names and contents of the big repository's tags (scripts/lib/seed-large.ts pushes them). Apart from the seeding,
 * which needs the server-only registry client, so that browser tests can compute what they expect to see.
 */

/** What the big repository's tags point at. */
export type ManyTagsResult = {
  repository: string;
  tags: string[];
  /** The three manifests every tag points at one of. */
  digests: { list: string; problemList: string; single: string };
};

/**
 * Tag names people meet: semver releases and their `-alpine` variants, floating `1.2` / `1` tags, builds, `latest`.
 * Deterministic and distinct, `count` of them.
 */
export function manyTagNames(count: number): string[] {
  const tags = new Set<string>(['latest', 'edge', 'stable']);
  for (let major = 0; tags.size < count; major++) {
    tags.add(String(major));
    for (let minor = 0; minor < 20 && tags.size < count; minor++) {
      tags.add(`${major}.${minor}`);
      for (let patch = 0; patch < 10 && tags.size < count; patch++) {
        tags.add(`${major}.${minor}.${patch}`);
        if (tags.size < count) tags.add(`${major}.${minor}.${patch}-alpine`);
        if (tags.size < count && patch % 3 === 0) tags.add(`build-${major}${minor}${patch}`);
      }
    }
  }
  return [...tags].slice(0, count);
}

/** Which of the three manifests the i-th tag points at: mostly the clean list, some the broken one, some the image. */
export function contentOfTag(index: number): keyof ManyTagsResult['digests'] {
  if (index % 7 === 5) return 'single';
  return index % 10 === 3 ? 'problemList' : 'list';
}

