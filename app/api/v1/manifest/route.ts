// GET /api/v1/manifest?ref=<reference> – the exact bytes the registry holds, with their media type and digest.
import type { NextRequest } from 'next/server';
import { AppError } from '@/lib/api/errors';
import { handle } from '@/lib/api/handler';
import { readQuery } from '@/lib/api/params';
import { ManifestQuery } from '@/lib/api/manifest';
import { identify } from '@/lib/auth/request';
import { resolveManifest } from '@/lib/inspect/inspect-image';
import { isJsonMediaType } from '@/lib/oci/media-types';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: NextRequest) => {
  const { ref } = readQuery(request, ManifestQuery);
  const { manifest } = await resolveManifest(ref, (await identify(request)).access.clientFor);
  // The registry names the type, and this is Archway's origin: a "manifest" labelled text/html would run as a page.
  if (!isJsonMediaType(manifest.mediaType)) {
    throw new AppError('UNPROCESSABLE', `${ref} is a ${manifest.mediaType} document, not a JSON manifest; Archway serves manifests only.`);
  }
  // The body is passed through untouched: its sha256 is the digest in the header.
  return new Response(Buffer.from(manifest.bytes), {
    headers: {
      'content-type': manifest.mediaType,
      'docker-content-digest': manifest.digest,
      'content-length': String(manifest.size),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    },
  });
});
