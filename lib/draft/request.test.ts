import { describe, expect, it } from 'vitest';
import { buildx, digestOf, image, keyOf, list, REGISTRY } from '@/test/support/draft-lists';
import { MediaType } from '@/lib/oci/media-types';
import { draftFromInspect } from './entries';
import { draftReducer } from './reducer';
import { toPushRequest } from './request';

describe('draftFromInspect + toPushRequest', () => {
  it('sends an untouched list as its sources only, in order, against the loaded digest', () => {
    const request = toPushRequest(draftFromInspect(buildx));
    expect(request).toEqual({
      target: `${REGISTRY}/demo/app:1.0`,
      base: digestOf(9999),
      manifests: [1, 2, 3].map((n) => ({ source: `${REGISTRY}/demo/app@${digestOf(n)}` })),
    });
  });

  it('sends the whole platform of an edited entry, keeping fields the editor does not show', () => {
    const draft = draftReducer(draftFromInspect(buildx), { type: 'setPlatformField', key: keyOf(draftFromInspect(buildx), digestOf(2)), field: 'variant', value: 'v8.2' });
    const [, edited] = toPushRequest(draft).manifests;
    expect(edited).toEqual({
      source: `${REGISTRY}/demo/app@${digestOf(2)}`,
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8.2', features: ['sse4'] },
    });
  });

  it('a value typed back to what it was is no change', () => {
    const start = draftFromInspect(buildx);
    const key = keyOf(start, digestOf(1));
    const typed = draftReducer(draftReducer(start, { type: 'setPlatformField', key, field: 'variant', value: 'v2' }), {
      type: 'setPlatformField',
      key,
      field: 'variant',
      value: '',
    });
    expect(toPushRequest(typed)).toEqual(toPushRequest(start));
  });

  it('pushes to another tag without a base, and back to the same tag (typed differently) with it', () => {
    const start = draftFromInspect(buildx);
    expect(toPushRequest(draftReducer(start, { type: 'setTarget', target: `${REGISTRY}/demo/app:2.0` })).base).toBeNull();
    expect(toPushRequest(draftReducer(start, { type: 'setTarget', target: ` ${REGISTRY}/demo/app:1.0 ` })).base).toBe(digestOf(9999));
    // Another spelling of the same registry is the same tag: without the base the push would be refused as a new tag.
    for (const spelling of ['127.0.0.1:5000/demo/app:1.0', 'LOCALHOST:05000/demo/app:1.0', '[::1]:5000/demo/app:1.0']) {
      expect(toPushRequest(draftReducer(start, { type: 'setTarget', target: spelling })).base).toBe(digestOf(9999));
    }
    expect(toPushRequest(draftReducer(start, { type: 'setTarget', target: '127.0.0.1:5001/demo/app:1.0' })).base).toBeNull();
  });

  it('sends index and descriptor annotations only when changed, and never for a Docker list', () => {
    const start = draftFromInspect(buildx);
    const key = keyOf(start, digestOf(1));
    const annotated = draftReducer(
      draftReducer(start, { type: 'setEntryAnnotations', key, annotations: [{ key: 'team', value: 'core' }] }),
      { type: 'setIndexAnnotations', annotations: [] },
    );
    const request = toPushRequest(annotated);
    expect(request.annotations).toEqual({});
    expect(request.manifests[0]).toEqual({ source: `${REGISTRY}/demo/app@${digestOf(1)}`, annotations: { team: 'core' } });
    const docker = draftReducer(annotated, { type: 'setMediaType', mediaType: MediaType.dockerManifestList });
    const dockerRequest = toPushRequest(docker);
    expect(dockerRequest.mediaType).toBe(MediaType.dockerManifestList);
    expect(dockerRequest.annotations).toBeUndefined();
    expect(dockerRequest.manifests[0]!.annotations).toBeUndefined();
  });

  it('turns a single image into a one-entry list of the matching type, platform read from the config', () => {
    const single = list([image(7, null, { os: 'linux', architecture: 'amd64' })], {
      kind: 'manifest',
      mediaType: MediaType.dockerManifest,
      digest: digestOf(7),
      annotations: undefined,
    });
    const request = toPushRequest(draftFromInspect(single));
    expect(request).toEqual({
      target: `${REGISTRY}/demo/app:1.0`,
      base: digestOf(7),
      mediaType: MediaType.dockerManifestList,
      manifests: [{ source: `${REGISTRY}/demo/app@${digestOf(7)}` }],
    });
  });
});
