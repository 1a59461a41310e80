'use client';

import { usePathname } from 'next/navigation';
import { useEffect } from 'react';
import { ReferenceForm } from '@/components/reference-box/reference-form';
import { referenceFromSegments } from '@/lib/present/links';

const INSPECT_PREFIX = '/inspect/';

/** True when a key press belongs to a field the user is typing in, so `/` must not steal it. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The header's reference box, everywhere but the home page, which has a large one of its own. On an inspect page
 * it holds that page's reference and offers the repository's tags; `/` focuses it from anywhere.
 */
export function HeaderReferenceBox() {
  const pathname = usePathname();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      const box = document.querySelector<HTMLInputElement>('input[name="reference"]');
      if (!box) return;
      event.preventDefault();
      box.focus();
      box.select();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  if (pathname === '/') return null;
  const current = pathname.startsWith(INSPECT_PREFIX) ? referenceFromSegments(pathname.slice(INSPECT_PREFIX.length).split('/')) : '';
  return <ReferenceForm key={current} variant="compact" initialValue={current} />;
}
