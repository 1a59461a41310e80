import type { ReactNode } from 'react';

type JsonBlockProps = {
  /** What the region is called for assistive technology (it is a landmark of its own). */
  label: string;
  /** The height it scrolls beyond, as a Tailwind class (`max-h-80`). */
  maxHeight: string;
  testId?: string;
  children: ReactNode;
};

/** A manifest's JSON, pre-formatted on a dark ground; it scrolls, so it takes keyboard focus (axe: scrollable-region-focusable). */
export function JsonBlock({ label, maxHeight, testId, children }: JsonBlockProps) {
  return (
    <pre
      tabIndex={0}
      role="region"
      aria-label={label}
      className={`${maxHeight} overflow-auto rounded-md bg-zinc-950 p-3 text-[11px] leading-4 text-zinc-100`}
      data-testid={testId}
    >
      {children}
    </pre>
  );
}
