import Link from 'next/link';
import type { InspectResponse } from '@/lib/api/inspect';
import { inspectHref, tagReference } from '@/lib/present/links';
import { shortDigest } from '@/lib/oci/digest';

/** On a link pinned to a digest: says when the tag it names now points elsewhere, or is gone. */
export function TagMovedNotice({ data }: { data: InspectResponse }) {
  if (data.tagDigest === undefined || data.tag === null || data.tagDigest === data.digest) return null;
  const currentHref = inspectHref(tagReference(data, data.tag));
  return (
    <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-2.5 text-sm text-amber-900">
      {data.tagDigest === null ? (
        <>
          The tag <code className="font-semibold">{data.tag}</code> no longer exists in the registry. This page shows
          the digest the link was pinned to, <code>{shortDigest(data.digest)}</code>.
        </>
      ) : (
        <>
          This link is pinned to <code>{shortDigest(data.digest)}</code>, but the tag{' '}
          <code className="font-semibold">{data.tag}</code> has moved to <code>{shortDigest(data.tagDigest)}</code>.{' '}
          <Link href={currentHref} className="font-medium underline underline-offset-2">
            View current
          </Link>
        </>
      )}
    </div>
  );
}
