'use client';

import { useCallback, useSyncExternalStore } from 'react';

/*
 * The references this browser inspected last, newest first, kept in localStorage. Other tabs see changes through
 * the `storage` event; this tab through a listener set.
 */
const STORAGE_KEY = 'archway:recent-references';
const MAX_RECENT = 8;
const EMPTY: readonly string[] = [];

const listeners = new Set<() => void>();
let cachedRaw: string | null = null;
let cachedList: readonly string[] = EMPTY;

function readRaw(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // Storage disabled (private mode, policy): recents are a convenience, never an error.
  }
}

/** Parses what localStorage held; anything unexpected counts as no history. */
export function parseRecent(raw: string | null): readonly string[] {
  if (!raw) return EMPTY;
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string').slice(0, MAX_RECENT) : EMPTY;
  } catch {
    return EMPTY;
  }
}

/** The list with `reference` moved to the front, without duplicates, capped. */
export function withRecent(list: readonly string[], reference: string): string[] {
  return [reference, ...list.filter((item) => item !== reference)].slice(0, MAX_RECENT);
}

function snapshot(): readonly string[] {
  const raw = readRaw();
  // useSyncExternalStore needs the same array back while nothing changed.
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cachedList = parseRecent(raw);
  }
  return cachedList;
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY) onChange();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onStorage);
  };
}

function write(list: readonly string[]): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(list));
  } catch {
    return;
  }
  for (const listener of listeners) listener();
}

/** Remembers a reference as the most recent one. */
export function rememberReference(reference: string): void {
  write(withRecent(snapshot(), reference));
}

/** The recent references (empty during server rendering), and a way to forget them. */
export function useRecentReferences(): { recent: readonly string[]; clear: () => void } {
  const recent = useSyncExternalStore(subscribe, snapshot, () => EMPTY);
  const clear = useCallback(() => write(EMPTY), []);
  return { recent, clear };
}
