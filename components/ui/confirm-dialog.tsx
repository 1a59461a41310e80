'use client';

import { useEffect, useRef, type ReactNode, type RefObject } from 'react';

type ConfirmDialogProps = {
  label: string;
  children: ReactNode;
  /** The buttons; the first one takes focus when the dialog opens. */
  actions: ReactNode;
  onCancel: () => void;
  /** Where focus returns when the dialog closes (the button that opened it). */
  returnFocusTo?: RefObject<HTMLElement | null>;
};

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * An inline confirmation that behaves as a dialog: focus moves into it, Tab stays inside, Escape cancels, and focus
 * returns to the button that opened it.
 */
export function ConfirmDialog({ label, children, actions, onCancel, returnFocusTo }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = returnFocusTo?.current;
    dialog.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    // The opener stays mounted (it is only disabled while the dialog is open), so the same node takes focus back.
    return () => opener?.focus();
  }, [returnFocusTo]);

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCancel();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div
      ref={dialog}
      role="dialog"
      aria-label={label}
      onKeyDown={onKeyDown}
      className="space-y-2 rounded-md bg-zinc-50 p-2 text-xs ring-1 ring-zinc-300"
    >
      {children}
      <div className="flex gap-2">{actions}</div>
    </div>
  );
}
