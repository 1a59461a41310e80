'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Digest } from '@/components/ui/digest';
import { Skeleton } from '@/components/ui/skeleton';
import { AppError } from '@/lib/api/errors';
import type { HistoryEntry } from '@/lib/api/push';
import { formatRelativeTime, formatTimestamp } from '@/lib/present/format';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useListChange } from './use-list-change';
import { useMediaTypeLabel } from '@/components/shared/use-media-type-label';
import type { ListChange } from '@/lib/present/list-change';
import { useHistory } from '@/lib/queries/history';
import { compareHref, digestReference, inspectHref, outcomeHref, pinnedReference, tagReference } from '@/lib/present/links';
import { asConflict } from '@/lib/queries/conflict';
import { queryKeys } from '@/lib/queries/query-keys';
import { useRevert } from '@/lib/queries/revert';
import { shortDigest } from '@/lib/oci/digest';
import { tryParseReference, type ImageReference } from '@/lib/oci/reference';

type HistoryPanelProps = {
  /** The tag, `registry/repo:tag`. */
  reference: string;
  /** The digest the page shows for the tag: a revert must find the tag still there (else 409). */
  currentDigest: string | null;
};

function DigestLink({ location, digest }: { location: ImageReference | null; digest: string }) {
  if (!location) return <Digest digest={digest} />;
  return (
    <span className="inline-flex items-center gap-1">
      <Link className="link font-mono text-xs" href={inspectHref(digestReference(location, digest))} title={digest}>
        {shortDigest(digest)}
      </Link>
    </span>
  );
}

/** The pushes Archway recorded for a tag, newest first, each with a revert to the digest it replaced. */
export function HistoryPanel({ reference, currentDigest }: HistoryPanelProps) {
  const t = useTranslations('history');
  const tc = useTranslations('common');
  const history = useHistory(reference);
  const parsed = tryParseReference(reference);
  const location = parsed.ok ? parsed.reference : null;

  return (
    <section aria-labelledby="history-heading" className="card">
      <div className="flex items-center justify-between border-b border-zinc-100 px-3 py-2">
        <h2 id="history-heading" className="card-title">
          {t('heading', { tag: location?.tag ? `:${location.tag}` : reference })}
        </h2>
        <span className="text-xs text-zinc-600">{t('subtitle')}</span>
      </div>
      {history.isPending ? (
        <div className="space-y-2 p-3">
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
        </div>
      ) : history.isError ? (
        <p role="alert" className="p-3 text-sm text-red-700">
          {t('readFailed', { message: history.error.message })}{' '}
          <button type="button" className="btn" onClick={() => history.refetch()}>
            {tc('retry')}
          </button>
        </p>
      ) : history.data.entries.length === 0 ? (
        <p className="p-3 text-sm text-zinc-600">{t('empty')}</p>
      ) : (
        <ol className="divide-y divide-zinc-100">
          {history.data.entries.map((entry) => (
            <HistoryRow key={entry.id} entry={entry} reference={reference} location={location} currentDigest={currentDigest} />
          ))}
        </ol>
      )}
    </section>
  );
}

type HistoryRowProps = { entry: HistoryEntry; reference: string; location: ImageReference | null; currentDigest: string | null };

function HistoryRow({ entry, reference, location, currentDigest }: HistoryRowProps) {
  const t = useTranslations('history');
  const locale = useLocale();
  const shortMediaType = useMediaTypeLabel('short');
  const router = useRouter();
  const queryClient = useQueryClient();
  const [isConfirming, setIsConfirming] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const revert = useRevert(reference, currentDigest);
  const changes = useListChange(location, entry.before, entry.after);
  const onConfirm = (digest: string) =>
    revert.mutate(digest, {
      onSuccess: (result) => {
        setIsConfirming(false);
        if (location) router.push(outcomeHref(pinnedReference(location, location.tag, result.digest), { kind: 'reverted', from: currentDigest }));
      },
    });
  const conflict = revert.error ? asConflict(revert.error) : null;
  const isCurrent = entry.after === currentDigest;
  const target = entry.before;
  // Going back over a revert puts the reverted push back: that is a redo, and it says so.
  const isRedo = entry.action === 'revert';
  const actionLabel = target ? t(isRedo ? 'redoTo' : 'revertTo', { digest: shortDigest(target) }) : '';
  const sayChange = (change: ListChange) =>
    change.kind === 'mediaType' ? t('change.mediaType', { from: shortMediaType(change.from), to: shortMediaType(change.to) }) : t(`change.${change.kind}`, change);
  const cancel = () => {
    setIsConfirming(false);
    revert.reset();
  };

  const onReload = () => {
    revert.reset();
    void queryClient.invalidateQueries({ queryKey: queryKeys.inspect.all });
    if (location?.tag) router.push(inspectHref(tagReference(location, location.tag)));
    router.refresh();
  };

  return (
    <li className="space-y-1.5 px-3 py-2 text-sm" aria-label={t('rowLabel', { action: t(`action.${entry.action}`), user: entry.user, time: formatTimestamp(entry.at, locale) })}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Badge tone={entry.action === 'revert' ? 'info' : 'neutral'}>{t(`action.${entry.action}`)}</Badge>
        <span className="text-xs text-zinc-700">
          {t.rich(entry.registryUser ? 'byAs' : 'by', {
            user: entry.user,
            registryUser: entry.registryUser ?? '',
            strong: (chunks) => <span className="font-medium">{chunks}</span>,
          })}{' '}
          <time dateTime={entry.at} title={formatTimestamp(entry.at, locale)}>
            {formatRelativeTime(entry.at, undefined, locale)}
          </time>
        </span>
        {isCurrent ? <Badge tone="success">{t('current')}</Badge> : null}
        {entry.state === 'pending' ? (
          <Badge tone="warning" title={t('pendingTitle')}>
            {t('pending')}
          </Badge>
        ) : null}
        {entry.state === 'failed' ? (
          <Badge tone="muted" title={t('failedTitle')}>
            {t('failed')}
          </Badge>
        ) : null}
        <span className="ml-auto">
          {target ? (
            <button ref={opener} type="button" className="btn min-h-7" disabled={isConfirming || revert.isPending} onClick={() => setIsConfirming(true)}>
              {actionLabel}
            </button>
          ) : (
            <span className="text-xs text-zinc-600" title={t('createdTitle')}>
              {t('createdTag')}
            </span>
          )}
        </span>
      </div>
      {/* The history is one per tag, whatever spelling each push was typed under: say so when it is not this page's. */}
      {entry.target !== reference ? (
        <p className="text-xs break-all text-zinc-600" data-testid="history-target">
          {t.rich('pushedAs', { target: entry.target, mono: (chunks) => <span className="font-mono">{chunks}</span> })}
        </p>
      ) : null}
      <p className="text-sm text-zinc-900" data-testid="history-change">
        {changes === null ? <span className="text-zinc-600">{t('readingChange')}</span> : changes.length ? changes.map(sayChange).join(t('changeSeparator')) : t('noChange')}
      </p>
      <p className="flex flex-wrap items-center gap-1.5 text-xs">
        {entry.before ? <DigestLink location={location} digest={entry.before} /> : <span className="text-zinc-600">{t('newTag')}</span>}
        <span aria-label={t('became')}>→</span>
        <DigestLink location={location} digest={entry.after} />
        {entry.before && location ? (
          <Link className="link" href={compareHref(digestReference(location, entry.before), digestReference(location, entry.after))}>
            {t('compare')}
          </Link>
        ) : null}
      </p>
      {isConfirming && target ? (
        <ConfirmDialog
          label={t('confirmRevert')}
          onCancel={cancel}
          returnFocusTo={opener}
          actions={
            <>
              <button type="button" className="btn-primary" disabled={revert.isPending} onClick={() => onConfirm(target)}>
                {revert.isPending ? t('reverting') : isRedo ? t('confirmRedo') : t('confirmRevert')}
              </button>
              <button type="button" className="btn" onClick={cancel}>
                {t('cancel')}
              </button>
            </>
          }
        >
          <p>
            {t.rich(currentDigest ? 'confirmQuestionNow' : 'confirmQuestion', {
              reference,
              target: shortDigest(target),
              current: currentDigest ? shortDigest(currentDigest) : '',
              mono: (chunks) => <span className="font-mono">{chunks}</span>,
            })}
          </p>
        </ConfirmDialog>
      ) : null}
      {conflict ? (
        <div role="alert" className="space-y-1 rounded-md bg-amber-50 p-2 text-xs text-amber-950 ring-1 ring-amber-300">
          <p>
            {t.rich(conflict.current ? 'movedTo' : 'movedAway', {
              current: conflict.current ? shortDigest(conflict.current) : '',
              mono: (chunks) => <span className="font-mono">{chunks}</span>,
            })}
          </p>
          <button type="button" className="btn" onClick={onReload}>
            {t('reload')}
          </button>
        </div>
      ) : revert.error ? (
        <p role="alert" className="text-xs text-red-700">
          {AppError.parse(revert.error).message}
        </p>
      ) : null}
    </li>
  );
}
