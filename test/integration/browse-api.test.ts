import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as getCatalog } from '@/app/api/v1/catalog/route';
import { POST as postSummaries } from '@/app/api/v1/summaries/route';
import { GET as getTags } from '@/app/api/v1/tags/route';
import { CatalogResponse } from '@/lib/api/catalog';
import { ErrorBody } from '@/lib/api/errors';
import { SummariesResponse } from '@/lib/api/summaries';
import { TagsResponse } from '@/lib/api/tags';
import { startRegistry, type RunningRegistry } from '@/scripts/lib/registry-process';
import { contentOfTag, type ManyTagsResult } from '@/scripts/lib/many-tags';
import { startBigRegistry, type BigRegistry } from '@/scripts/lib/seed-large';
import { CATALOG_CLOSED } from '@/scripts/lib/token-server';
import { startPagingProxy, type PagingProxy } from '@/test/support/paging-proxy';

/*
 * The browse endpoints against real registries (issue 11 §1): the catalog of a registry with 2,000 repositories page
 * by page, a registry whose tokens never grant the catalog, a repository with 10,000 tags read through a proxy that
 * pages them, and summaries for a batch of those tags. Seeded once for the file.
 */

let big: BigRegistry;
let forbidding: RunningRegistry;
let paging: PagingProxy;
let repositories: string[];
let manyTags: ManyTagsResult;

beforeAll(async () => {
  vi.stubEnv('ARCHWAY_SUMMARY_BATCH', '40');
  [big, forbidding] = await Promise.all([
    startBigRegistry(),
    startRegistry(CATALOG_CLOSED),
  ]);
  ({ repositories, manyTags } = big);
  paging = await startPagingProxy({ upstream: big.registry.url, pageSize: 1000 });
}, 180_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await paging?.stop();
  await Promise.all([big?.stop(), forbidding?.stop()]);
});

const catalog = (query: string) => getCatalog(new NextRequest(`http://localhost/api/v1/catalog?${query}`));

describe('GET /api/v1/catalog', () => {
  it('pages through 2,000 repositories with n and last, ending with next: null', async () => {
    const seen: string[] = [];
    let last: string | null = null;
    let pages = 0;
    do {
      const response = await catalog(`registry=${big.registry.host}&n=700${last ? `&last=${encodeURIComponent(last)}` : ''}`);
      expect(response.status).toBe(200);
      const page = CatalogResponse.parse(await response.json());
      expect(page.registry).toBe(big.registry.host);
      expect(page.repositories.length).toBeLessThanOrEqual(700);
      seen.push(...page.repositories);
      last = page.next;
      pages++;
    } while (last !== null);
    expect(pages).toBe(3);
    expect(seen.filter((name) => name.startsWith('fleet/'))).toEqual(repositories);
    expect(seen).toContain(manyTags.repository);
  });

  it('says when the registry refuses the catalog', async () => {
    const response = await catalog(`registry=${forbidding.host}`);
    expect([401, 403]).toContain(response.status);
    expect(ErrorBody.parse(await response.json()).error.code).toMatch(/UNAUTHORIZED|DENIED/);
  });

  it('refuses a bad registry or page size with what to pass', async () => {
    const notHost = await catalog('registry=golang');
    expect(notHost.status).toBe(400);
    expect(ErrorBody.parse(await notHost.json()).error.message).toContain('host[:port]');
    const tooMany = await catalog(`registry=${big.registry.host}&n=100000`);
    expect(tooMany.status).toBe(400);
    expect(ErrorBody.parse(await tooMany.json()).error.message).toContain('?n=');
  });
});

describe('GET /api/v1/tags on a repository with 10,000 tags', () => {
  it('follows every page the proxy serves and returns each tag once', async () => {
    const response = await getTags(new NextRequest(`http://localhost/api/v1/tags?repository=${paging.host}/${manyTags.repository}`));
    expect(response.status).toBe(200);
    const { tags } = TagsResponse.parse(await response.json());
    expect(tags).toHaveLength(10_000);
    expect(new Set(tags)).toEqual(new Set(manyTags.tags));
    expect(paging.pagesServed.filter((page) => page.includes(manyTags.repository))).toHaveLength(10);
  });
});

describe('POST /api/v1/summaries', () => {
  const post = (body: unknown) =>
    postSummaries(
      new NextRequest('http://localhost/api/v1/summaries', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    );
  const reference = (tag: string) => `${big.registry.host}/${manyTags.repository}:${tag}`;

  it('summarises a batch in the order asked: list or image, platforms, problems, and errors per reference', async () => {
    const firstTagOf = (content: ReturnType<typeof contentOfTag>) => manyTags.tags.find((_, i) => contentOfTag(i) === content)!;
    const [clean, problem, single] = [firstTagOf('list'), firstTagOf('problemList'), firstTagOf('single')];
    const response = await post({ references: [reference(clean), reference(problem), reference(single), reference('no-such-tag')] });
    expect(response.status).toBe(200);
    const { summaries } = SummariesResponse.parse(await response.json());
    expect(summaries.map((s) => s.reference)).toEqual([reference(clean), reference(problem), reference(single), reference('no-such-tag')]);
    expect(summaries[0]).toMatchObject({ digest: manyTags.digests.list, kind: 'index', platforms: 6, problems: 0 });
    expect(summaries[1]).toMatchObject({ digest: manyTags.digests.problemList, kind: 'index', platforms: 2 });
    expect(summaries[1]!.problems).toBeGreaterThan(0);
    expect(summaries[2]).toMatchObject({ digest: manyTags.digests.single, kind: 'manifest', platforms: 1 });
    expect(summaries[3]).toMatchObject({ digest: null, kind: null, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a batch larger than ARCHWAY_SUMMARY_BATCH', async () => {
    const response = await post({ references: manyTags.tags.slice(0, 41).map(reference) });
    expect(response.status).toBe(400);
    expect(ErrorBody.parse(await response.json()).error.message).toContain('At most 40');
  });
});
