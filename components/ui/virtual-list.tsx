'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';

type VirtualListProps<T> = {
  items: readonly T[];
  /** Every row has this height in pixels: the list never measures, so 10,000 rows cost what 30 do. */
  rowHeight: number;
  /** The accessible name of the list. */
  label: string;
  getKey: (item: T) => string;
  renderRow: (item: T, index: number) => ReactNode;
  /** CSS height of the scrolling box. */
  height?: string;
  /** When this changes (a new filter), the list starts again from its top. */
  scrollResetKey?: string;
};

/** A list that renders only the rows in view (and a few around them), inside its own scrolling box. */
export function VirtualList<T>({ items, rowHeight, label, getKey, renderRow, height = '70vh', scrollResetKey }: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer hands out fresh measurements on every render by design; the compiler is right to leave it alone.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    getItemKey: (index) => getKey(items[index]!),
    overscan: 8,
    // Before the box is measured, assume a screenful so the first paint already has rows.
    initialRect: { width: 800, height: 20 * rowHeight },
  });
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [scrollResetKey]);
  return (
    <div ref={scroller} className="overflow-auto rounded-md border border-zinc-200 bg-white" style={{ height }}>
      <ul aria-label={label} className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => (
          <li
            key={row.key}
            aria-posinset={row.index + 1}
            aria-setsize={items.length}
            className="absolute top-0 left-0 w-full border-b border-zinc-100"
            style={{ height: rowHeight, transform: `translateY(${row.start}px)` }}
          >
            {renderRow(items[row.index]!, row.index)}
          </li>
        ))}
      </ul>
    </div>
  );
}
