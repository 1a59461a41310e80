'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState, type ReactNode } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

/** Clipboard API where allowed (secure contexts), else the old selection trick so plain-HTTP deployments work too. */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const isCopied = document.execCommand('copy');
  area.remove();
  if (!isCopied) throw new Error('copy refused');
}

type CopyButtonProps = {
  /** The text, or a function giving it at click time (for values only the browser knows, like its origin). */
  value: string | (() => string);
  /** Says what is copied, for screen readers and the tooltip ("Copy digest"). */
  label: string;
  /** Visible text; an icon-sized button when omitted. */
  children?: ReactNode;
  className?: string;
};

/** A button that copies `value` and says so for a moment. */
export function CopyButton({ value, label, children, className = 'btn' }: CopyButtonProps) {
  const t = useTranslations('copyButton');
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 1500);
    return () => window.clearTimeout(timer);
  }, [state]);

  const onCopy = () => {
    copyText(typeof value === 'function' ? value() : value).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };

  return (
    <button type="button" className={className} onClick={onCopy} title={label} aria-label={children ? undefined : label} data-copy-value={typeof value === 'string' ? value : undefined}>
      {children ?? <CopyIcon />}
      <span role="status" aria-live="polite" className={state === 'idle' ? 'sr-only' : 'text-emerald-700'}>
        {state === 'idle' ? '' : t(state)}
      </span>
    </button>
  );
}

function CopyIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 fill-current">
      <path d="M4 2a2 2 0 0 1 2-2h6a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V2Zm2-.5a.5.5 0 0 0-.5.5v8a.5.5 0 0 0 .5.5h6a.5.5 0 0 0 .5-.5V2a.5.5 0 0 0-.5-.5H6ZM2 5.5a.5.5 0 0 0-.5.5v8a.5.5 0 0 0 .5.5h6a.5.5 0 0 0 .5-.5V14H10v.5A2 2 0 0 1 8 16H2a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h.5v1.5H2Z" />
    </svg>
  );
}
