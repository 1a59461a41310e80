/*
 * Every TanStack Query key comes from here, so the server prefetch, the hooks and any invalidation agree.
 * Keys hold the reference exactly as the page was addressed.
 */
export const queryKeys = {
  inspect: {
    all: ['inspect'] as const,
    /** `detailsFrom`: the first entry whose details are read (0 unless the list is longer than ARCHWAY_MAX_ENTRIES). */
    detail: (reference: string, detailsFrom = 0) => (detailsFrom === 0 ? (['inspect', reference] as const) : (['inspect', reference, detailsFrom] as const)),
    /** The inspect page's shape of the same answer: only the entries whose details were read (`entries=window`). */
    window: (reference: string, detailsFrom = 0) => ['inspect', reference, detailsFrom, 'window'] as const,
  },
  manifest: {
    all: ['manifest'] as const,
    raw: (reference: string) => ['manifest', 'raw', reference] as const,
  },
  tags: {
    all: ['tags'] as const,
    /** `registry/repository`, without tag or digest. */
    list: (repository: string) => ['tags', repository] as const,
  },
  referrers: {
    all: ['referrers'] as const,
    /** A subject pinned by digest (`registry/repository@sha256:…`); null when no artifactType filter. */
    list: (subject: string, artifactType: string | null = null) => ['referrers', subject, artifactType] as const,
  },
  session: {
    /** Who this browser is and where it is signed in; registry data is refetched when it changes. */
    current: ['session'] as const,
  },
  catalog: {
    all: ['catalog'] as const,
    /** A registry host as written in references; pages are the infinite query's. */
    pages: (registry: string) => ['catalog', registry] as const,
  },
  summaries: {
    all: ['summary'] as const,
    /** One tag reference (`registry/repo:tag`); fetched in batches, cached one by one. */
    one: (reference: string) => ['summary', reference] as const,
  },
  compare: {
    all: ['compare'] as const,
    pair: (a: string, b: string) => ['compare', a, b] as const,
  },
  history: {
    all: ['history'] as const,
    /** A tag reference (`registry/repo:tag`); every push and revert invalidates `all`. */
    tag: (ref: string) => ['history', ref] as const,
  },
};
