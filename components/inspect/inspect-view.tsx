'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { CompareWith } from '@/components/compare/compare-with';
import { HistoryPanel } from '@/components/history/history-panel';
import { IndexEditor } from '@/components/index-editor/index-editor';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { CopyList } from '@/components/promote/copy-list';
import { AppError } from '@/lib/api/errors';
import type { InspectEntry, InspectWindow } from '@/lib/api/inspect';
import { useInspectWindow } from '@/lib/queries/inspect';
import { digestReference, inspectHref, pinnedReference, tagReference, type EntrySelection, type TagOutcome } from '@/lib/present/links';
import { rememberReference } from '@/lib/present/recent-references';
import { familiarReference, tryParseReference } from '@/lib/oci/reference';
import { groupEntries } from '@/components/entry-table/group-entries';
import { EntryTable } from '@/components/entry-table/entry-table';
import { PlatformMatrix } from '@/components/platform-matrix/platform-matrix';
import { PullSimulator } from '@/components/pull-simulator/pull-simulator';
import { buildMatrix } from '@/components/platform-matrix/build-matrix';
import { EntryFilterBar } from './entry-filter-bar';
import { filterGroups, isFilterEmpty, NO_FILTER, type EntryFilter } from './entry-filter';
import { EquivalentCommands } from './equivalent-commands';
import type { EntryFix } from '@/lib/draft/fixes';
import { InspectError } from './inspect-error';
import { InspectHeader } from './inspect-header';
import { InspectSkeleton } from './inspect-skeleton';
import { OutcomeBanner } from './outcome-banner';
import { OutsideProblems } from './outside-problems';
import { ProblemSummary } from './problem-summary';
import { RawManifestPanel } from '@/components/shared/raw-manifest';
import { RepositoryTags } from './repository-tags';
import { selectionIndex } from './selection';
import { ShareLinks } from './share-links';
import { TagMovedNotice } from './tag-moved-notice';
import { UnreadEntriesNotice } from './unread-entries-notice';
import { useEntrySelection } from './use-entry-selection';
import { WholeList } from './whole-list';

type InspectViewProps = {
  /** The reference as the page was addressed (the query key the server prefetched under). */
  reference: string;
  /** What `?platform=` or `?digest=` asked to open. */
  initialSelection: EntrySelection;
  /** `?detailsFrom=`: the first entry of a long list whose details are read. */
  detailsFrom?: number;
  /** Set when the page was opened by a push or a revert: the success banner and its undo. */
  outcome?: TagOutcome | null;
};

/** The inspect page body: from the hydrated cache on first paint, refetched when stale. */
export function InspectView({ reference, initialSelection, detailsFrom = 0, outcome = null }: InspectViewProps) {
  const query = useInspectWindow(reference, detailsFrom);
  // Keyed by reference: another image starts with nothing selected and the editor closed.
  if (query.data) {
    return <InspectResult key={reference} data={query.data} reference={reference} initialSelection={initialSelection} detailsFrom={detailsFrom} outcome={outcome} />;
  }
  if (query.isError) {
    const error = AppError.parse(query.error);
    return <InspectError code={error.code} message={error.message} reference={reference} onRetry={() => query.refetch()} />;
  }
  return <InspectSkeleton />;
}

type InspectResultProps = { data: InspectWindow; reference: string; initialSelection: EntrySelection; detailsFrom: number; outcome: TagOutcome | null };

function InspectResult({ data, reference, initialSelection, detailsFrom, outcome }: InspectResultProps) {
  const t = useTranslations('inspect');
  // A list longer than the server reads per request comes with the entries it read in full only; the notice links the
  // others, and their problems are counted (data.outside).
  const entries = data.entries;
  // Positions are the list's own (entry 501 is #501 on the page that reads entries 501–600).
  const groups = useMemo(() => groupEntries(entries, data.details?.from ?? 0), [entries, data.details]);
  const { initialEntry, selectedDigest, selection, expanded, select, toggle } = useEntrySelection(entries, initialSelection);
  // One panel at a time takes the place of the read-only view: the editor, or the copy.
  const [mode, setMode] = useState<'view' | 'edit' | 'copy'>('view');
  const isEditing = mode === 'edit';
  // The fixes the editor opens with ("Fix" beside a problem, or "Fix all"); a new set starts a new edit.
  const [editorFixes, setEditorFixes] = useState<{ fixes: EntryFix[]; serial: number } | null>(null);
  const openEditorWith = (fixes: EntryFix[]) => {
    setEditorFixes((current) => ({ fixes, serial: (current?.serial ?? 0) + 1 }));
    setMode('edit');
  };
  const [filter, setFilter] = useState<EntryFilter>(NO_FILTER);
  const fullMatrix = useMemo(() => buildMatrix(groups), [groups]);
  const shownGroups = useMemo(() => filterGroups(groups, filter), [groups, filter]);
  const parsedReference = tryParseReference(reference);
  const isPinned = parsedReference.ok && parsedReference.reference.digest !== null;
  // The link asked for an entry the list does not hold: say so until the visitor chooses one themselves.
  const missedWanted = Boolean(initialSelection.platform || initialSelection.digest) && !initialEntry && !selectedDigest;

  useEffect(() => rememberReference(reference), [reference]);

  const selectionOf = useMemo(() => selectionIndex(data.entries), [data.entries]);
  const hrefFor = useCallback((entry: InspectEntry) => inspectHref(reference, selectionOf(entry)), [reference, selectionOf]);
  const commandReference = familiarReference({
    registry: data.registry,
    repository: data.repository,
    tag: isPinned ? null : data.tag,
    digest: isPinned ? data.digest : null,
  });
  const actions = (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <ShareLinks data={data} selection={selection} />
      <div className="flex flex-wrap items-center gap-2">
        <CompareWith location={data} reference={pinnedReference(data, data.tag, data.digest)} />
        {data.kind === 'index' ? (
          <button type="button" className="btn" aria-pressed={mode === 'copy'} onClick={() => setMode(mode === 'copy' ? 'view' : 'copy')}>
            {t('copyTo')}
          </button>
        ) : null}
        <button
          type="button"
          className="btn-primary"
          aria-pressed={isEditing}
          onClick={() => {
            setEditorFixes(null);
            setMode(isEditing ? 'view' : 'edit');
          }}
        >
          {isEditing ? t('closeEditor') : data.kind === 'index' ? t('editList') : t('makeList')}
        </button>
      </div>
    </div>
  );

  return (
    <div className="space-y-4">
      <Breadcrumbs registry={data.registry} repository={data.repository} tag={data.tag} digest={data.digest} />
      <TagMovedNotice data={data} />
      <UnreadEntriesNotice details={data.details} reference={reference} />
      <OutsideProblems outside={data.outside} />
      <InspectHeader data={data} actions={actions} />
      {outcome ? <OutcomeBanner data={data} outcome={outcome} /> : null}
      {missedWanted ? (
        <p role="status" className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-xs text-zinc-700">
          {initialSelection.platform
            ? t('noMatchPlatform', { platform: initialSelection.platform })
            : t('noMatchDigest', { digest: initialSelection.digest ?? '' })}
        </p>
      ) : null}
      {isEditing ? (
        <WholeList data={data} reference={reference} detailsFrom={detailsFrom}>
          {(whole) => <IndexEditor key={editorFixes?.serial ?? 0} inspect={whole} initialFixes={editorFixes?.fixes} onClose={() => setMode('view')} />}
        </WholeList>
      ) : mode === 'copy' ? (
        <WholeList data={data} reference={reference} detailsFrom={detailsFrom}>
          {(whole) => <CopyList data={whole} onClose={() => setMode('view')} />}
        </WholeList>
      ) : (
        <>
          <PlatformMatrix
            groups={shownGroups}
            selectedDigest={selectedDigest}
            hrefFor={hrefFor}
            onSelect={select}
            isFiltered={!isFilterEmpty(filter)}
            toolbar={
              groups.length > 1 ? (
                <EntryFilterBar matrix={fullMatrix} filter={filter} onChange={setFilter} shown={shownGroups.length} total={groups.length} />
              ) : null
            }
          />
          <ProblemSummary data={data} onSelect={select} onFix={openEditorWith} />
          {data.kind === 'index' ? <PullSimulator entries={entries} hrefFor={hrefFor} onSelect={select} /> : null}
          <section aria-labelledby="entries-heading" className="card p-4">
            <h2 id="entries-heading" className="card-title mb-2">
              {t('entries')}
            </h2>
            <EntryTable
              groups={shownGroups}
              location={data}
              selectedDigest={selectedDigest}
              expanded={expanded}
              onToggle={toggle}
              onSelect={select}
              hrefFor={hrefFor}
              label={t('entries')}
            />
          </section>
          <EquivalentCommands reference={commandReference} registry={data.registry} />
        </>
      )}
      {data.tag ? <HistoryPanel reference={tagReference(data, data.tag)} currentDigest={data.tagDigest === undefined ? data.digest : data.tagDigest} /> : null}
      <RepositoryTags location={data} currentTag={data.tag} />
      <RawManifestPanel reference={digestReference(data, data.digest)} digest={data.digest} />
    </div>
  );
}
