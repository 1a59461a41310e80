import { describe, expect, it } from 'vitest';
import { readFixture } from './fixtures/read-fixture';
import { sha256Digest, verifyDigest } from './digest';
import { MediaType } from './media-types';
import { ManifestParseError, parseImageConfig, parseManifest } from './parse';

const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const descriptor = (mediaType: string) => ({ mediaType, digest: DIGEST, size: 10 });
const dockerManifest = { schemaVersion: 2, mediaType: MediaType.dockerManifest, config: descriptor(MediaType.dockerConfig), layers: [] };

describe('parseManifest: real lists', () => {
  it('reads a Docker list (golang:alpine) with its six platforms', () => {
    const parsed = parseManifest(readFixture('golang-alpine.docker-list.json'), `${MediaType.dockerManifestList}; charset=utf-8`);
    expect(parsed.kind).toBe('index');
    expect(parsed.mediaType).toBe(MediaType.dockerManifestList);
    if (parsed.kind !== 'index') throw new Error('unreachable');
    expect(parsed.index.manifests.map((m) => m.platform?.architecture)).toEqual(['amd64', 'arm', 'arm64', '386', 'ppc64le', 's390x']);
  });

  it('reads an OCI index with attestation annotations', () => {
    const parsed = parseManifest(readFixture('mysql-8.4.oci-index.json'), MediaType.ociIndex);
    if (parsed.kind !== 'index') throw new Error('expected an index');
    expect(parsed.index.manifests[1]?.annotations?.['vnd.docker.reference.type']).toBe('attestation-manifest');
  });
});

describe('parseManifest: §9 case 5, Content-Type against the body', () => {
  it('rejects a body whose mediaType differs from Content-Type, and says both', () => {
    expect(() => parseManifest(encode(dockerManifest), MediaType.ociManifest)).toThrow(ManifestParseError);
    expect(() => parseManifest(encode(dockerManifest), MediaType.ociManifest)).toThrow(
      `Content-Type ${MediaType.ociManifest} but the manifest says its mediaType is ${MediaType.dockerManifest}`,
    );
  });

  it('ignores Content-Type parameters and case', () => {
    expect(parseManifest(encode(dockerManifest), 'Application/vnd.docker.distribution.manifest.v2+json; charset=utf-8').kind).toBe('manifest');
  });

  it('works without a Content-Type (a file, a pasted document)', () => {
    expect(parseManifest(encode(dockerManifest)).mediaType).toBe(MediaType.dockerManifest);
  });
});

describe('parseManifest: §9 case 22, what a list may omit', () => {
  it('accepts an OCI index without mediaType, with empty manifests, or entries without platform', () => {
    const parsed = parseManifest(encode({ schemaVersion: 2, manifests: [] }));
    expect(parsed).toMatchObject({ kind: 'index', mediaType: MediaType.ociIndex });
    const noPlatform = parseManifest(encode({ schemaVersion: 2, manifests: [descriptor(MediaType.ociManifest)] }), MediaType.ociIndex);
    expect(noPlatform.kind === 'index' && noPlatform.index.manifests[0]?.platform).toBeUndefined();
  });

  it('rejects a Docker list without mediaType', () => {
    expect(() => parseManifest(encode({ schemaVersion: 2, manifests: [] }), MediaType.dockerManifestList)).toThrow(
      /Docker manifest list must carry "mediaType"/,
    );
  });

  it('rejects an OCI index body with config or layers', () => {
    const body = { schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [], config: descriptor(MediaType.ociConfig) };
    expect(() => parseManifest(encode(body))).toThrow(/OCI index but has config\/layers/);
    expect(() => parseManifest(encode({ schemaVersion: 2, manifests: [], layers: [] }), MediaType.ociIndex)).toThrow(/config\/layers/);
  });
});

describe('§9 case 11: odd whitespace and key order', () => {
  it('parsing never changes the bytes, so their digest is the one the registry computed', () => {
    const odd = `\t{ "layers":[],\r\n"config" : {"size":10,"digest":"${DIGEST}","mediaType":"${MediaType.dockerConfig}"},  "mediaType":"${MediaType.dockerManifest}","schemaVersion":2 }\n\n`;
    const bytes = encode(odd);
    const untouched = bytes.slice();
    const parsed = parseManifest(bytes, MediaType.dockerManifest);
    if (parsed.kind !== 'manifest') throw new Error(`expected a manifest, got ${parsed.kind}`);
    expect(parsed.manifest.config).toEqual({ size: 10, digest: DIGEST, mediaType: MediaType.dockerConfig });
    expect(bytes).toEqual(untouched);
    // What a careless client would push instead: the same document, another digest.
    expect(verifyDigest(encode(JSON.stringify(parsed.manifest)), sha256Digest(bytes))).toBe(false);
  });
});

describe('parseManifest: what it refuses', () => {
  it.each([
    ['not JSON', '{"schemaVersion": 2,', undefined, /not JSON/],
    ['JSON that is not an object', '[1,2]', undefined, /not an object/],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), undefined, /not JSON/],
    ['schema 1', { schemaVersion: 1, name: 'x', tag: 'y', fsLayers: [] }, undefined, /schema 1 manifests are not supported: push with a current docker/],
    ['schema 1 by Content-Type', { name: 'x' }, 'application/vnd.docker.distribution.manifest.v1+prettyjws', /schema 1/],
    ['an unknown media type', { schemaVersion: 2, mediaType: 'application/vnd.cncf.helm.chart.v1+json' }, undefined, /Unsupported manifest media type application\/vnd.cncf.helm.chart/],
    ['a descriptor without a digest', { schemaVersion: 2, mediaType: MediaType.dockerManifestList, manifests: [{ mediaType: MediaType.dockerManifest, size: 1 }] }, undefined, /manifests\.0\.digest/],
    ['a negative size', { ...dockerManifest, config: { ...descriptor(MediaType.dockerConfig), size: -1 } }, undefined, /config\.size/],
    ['a document that is no manifest', { hello: 'world' }, undefined, /not a manifest/],
  ])('%s', (_name, body, contentType, message) => {
    const bytes = body instanceof Uint8Array ? body : encode(body);
    expect(() => parseManifest(bytes, contentType)).toThrow(message);
  });
});

describe('unknown fields survive parsing', () => {
  it('keeps unknown top-level, descriptor and platform fields', () => {
    const body = {
      schemaVersion: 2,
      mediaType: MediaType.ociIndex,
      'x-top': { nested: [1, 2] },
      manifests: [{ ...descriptor(MediaType.ociManifest), 'x-desc': true, platform: { os: 'linux', architecture: 'amd64', 'x-plat': 'kept' } }],
    };
    const parsed = parseManifest(encode(body));
    expect(parsed.kind === 'index' && parsed.index).toEqual(body);
  });

  it('keeps the key order of the bytes, so untouched entries serialise as they came', () => {
    for (const name of ['golang-alpine.docker-list.json', 'mysql-8.4.oci-index.json']) {
      const bytes = readFixture(name);
      const parsed = parseManifest(bytes);
      expect(JSON.stringify(parsed.kind === 'index' && parsed.index, null, 3)).toBe(JSON.stringify(JSON.parse(new TextDecoder().decode(bytes)), null, 3));
    }
    const golang = parseManifest(readFixture('golang-alpine.docker-list.json'));
    expect(JSON.stringify(golang.kind === 'index' && golang.index, null, 3)).toBe(new TextDecoder().decode(readFixture('golang-alpine.docker-list.json')));
  });

  it('keeps unknown config fields', () => {
    const config = { architecture: 'arm64', os: 'linux', variant: 'v8', config: { Env: ['A=1'], Labels: null }, history: [{ created_by: 'x' }] };
    expect(parseImageConfig(encode(config))).toEqual(config);
  });

  it('parseImageConfig refuses what is not a config', () => {
    expect(() => parseImageConfig(encode('nope'))).toThrow(/image config is not JSON/);
    expect(() => parseImageConfig(encode({ architecture: 5 }))).toThrow(/Not a valid image config: architecture/);
  });
});
