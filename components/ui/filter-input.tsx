/** The filter box above a long list; `label` names it for screen readers and shows as its placeholder. */
export function FilterInput({ label, value, onChange, className = '' }: { label: string; value: string; onChange: (value: string) => void; className?: string }) {
  return (
    <input
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      placeholder={label}
      className={`input w-56 text-xs ${className}`}
    />
  );
}
