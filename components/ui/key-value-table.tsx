/** Annotations and similar string maps as a two-column definition list; nothing when empty. */
export function KeyValueTable({ values, label }: { values: Readonly<Record<string, string>>; label: string }) {
  const pairs = Object.entries(values);
  if (pairs.length === 0) return null;
  return (
    <dl aria-label={label} className="grid grid-cols-[minmax(8rem,max-content)_1fr] gap-x-4 gap-y-1 text-xs">
      {pairs.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="font-mono break-all text-zinc-600">{key}</dt>
          <dd className="font-mono break-all text-zinc-800">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
