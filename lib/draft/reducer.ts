import type { InspectResponse } from '@/lib/api/inspect';
import type { Platform } from '@/lib/oci/schemas';
import { attestationsOf, entriesFromSource, isRow } from './entries';
import { platformToFields } from './fields';
import type { AnnotationPair, Draft, DraftEntry, MediaTypeChoice, PlatformFields } from './types';
import { platformOfConfig } from '@/lib/oci/config-platform';

export type DraftAction =
  | { type: 'setPlatformField'; key: string; field: keyof PlatformFields; value: string }
  | { type: 'setPlatform'; key: string; platform: Platform }
  | { type: 'setEntryAnnotations'; key: string; annotations: AnnotationPair[] }
  | { type: 'move'; key: string; direction: -1 | 1 }
  | { type: 'remove'; key: string }
  | { type: 'add'; inspect: InspectResponse; addedFrom: string }
  | { type: 'setIndexAnnotations'; annotations: AnnotationPair[] }
  | { type: 'setTarget'; target: string }
  | { type: 'setMediaType'; mediaType: MediaTypeChoice }
  | { type: 'setAllowMismatch'; allowMismatch: boolean }
  | { type: 'reset'; draft: Draft };

/**
 * The fields an edit starts from: as typed, or, for an entry whose platform is still read from its config, the
 * config's values, so typing a variant alone works like `docker manifest annotate --variant v8`.
 */
function startingFields(entry: DraftEntry): PlatformFields {
  const isEmpty = Object.values(entry.platform).every((value) => value === '');
  return isEmpty && entry.config ? platformToFields(platformOfConfig(entry.config)) : entry.platform;
}

function updateEntry(draft: Draft, key: string, update: (entry: DraftEntry) => DraftEntry): Draft {
  return { ...draft, entries: draft.entries.map((entry) => (entry.key === key ? update(entry) : entry)) };
}

/**
 * Swaps a row with the next row up or down. Rows skip attestations folded under an image, which stay in place:
 * a list nobody reorders keeps its exact order.
 */
function move(draft: Draft, key: string, direction: -1 | 1): Draft {
  const rows = draft.entries.flatMap((entry, index) => (isRow(entry, draft.entries) ? [index] : []));
  const at = rows.findIndex((index) => draft.entries[index]!.key === key);
  const other = rows[at + direction];
  if (at === -1 || other === undefined) return draft;
  const entries = [...draft.entries];
  const from = rows[at]!;
  [entries[from], entries[other]] = [entries[other]!, entries[from]!];
  return { ...draft, entries };
}

/** Removing an image removes the attestations that describe it: they would point at nothing. */
function remove(draft: Draft, key: string): Draft {
  const removed = draft.entries.find((entry) => entry.key === key);
  if (!removed) return draft;
  const goesWith = new Set([removed.key, ...attestationsOf(removed, draft.entries).map((entry) => entry.key)]);
  return { ...draft, entries: draft.entries.filter((entry) => !goesWith.has(entry.key)) };
}

/** The editor's reducer: every change to a draft goes through here. */
export function draftReducer(draft: Draft, action: DraftAction): Draft {
  switch (action.type) {
    case 'setPlatformField':
      return updateEntry(draft, action.key, (entry) => ({ ...entry, platform: { ...startingFields(entry), [action.field]: action.value } }));
    case 'setPlatform':
      return updateEntry(draft, action.key, (entry) => ({ ...entry, platform: platformToFields(action.platform) }));
    case 'setEntryAnnotations':
      return updateEntry(draft, action.key, (entry) => ({ ...entry, annotations: action.annotations }));
    case 'move':
      return move(draft, action.key, action.direction);
    case 'remove':
      return remove(draft, action.key);
    case 'add': {
      const added = entriesFromSource(action.inspect, action.addedFrom, draft.nextKey);
      return { ...draft, entries: [...draft.entries, ...added], nextKey: draft.nextKey + added.length };
    }
    case 'setIndexAnnotations':
      return { ...draft, annotations: action.annotations };
    case 'setTarget':
      return { ...draft, target: action.target };
    case 'setMediaType':
      return { ...draft, mediaType: action.mediaType };
    case 'setAllowMismatch':
      return { ...draft, allowMismatch: action.allowMismatch };
    case 'reset':
      return action.draft;
  }
}
