import { useTranslations } from 'next-intl';
import { equivalentCommands } from '@/lib/present/commands';
import { CopyButton } from '@/components/ui/copy-button';

/** The same document through docker, buildx, crane, regctl and skopeo, ready to copy; folded until asked for. */
export function EquivalentCommands({ reference, registry }: { reference: string; registry: string }) {
  const t = useTranslations('inspect.commands');
  return (
    <section aria-labelledby="commands-heading" className="card">
      <details className="group">
        <summary className="flex min-h-10 cursor-pointer items-center gap-2 px-4 py-2">
          <h2 id="commands-heading" className="card-title">
            {t('heading')}
          </h2>
          <span className="text-xs text-muted">docker, buildx, crane, regctl, skopeo</span>
        </summary>
        <ul className="space-y-1.5 px-4 pb-4">
          {equivalentCommands({ reference, registry }).map(({ tool, command }) => (
            <li key={tool} className="flex items-start gap-2">
              <code className="min-w-0 flex-1 rounded bg-zinc-900 px-2 py-1 text-[11px] leading-4 break-words whitespace-pre-wrap text-zinc-100">
                {command}
              </code>
              <CopyButton value={command} label={t('copy', { tool })} className="btn min-h-6 shrink-0 px-1.5" />
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
