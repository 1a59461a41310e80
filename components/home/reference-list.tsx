import Link from 'next/link';
import { inspectHref } from '@/lib/present/links';

/** References as one-click links to their inspect pages. */
export function ReferenceList({ references, label }: { references: readonly string[]; label: string }) {
  return (
    <ul aria-label={label} className="divide-y divide-zinc-100">
      {references.map((reference) => (
        <li key={reference}>
          <Link href={inspectHref(reference)} className="block truncate px-3 py-1.5 font-mono text-xs text-indigo-700 hover:bg-indigo-50 focus-visible:bg-indigo-50">
            {reference}
          </Link>
        </li>
      ))}
    </ul>
  );
}
