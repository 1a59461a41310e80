import type { Metadata } from 'next';
import { RegistrySignIns } from '@/components/session/registry-sign-ins';

export const metadata: Metadata = { title: 'Registry sign-ins' };

/** Where a person signs in to registries with their own account, and sees who Archway thinks they are. */
export default function RegistriesPage() {
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Registry sign-ins</h1>
      <RegistrySignIns />
    </div>
  );
}
