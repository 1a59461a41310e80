'use client';

import { useTranslations } from 'next-intl';
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
  const t = useTranslations('inspect.outcome');
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
  const undoLabel = outcome.kind === 'pushed' ? t('undo') : t('redo');

  return (
    <div
      ref={banner}
      tabIndex={-1}
      role="status"
      data-testid="outcome-banner"
      className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-950"
    >
      <p>
        {t.rich(outcome.from ? 'nowPointsWas' : 'nowPoints', {
          kind: outcome.kind,
          tagged: tag ? 'yes' : 'no',
          tag: tag ?? '',
          digest: shortDigest(data.digest),
          was: outcome.from ? shortDigest(outcome.from) : '',
          strong: (chunks) => <span className="font-semibold">{chunks}</span>,
          link: (chunks) => (
            <Link className="link font-mono" href={inspectHref(digestReference(data, data.digest))}>
              {chunks}
            </Link>
          ),
          mono: (chunks) => <span className="font-mono">{chunks}</span>,
        })}
      </p>
      <span className="ml-auto flex gap-2">
        {outcome.from && tag ? (
          <button type="button" className="btn min-h-7" disabled={revert.isPending} onClick={undo}>
            {revert.isPending ? t('reverting') : undoLabel}
          </button>
        ) : null}
        <button type="button" className="btn min-h-7" onClick={dismiss}>
          {t('dismiss')}
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
