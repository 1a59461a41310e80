import type { ReactNode } from 'react';
import type { Severity } from '@/lib/api/inspect';

export type BadgeTone = 'neutral' | 'accent' | 'error' | 'warning' | 'info' | 'success' | 'muted';

const TONE_CLASSES: Record<BadgeTone, string> = {
  neutral: 'bg-zinc-100 text-zinc-700 ring-zinc-300',
  accent: 'bg-indigo-50 text-indigo-700 ring-indigo-200',
  error: 'bg-red-50 text-red-700 ring-red-200',
  warning: 'bg-amber-50 text-amber-800 ring-amber-300',
  info: 'bg-sky-50 text-sky-700 ring-sky-200',
  success: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  muted: 'bg-zinc-50 text-zinc-600 ring-zinc-200',
};

/** The badge tone for a problem severity. */
export const SEVERITY_TONE: Record<Severity, BadgeTone> = { error: 'error', warning: 'warning', info: 'info' };

/** A small rounded label. */
export function Badge({ tone = 'neutral', children, title }: { tone?: BadgeTone; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-[11px] leading-4 font-medium whitespace-nowrap ring-1 ring-inset ${TONE_CLASSES[tone]}`}>
      {children}
    </span>
  );
}
