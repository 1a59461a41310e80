'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { InspectEntry } from '@/lib/api/inspect';
import { selectionSearch, type EntrySelection } from '@/lib/present/links';
import { allEntries } from '@/components/entry-table/group-entries';
import { findSelectedEntry, selectionFor } from './selection';

/** The index entries (outermost first) whose children hold `digest`, so opening a nested child opens its parents. */
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

// The URL always says what is open, so copying it from the address bar shares this view.
function setUrlSelection(next: EntrySelection | null): void {
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${selectionSearch(next ?? {})}`);
}

/**
 * Which entry is selected (highlighted, its URL in the address bar) and which rows are open. Starts from what the
 * URL asked for; selecting opens the entry and its parents and scrolls to it.
 */
export function useEntrySelection(entries: readonly InspectEntry[], initialSelection: EntrySelection) {
  const { platform, digest } = initialSelection;
  const initialEntry = useMemo(() => findSelectedEntry(entries, { platform, digest }), [entries, platform, digest]);
  const [selectedDigest, setSelectedDigest] = useState<string | null>(initialEntry?.digest ?? null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() =>
    initialEntry ? new Set([...ancestorsOf(entries, initialEntry.digest), initialEntry.digest]) : new Set(),
  );
  const selectedEntry = selectedDigest ? (allEntries(entries).find((entry) => entry.digest === selectedDigest) ?? null) : null;

  useEffect(() => {
    if (initialEntry) scrollToEntry(initialEntry.digest);
  }, [initialEntry]);

  const select = useCallback(
    (entry: InspectEntry) => {
      setSelectedDigest(entry.digest);
      setExpanded((current) => new Set([...current, ...ancestorsOf(entries, entry.digest), entry.digest]));
      setUrlSelection(selectionFor(entries, entry));
      scrollToEntry(entry.digest);
    },
    [entries],
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
    [expanded, select, selectedDigest],
  );

  return {
    /** The entry the URL asked for, or null (also when it matched nothing). */
    initialEntry,
    selectedDigest,
    selection: selectedEntry ? selectionFor(entries, selectedEntry) : null,
    expanded,
    select,
    toggle,
  };
}
