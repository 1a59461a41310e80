import Link from 'next/link';
import { inspectHref } from '@/lib/present/links';

type ReferenceListProps = {
  references: readonly string[];
  label: string;
  /** A line under each link saying what it shows, by reference. */
  descriptions?: Readonly<Record<string, string | null>>;
};

/** References as one-click links to their inspect pages. */
export function ReferenceList({ references, label, descriptions = {} }: ReferenceListProps) {
  return (
    <ul aria-label={label} className="divide-y divide-zinc-100">
      {references.map((reference) => (
        <li key={reference} className="px-3 py-1.5">
          <Link href={inspectHref(reference)} className="block min-h-6 truncate py-0.5 font-mono text-xs text-indigo-700 hover:underline">
            {reference}
          </Link>
          {descriptions[reference] ? <p className="text-xs text-zinc-700">{descriptions[reference]}</p> : null}
        </li>
      ))}
    </ul>
  );
}
