import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { RegistrySignIns } from '@/components/session/registry-sign-ins';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('registriesPage'))('title') };
}

/** Where a person signs in to registries with their own account, and sees who Archway thinks they are. */
export default async function RegistriesPage() {
  const t = await getTranslations('registriesPage');
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <RegistrySignIns />
    </div>
  );
}
