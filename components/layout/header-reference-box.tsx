'use client';

import { usePathname } from 'next/navigation';
import { ReferenceForm } from '@/components/reference-box/reference-form';

/** The header's reference box, everywhere but the home page, which has a large one of its own. */
export function HeaderReferenceBox() {
  if (usePathname() === '/') return null;
  return <ReferenceForm variant="compact" />;
}
