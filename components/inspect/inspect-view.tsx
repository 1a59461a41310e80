'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { AppError } from '@/lib/api/errors';
import type { InspectEntry, InspectResponse } from '@/lib/api/inspect';
import { useInspect } from '@/lib/client/inspect';
import { digestReference, inspectHref, selectionSearch, tagReference, type EntrySelection } from '@/lib/client/links';
import { rememberReference } from '@/lib/client/recent-references';
import { familiarReference, tryParseReference } from '@/lib/oci/reference';
import { allEntries, groupEntries } from '@/components/entry-table/group-entries';
import { EntryTable } from '@/components/entry-table/entry-table';
import { PlatformMatrix } from '@/components/platform-matrix/platform-matrix';
import { EquivalentCommands } from './equivalent-commands';
import { InspectError } from './inspect-error';
import { InspectHeader } from './inspect-header';
import { InspectSkeleton } from './inspect-skeleton';
import { ProblemSummary } from './problem-summary';
import { RawManifestPanel } from './raw-manifest';
import { findSelectedEntry, selectionFor } from './selection';
import { ShareLinks } from './share-links';
import { TagMovedNotice } from './tag-moved-notice';

type InspectViewProps = {
  /** The reference as the page was addressed (the query key the server prefetched under). */
  reference: string;
  /** What `?platform=` or `?digest=` asked to open. */
  initialSelection: EntrySelection;
};

/** The inspect page body: from the hydrated cache on first paint, refetched when stale. */
export function InspectView({ reference, initialSelection }: InspectViewProps) {
  const query = useInspect(reference);
  if (query.data) return <InspectResult data={query.data} reference={reference} initialSelection={initialSelection} />;
  if (query.isError) {
    const error = AppError.parse(query.error);
    return <InspectError code={error.code} message={error.message} reference={reference} onRetry={() => query.refetch()} />;
  }
  return <InspectSkeleton />;
}

/** The index entry (at any depth) whose children include `digest`, so opening a nested child opens its parents. */
function ancestorsOf(entries: readonly InspectEntry[], digest: string): string[] {
  for (const entry of entries) {
    if (!entry.children) continue;
    if (entry.children.some((child) => child.digest === digest)) return [entry.digest];
    const deeper = ancestorsOf(entry.children, digest);
    if (deeper.length) return [entry.digest, ...deeper];
  }
  return [];
}

function scrollToEntry(digest: string): void {
  // After React has rendered the expanded row.
  requestAnimationFrame(() => {
    document.querySelector(`[data-entry-digest="${CSS.escape(digest)}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  });
}

function InspectResult({ data, reference, initialSelection }: { data: InspectResponse; reference: string; initialSelection: EntrySelection }) {
  const groups = useMemo(() => groupEntries(data.entries), [data.entries]);
  const initialEntry = useMemo(() => findSelectedEntry(data.entries, initialSelection), [data.entries, initialSelection]);
  const [selectedDigest, setSelectedDigest] = useState<string | null>(initialEntry?.digest ?? null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() =>
    initialEntry ? new Set([...ancestorsOf(data.entries, initialEntry.digest), initialEntry.digest]) : new Set(),
  );
  const selectedEntry = selectedDigest ? (allEntries(data.entries).find((entry) => entry.digest === selectedDigest) ?? null) : null;
  const selection = selectedEntry ? selectionFor(data.entries, selectedEntry) : null;
  const parsedReference = tryParseReference(reference);
  const isPinned = parsedReference.ok && parsedReference.reference.digest !== null;
  const wantedSomething = Boolean(initialSelection.platform || initialSelection.digest);

  useEffect(() => rememberReference(reference), [reference]);
  useEffect(() => {
    if (initialEntry) scrollToEntry(initialEntry.digest);
  }, [initialEntry]);

  // The URL always says what is open, so copying it from the address bar shares this view.
  const setUrlSelection = useCallback((next: EntrySelection | null) => {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${selectionSearch(next ?? {})}`);
  }, []);

  const select = useCallback(
    (entry: InspectEntry) => {
      setSelectedDigest(entry.digest);
      setExpanded((current) => new Set([...current, ...ancestorsOf(data.entries, entry.digest), entry.digest]));
      setUrlSelection(selectionFor(data.entries, entry));
      scrollToEntry(entry.digest);
    },
    [data.entries, setUrlSelection],
  );

  const toggle = useCallback(
    (entry: InspectEntry) => {
      if (!expanded.has(entry.digest)) return select(entry);
      setExpanded((current) => new Set([...current].filter((digest) => digest !== entry.digest)));
      if (entry.digest === selectedDigest) {
        setSelectedDigest(null);
        setUrlSelection(null);
      }
    },
    [expanded, select, selectedDigest, setUrlSelection],
  );

  const hrefFor = useCallback((entry: InspectEntry) => inspectHref(reference, selectionFor(data.entries, entry)), [reference, data.entries]);
  const commandReference = familiarReference({
    registry: data.registry,
    repository: data.repository,
    tag: isPinned ? null : data.tag,
    digest: isPinned ? data.digest : null,
  });

  return (
    <div className="space-y-4">
      <TagMovedNotice data={data} />
      <InspectHeader data={data} />
      {wantedSomething && !initialEntry ? (
        <p role="status" className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-xs text-zinc-700">
          No entry of this list matches {initialSelection.platform ? `platform ${initialSelection.platform}` : `digest ${initialSelection.digest}`}; showing them all.
        </p>
      ) : null}
      {data.kind === 'manifest' ? <SingleManifestNote data={data} /> : null}
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 space-y-4">
          <ProblemSummary data={data} onSelect={select} />
          <PlatformMatrix groups={groups} selectedDigest={selectedDigest} hrefFor={hrefFor} onSelect={select} />
        </div>
        <div className="min-w-0 space-y-4">
          <ShareLinks data={data} selection={selection} />
          <EquivalentCommands reference={commandReference} registry={data.registry} />
        </div>
      </div>
      <section aria-labelledby="entries-heading" className="card p-4">
        <h2 id="entries-heading" className="card-title mb-2">
          Entries
        </h2>
        <EntryTable
          groups={groups}
          location={data}
          selectedDigest={selectedDigest}
          expanded={expanded}
          onToggle={toggle}
          onSelect={select}
          hrefFor={hrefFor}
          label="Entries"
        />
      </section>
      <RawManifestPanel reference={digestReference(data, data.digest)} digest={data.digest} />
    </div>
  );
}

function SingleManifestNote({ data }: { data: InspectResponse }) {
  const source = data.tag ? tagReference(data, data.tag) : digestReference(data, data.digest);
  return (
    <div role="note" className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-sky-200 bg-sky-50 px-4 py-2.5 text-sm text-sky-900">
      <span>This tag points at one image manifest, not a list: machines of other platforms cannot pull it.</span>
      <Link href={`/create?source=${encodeURIComponent(source)}`} className="btn">
        Create a list from it
      </Link>
    </div>
  );
}
