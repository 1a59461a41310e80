import { useTranslations } from 'next-intl';
import { shortDigest } from '@/lib/oci/digest';
import { CopyButton } from './copy-button';

/** A digest shortened for the eye, complete in the tooltip and in the copy button. */
export function Digest({ digest, isFull = false, canCopy = true }: { digest: string; isFull?: boolean; canCopy?: boolean }) {
  const t = useTranslations('copyButton');
  return (
    <span className="inline-flex min-w-0 items-center gap-1">
      <code title={digest} className={`font-mono text-xs text-zinc-700 ${isFull ? 'break-all' : 'whitespace-nowrap'}`}>
        {isFull ? digest : shortDigest(digest)}
      </code>
      {canCopy ? <CopyButton value={digest} label={t('digest', { digest })} className="rounded p-0.5 text-zinc-600 hover:bg-zinc-100 hover:text-zinc-800" /> : null}
    </span>
  );
}
