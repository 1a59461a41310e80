import { getTranslations } from 'next-intl/server';
import { connection } from 'next/server';
import { parseDemoReferences } from '@/components/home/demo-references';
import { RecentReferences } from '@/components/home/recent-references';
import { ReferenceList } from '@/components/home/reference-list';
import { ReferenceForm } from '@/components/reference-box/reference-form';

export default async function HomePage() {
  // The demo list comes from the server's environment at request time, not at build time.
  await connection();
  const demoReferences = parseDemoReferences(process.env.ARCHWAY_DEMO_REFERENCES);
  const t = await getTranslations('home');

  return (
    <div className="mx-auto max-w-3xl space-y-6 pt-6">
      <section className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t('heading')}</h1>
        <p className="text-sm text-zinc-600">{t('intro')}</p>
      </section>
      <div className="card p-4">
        <ReferenceForm variant="hero" autoFocus />
      </div>
      <div className={`grid gap-4 ${demoReferences.length > 0 ? 'sm:grid-cols-2' : ''}`}>
        {demoReferences.length > 0 ? (
          <section aria-labelledby="demo-heading" className="card">
            <h2 id="demo-heading" className="card-title border-b border-zinc-100 px-3 py-2">
              {t('demoHeading')}
            </h2>
            <ReferenceList
              references={demoReferences.map((demo) => demo.reference)}
              descriptions={Object.fromEntries(demoReferences.map((demo) => [demo.reference, demo.description]))}
              label={t('demoLabel')}
            />
          </section>
        ) : null}
        <RecentReferences />
      </div>
    </div>
  );
}
