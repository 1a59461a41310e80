import { equivalentCommands } from '@/lib/present/commands';
import { CopyButton } from '@/components/ui/copy-button';

/** The same document through docker, buildx, crane, regctl and skopeo, ready to copy. */
export function EquivalentCommands({ reference, registry }: { reference: string; registry: string }) {
  return (
    <section aria-labelledby="commands-heading" className="card p-4">
      <h2 id="commands-heading" className="card-title">
        Equivalent commands
      </h2>
      <ul className="mt-2 space-y-1.5">
        {equivalentCommands({ reference, registry }).map(({ tool, command }) => (
          <li key={tool} className="flex items-start gap-2">
            <code className="min-w-0 flex-1 rounded bg-zinc-900 px-2 py-1 text-[11px] leading-4 break-all text-zinc-100">{command}</code>
            <CopyButton value={command} label={`Copy the ${tool} command`} className="btn shrink-0 px-1.5" />
          </li>
        ))}
      </ul>
    </section>
  );
}
