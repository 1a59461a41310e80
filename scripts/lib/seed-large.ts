import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { MediaType } from '@/lib/oci/media-types';
import type { Platform } from '@/lib/oci/schemas';
import { createRegistryClient } from '@/lib/registry/client';
import { buildImage, buildIndex, descriptorOf, jsonBlob, pushImage, pushIndex, type PushClient } from './image-builder';
import { contentOfTag, manyTagNames, type ManyTagsResult } from './many-tags';
import { startRegistry, type RunningRegistry } from './registry-process';

/*
 * Registries too big to fill one request at a time (issue 11 §4): a repository with 10,000 tags and a registry with
 * 2,000 repositories. The content (a few images and lists) is pushed through the registry API like any other seed;
 * the many tags and repositories that point at it are then written as the link files distribution's filesystem
 * driver keeps for them, which is exactly what a tag PUT or a blob mount writes. Through the API, on this 2-core
 * machine, 10,000 tag PUTs take minutes (each re-validates the manifest); the links take seconds, fewer still on the
 * RAM-backed /dev/shm where startBigRegistry keeps its storage.
 */

/** Files written at once: the disk is the limit, not the CPU. */
const WRITE_CONCURRENCY = 64;

const linux = (architecture: string, variant?: string): Platform => ({ os: 'linux', architecture, ...(variant ? { variant } : {}) });

/** A registry started by scripts/lib/registry-process.ts: its API and the folder its storage lives in. */
export type SeedTarget = { client: PushClient; dataDir: string };

const repositoryDir = (dataDir: string, repository: string) => path.join(dataDir, 'docker/registry/v2/repositories', repository);

/** A distribution link file: the digest, no newline. */
async function writeLink(file: string, digest: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, digest);
}

/** What a PUT of `digest` by `tag` leaves behind: the tag's current link and its index entry. */
function tagLinks(dataDir: string, repository: string, tag: string, digest: string): [string, string][] {
  const tagDir = path.join(repositoryDir(dataDir, repository), '_manifests/tags', tag);
  return [
    [path.join(tagDir, 'current/link'), digest],
    [path.join(tagDir, 'index', digest.replace(':', '/'), 'link'), digest],
  ];
}

async function writeLinks(links: readonly [string, string][]): Promise<void> {
  const limit = pLimit(WRITE_CONCURRENCY);
  await Promise.all(links.map(([file, digest]) => limit(() => writeLink(file, digest))));
}

/**
 * A repository with `count` tags (default 10,000) over three manifests pushed through the API: a clean six-platform
 * list, a list with a platform its image contradicts (every tenth tag), and a single image (every seventh).
 */
export async function seedManyTags(target: SeedTarget, options: { repository?: string; count?: number } = {}): Promise<ManyTagsResult> {
  const repository = options.repository ?? 'big/many-tags';
  const platforms = [linux('amd64'), linux('arm64', 'v8'), linux('arm', 'v7'), linux('386'), linux('ppc64le'), linux('s390x')];
  const images = platforms.map((platform) => buildImage({ platform, salt: 'many-tags' }));
  const list = buildIndex({ format: 'docker', entries: images.map((image) => ({ image })) });
  const problemList = buildIndex({ format: 'docker', entries: [{ image: images[1]!, platform: linux('amd64') }, { image: images[2]! }] });
  const digests = {
    list: await pushIndex(target.client, repository, list),
    problemList: await pushIndex(target.client, repository, problemList),
    single: await pushImage(target.client, repository, images[0]!),
  };
  const tags = manyTagNames(options.count ?? 10_000);
  await writeLinks(tags.flatMap((tag, i) => tagLinks(target.dataDir, repository, tag, digests[contentOfTag(i)])));
  return { repository, tags, digests };
}

/**
 * `count` repositories (default 2,000) named `<prefix>/repo-0000`…, each with the tag `latest` on one tiny OCI image
 * (a config and no layer) pushed once through the API: the others get the links a mount and a PUT would leave.
 */
export async function seedManyRepositories(target: SeedTarget, options: { prefix?: string; count?: number } = {}): Promise<string[]> {
  const prefix = options.prefix ?? 'fleet';
  const count = options.count ?? 2000;
  const config = jsonBlob(MediaType.ociConfig, { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } });
  const manifest = jsonBlob(MediaType.ociManifest, { schemaVersion: 2, mediaType: MediaType.ociManifest, config: descriptorOf(config), layers: [] });
  const repositories = Array.from({ length: count }, (_, i) => `${prefix}/repo-${String(i).padStart(4, '0')}`);
  const [first, ...rest] = repositories as [string, ...string[]];
  await target.client.uploadBlob(first, config.digest, config.bytes);
  await target.client.putManifest(first, 'latest', manifest.bytes, manifest.mediaType);
  await writeLinks(
    rest.flatMap((repository): [string, string][] => {
      const dir = repositoryDir(target.dataDir, repository);
      return [
        // distribution lists a repository in the catalog once it has a _layers folder.
        [path.join(dir, '_layers', config.digest.replace(':', '/'), 'link'), config.digest],
        [path.join(dir, '_manifests/revisions', manifest.digest.replace(':', '/'), 'link'), manifest.digest],
        ...tagLinks(target.dataDir, repository, 'latest', manifest.digest),
      ];
    }),
  );
  return repositories;
}

export type BigRegistry = { registry: RunningRegistry; manyTags: ManyTagsResult; repositories: string[]; stop(): Promise<void> };

/** A registry holding a repository with `tags` tags and `repositories` more repositories, its storage in RAM when it can. */
export async function startBigRegistry(options: { tags?: number; repositories?: number } = {}): Promise<BigRegistry> {
  const dataDir = await mkdtemp(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'archway-big-'));
  const registry = await startRegistry({ dataDir });
  const stop = async () => {
    await registry.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const target = { client: createRegistryClient(registry.host, { insecure: true }), dataDir: registry.dataDir };
    const manyTags = await seedManyTags(target, { count: options.tags });
    const repositories = options.repositories === 0 ? [] : await seedManyRepositories(target, { count: options.repositories });
    return { registry, manyTags, repositories, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
