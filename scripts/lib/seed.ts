import { z } from 'zod';
import { Annotations, Platform } from '@/lib/oci/schemas';
import type { RegistryClient } from '@/lib/registry/types';
import {
  attestationEntry,
  buildAttestation,
  buildImage,
  buildIndex,
  pushImage,
  pushIndex,
  type Image,
  type ImageFormat,
  type Index,
} from './image-builder';

/*
 * The demo seed (issue 2 §1): real images in the shapes people meet in the wild, pushed by Archway's own code.
 * Tests, the demo home page and the benchmark all read what was pushed from the returned SeedResult rather than
 * hard-coding digests.
 */

export const SEED_NAMES = [
  'golang',
  'ociAnnotated',
  'buildx',
  'wrongArch',
  'windows',
  'x8664',
  'arm64v8',
  'single',
  'many',
  'dangling',
] as const;
export const SeedName = z.enum(SEED_NAMES);
export type SeedName = z.infer<typeof SeedName>;

/** One `manifests[]` entry of a seeded list, as pushed. */
export const SeededEntry = z.object({
  digest: z.string(),
  mediaType: z.string(),
  platform: Platform.nullable(),
  annotations: Annotations.optional(),
});
export type SeededEntry = z.infer<typeof SeededEntry>;

/** What a full seed pushed; written to a file by the e2e server and read back by the fixtures. */
export const SeedResult = z.object({
  /** The registry as written in references (`127.0.0.1:5000`). */
  registry: z.string(),
  /** Full references, e.g. `127.0.0.1:5000/demo/golang:alpine`. */
  references: z.record(SeedName, z.string()),
  /** The digest each tag points at. */
  digests: z.record(SeedName, z.string()),
  /** The entries of each list in order; empty for a tag that is a single manifest. */
  entries: z.record(SeedName, z.array(SeededEntry)),
  /** Child digests deleted after their list was pushed (the dangling list's missing child). */
  deleted: z.array(z.string()),
});

/** The result of seeding the shapes `N` (all of them by default). */
export type SeedResult<N extends SeedName = SeedName> = {
  registry: string;
  references: Record<N, string>;
  digests: Record<N, string>;
  entries: Record<N, SeededEntry[]>;
  deleted: string[];
};

export type SeedOptions<N extends SeedName> = {
  /** First path component of every repository. */
  namespace?: string;
  /** Mixed into every layer: a salted seed shares no blob or manifest with another salt. */
  salt?: string;
  /** Push only these shapes (the benchmark needs two). Default: all. */
  only?: readonly N[];
};

export type SeedClient = Pick<RegistryClient, 'registry' | 'hasBlob' | 'uploadBlob' | 'putManifest' | 'deleteManifest'>;

type Shape = {
  repository: string;
  tag: string;
  /** A list, or a single image for tags that point at one manifest. */
  build: (salt: string | undefined) => Index | Image;
};

const linux = (architecture: string, variant?: string): Platform => ({
  os: 'linux',
  architecture,
  ...(variant ? { variant } : {}),
});
const windows = (architecture: string, osVersion: string): Platform => ({
  os: 'windows',
  architecture,
  'os.version': osVersion,
});

/** The platforms of `golang:alpine` (Docker Hub, 2024): a Docker list of six. */
export const GOLANG_PLATFORMS: Platform[] = [
  linux('amd64'),
  linux('arm', 'v7'),
  linux('arm64', 'v8'),
  linux('386'),
  linux('ppc64le'),
  linux('s390x'),
];

/** Forty-eight distinct platforms: every GOOS/GOARCH family people ship, plus the Windows builds in use. */
export const MANY_PLATFORMS: Platform[] = [
  ...['amd64', 'amd64/v2', 'amd64/v3', 'amd64/v4', '386', 'arm/v5', 'arm/v6', 'arm/v7', 'arm64/v8', 'arm64/v9']
    .concat(['ppc64le', 'ppc64', 's390x', 'riscv64', 'mips', 'mipsle', 'mips64', 'mips64le', 'loong64'])
    .map((p) => {
      const [architecture, variant] = p.split('/') as [string, string | undefined];
      return linux(architecture, variant);
    }),
  ...[
    ['freebsd', 'amd64'],
    ['freebsd', '386'],
    ['freebsd', 'arm', 'v7'],
    ['freebsd', 'arm64'],
    ['freebsd', 'riscv64'],
    ['netbsd', 'amd64'],
    ['netbsd', '386'],
    ['netbsd', 'arm', 'v7'],
    ['netbsd', 'arm64'],
    ['openbsd', 'amd64'],
    ['openbsd', '386'],
    ['openbsd', 'arm64'],
    ['solaris', 'amd64'],
    ['illumos', 'amd64'],
    ['dragonfly', 'amd64'],
    ['plan9', 'amd64'],
    ['aix', 'ppc64'],
    ['wasip1', 'wasm'],
  ].map(([os, architecture, variant]): Platform => ({ os: os!, architecture: architecture!, ...(variant ? { variant } : {}) })),
  ...['14393.7259', '16299.2166', '17134.1305', '17763.6189', '18362.1256', '19041.1415', '19042.1889']
    .concat(['20348.2655', '22621.4037', '26100.1742'])
    .map((build) => windows('amd64', `10.0.${build}`)),
  windows('arm64', '10.0.26100.1742'),
];

function imagesFor(platforms: Platform[], format: ImageFormat, salt: string | undefined): Image[] {
  return platforms.map((platform) => buildImage({ platform, format, salt }));
}

/** A list of one image per platform, each entry stating the platform its image's config does. */
function plainIndex(platforms: Platform[], format: ImageFormat, salt: string | undefined): Index {
  return buildIndex({ format, entries: imagesFor(platforms, format, salt).map((image) => ({ image })) });
}

function shapes(namespace: string): Record<SeedName, Shape> {
  return {
    golang: {
      repository: `${namespace}/golang`,
      tag: 'alpine',
      build: (salt) => plainIndex(GOLANG_PLATFORMS, 'docker', salt),
    },
    ociAnnotated: {
      repository: `${namespace}/oci-annotated`,
      tag: '1.0',
      build: (salt) => {
        const platforms = [linux('amd64'), linux('arm64', 'v8'), linux('arm', 'v7')];
        const images = platforms.map((platform) =>
          buildImage({
            platform,
            format: 'oci',
            salt,
            annotations: { 'org.opencontainers.image.title': 'oci-annotated', 'org.opencontainers.image.version': '1.0' },
          }),
        );
        return buildIndex({
          format: 'oci',
          annotations: {
            'org.opencontainers.image.created': '2024-06-01T12:00:00Z',
            'org.opencontainers.image.source': 'https://example.com/archway/oci-annotated',
            'org.opencontainers.image.revision': '4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d',
            'org.opencontainers.image.version': '1.0',
            'org.opencontainers.image.description': 'An OCI index with index and descriptor annotations',
          },
          entries: images.map((image) => ({
            image,
            annotations: {
              'org.opencontainers.image.ref.name': '1.0',
              'com.example.build.runner': `builder-${image.platform.architecture}`,
            },
          })),
        });
      },
    },
    buildx: {
      repository: `${namespace}/buildx`,
      tag: 'latest',
      build: (salt) => {
        const images = imagesFor([linux('amd64'), linux('arm64')], 'oci', salt);
        // buildx lists every platform first, then one attestation manifest per platform.
        const attestations = images.map((image) => attestationEntry(buildAttestation(image, `${namespace}/buildx`), image));
        return buildIndex({ format: 'oci', entries: [...images.map((image) => ({ image })), ...attestations] });
      },
    },
    wrongArch: {
      repository: `${namespace}/wrong-arch`,
      tag: 'latest',
      build: (salt) => {
        const [arm64, amd64, armv7] = imagesFor([linux('arm64', 'v8'), linux('amd64'), linux('arm', 'v7')], 'docker', salt);
        return buildIndex({
          format: 'docker',
          entries: [
            // An arm64 image listed as amd64: the annotation disagrees with the config.
            { image: arm64!, platform: linux('amd64') },
            // Docker's CLI refuses `--arch x86_64`, but registries store it: a non-canonical name.
            { image: amd64!, platform: linux('x86_64') },
            { image: armv7! },
          ],
        });
      },
    },
    windows: {
      repository: `${namespace}/windows`,
      tag: 'ltsc',
      build: (salt) => plainIndex([windows('amd64', '10.0.17763.6189'), windows('amd64', '10.0.20348.2655')], 'docker', salt),
    },
    x8664: {
      repository: `${namespace}/x8664-test`,
      tag: 'latest',
      build: (salt) => buildImage({ platform: linux('amd64'), salt }),
    },
    // No variant in the config, as many arm64 builds have: the issue-3 walkthrough annotates it `v8`.
    arm64v8: {
      repository: `${namespace}/arm64v8-test`,
      tag: 'latest',
      build: (salt) => buildImage({ platform: linux('arm64'), salt }),
    },
    single: {
      repository: `${namespace}/single`,
      tag: 'latest',
      build: (salt) => buildImage({ platform: linux('amd64'), format: 'oci', salt }),
    },
    many: {
      repository: `${namespace}/many`,
      tag: 'latest',
      build: (salt) => plainIndex(MANY_PLATFORMS, 'oci', salt),
    },
    dangling: {
      repository: `${namespace}/dangling`,
      tag: 'latest',
      build: (salt) => plainIndex([linux('amd64'), linux('arm64', 'v8')], 'docker', salt),
    },
  };
}

const isIndex = (built: Index | Image): built is Index => 'children' in built;

function entriesOf(index: Index): SeededEntry[] {
  const document = JSON.parse(new TextDecoder().decode(index.manifest.bytes)) as {
    manifests: { digest: string; mediaType: string; platform?: Platform; annotations?: Annotations }[];
  };
  return document.manifests.map((d) => ({
    digest: d.digest,
    mediaType: d.mediaType,
    platform: d.platform ?? null,
    ...(d.annotations ? { annotations: d.annotations } : {}),
  }));
}

/** Pushes the demo shapes to `client`'s registry and says what it pushed. Running it twice gives the same digests. */
export async function seedDemo<N extends SeedName = SeedName>(
  client: SeedClient,
  options: SeedOptions<N> = {},
): Promise<SeedResult<N>> {
  const { namespace = 'demo', salt } = options;
  const only: readonly N[] = options.only ?? (SEED_NAMES as readonly SeedName[] as readonly N[]);
  const all = shapes(namespace);
  const result: SeedResult<N> = {
    registry: client.registry,
    references: {} as Record<N, string>,
    digests: {} as Record<N, string>,
    entries: {} as Record<N, SeededEntry[]>,
    deleted: [],
  };
  for (const name of only) {
    const shape = all[name];
    const built = shape.build(salt);
    const digest = isIndex(built)
      ? await pushIndex(client, shape.repository, built, shape.tag)
      : await pushImage(client, shape.repository, built, shape.tag);
    result.references[name] = `${client.registry}/${shape.repository}:${shape.tag}`;
    result.digests[name] = digest;
    result.entries[name] = isIndex(built) ? entriesOf(built) : [];
  }
  if ((only as readonly SeedName[]).includes('dangling')) {
    // The list was accepted while its children existed; deleting one afterwards leaves it dangling.
    const missing = (result as SeedResult<'dangling'>).entries.dangling.at(-1)!.digest;
    await client.deleteManifest(all.dangling.repository, missing);
    result.deleted.push(missing);
  }
  return result;
}

/** What each seeded image shows, for the demo links on the home page (no commas: the list is comma-separated). */
export const SEED_DESCRIPTIONS: Record<SeedName, string> = {
  golang: 'a clean Docker list of six Linux platforms',
  ociAnnotated: 'an OCI index with index and descriptor annotations',
  buildx: 'a buildx list with attestations folded under their images',
  wrongArch: 'problems to fix: an arm64 image listed as amd64 and x86_64 spelled out',
  windows: 'two Windows builds told apart by os.version',
  x8664: 'a single amd64 image to make a list from',
  arm64v8: 'a single arm64 image whose config has no variant',
  single: 'a tag that is one OCI image and not a list',
  many: '48 platforms: the matrix at scale',
  dangling: 'a list whose arm64 child is gone from the registry',
};

/** `reference=what it shows` for every seeded image: the value of `ARCHWAY_DEMO_REFERENCES`. */
export function demoReferenceList<N extends SeedName>(result: SeedResult<N>): string {
  return SEED_NAMES.filter((name): name is N => name in result.references)
    .map((name) => `${result.references[name]}=${SEED_DESCRIPTIONS[name]}`)
    .join(',');
}

/** The seeded references in a stable order, for printed links. */
export function seededReferences<N extends SeedName>(result: SeedResult<N>): string[] {
  return SEED_NAMES.filter((name): name is N => name in result.references).map((name) => result.references[name]);
}
