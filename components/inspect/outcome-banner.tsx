'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { AppError } from '@/lib/api/errors';
import type { InspectResponse } from '@/lib/api/inspect';
import { shortDigest } from '@/lib/oci/digest';
import { digestReference, inspectHref, outcomeHref, pinnedReference, tagReference, type TagOutcome } from '@/lib/present/links';
import { useRevert } from '@/lib/queries/revert';

type OutcomeBannerProps = { data: InspectResponse; outcome: TagOutcome };

/**
 * The visible end of a push or a revert: what the tag points at now (a link to that digest) and the way back. It
 * takes focus when it appears, so a keyboard or screen-reader user lands on the result, not on the page body.
 */
export function OutcomeBanner({ data, outcome }: OutcomeBannerProps) {
  const router = useRouter();
  const banner = useRef<HTMLDivElement>(null);
  const tag = data.tag;
  const revert = useRevert(tag ? tagReference(data, tag) : '', data.digest);
  useEffect(() => banner.current?.focus(), []);

  const undo = () => {
    if (!outcome.from || !tag) return;
    revert.mutate(outcome.from, {
      onSuccess: (result) =>
        router.push(outcomeHref(pinnedReference(data, tag, result.digest), { kind: 'reverted', from: data.digest })),
    });
  };
  const dismiss = () => router.replace(inspectHref(pinnedReference(data, tag, data.digest)));
  const undoLabel = outcome.kind === 'pushed' ? 'Undo the push' : 'Redo';

  return (
    <div
      ref={banner}
      tabIndex={-1}
      role="status"
      data-testid="outcome-banner"
      className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-950"
    >
      <p>
        <span className="font-semibold">{outcome.kind === 'pushed' ? 'Pushed.' : 'Reverted.'}</span> {tag ? `:${tag}` : 'The tag'} now points at{' '}
        <Link className="link font-mono" href={inspectHref(digestReference(data, data.digest))}>
          {shortDigest(data.digest)}
        </Link>
        {outcome.from ? (
          <>
            {' '}
            (it was <span className="font-mono">{shortDigest(outcome.from)}</span>)
          </>
        ) : null}
        .
      </p>
      <span className="ml-auto flex gap-2">
        {outcome.from && tag ? (
          <button type="button" className="btn min-h-7" disabled={revert.isPending} onClick={undo}>
            {revert.isPending ? 'Reverting…' : undoLabel}
          </button>
        ) : null}
        <button type="button" className="btn min-h-7" onClick={dismiss}>
          Dismiss
        </button>
      </span>
      {revert.error ? (
        <p role="alert" className="w-full text-xs text-red-800">
          {AppError.parse(revert.error).message}
        </p>
      ) : null}
    </div>
  );
}
