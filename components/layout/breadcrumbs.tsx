import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { browseHref, digestReference, inspectHref, tagReference } from '@/lib/present/links';
import { shortDigest } from '@/lib/oci/digest';
import { familiarRepository } from '@/lib/oci/registry-host';

type BreadcrumbsProps = {
  registry: string;
  repository?: string | null;
  tag?: string | null;
  /** A digest-pinned page without a tag shows the short digest as its last crumb. */
  digest?: string | null;
};

type Crumb = { label: string; href: string };

/** registry / repository / tag, each a link up the hierarchy; Docker Hub's `library/` written the way people do. */
export function Breadcrumbs({ registry, repository, tag, digest }: BreadcrumbsProps) {
  const t = useTranslations('breadcrumbs');
  const crumbs: Crumb[] = [{ label: registry, href: browseHref(registry) }];
  if (repository) {
    crumbs.push({ label: familiarRepository({ registry, repository }), href: browseHref(registry, repository) });
    if (tag) crumbs.push({ label: tag, href: inspectHref(tagReference({ registry, repository }, tag)) });
    else if (digest) crumbs.push({ label: shortDigest(digest), href: inspectHref(digestReference({ registry, repository }, digest)) });
  }
  return (
    <nav aria-label={t('label')} className="text-xs text-zinc-600">
      <ol className="flex flex-wrap items-center gap-1 font-mono">
        {crumbs.map((crumb, i) => {
          const isLast = i === crumbs.length - 1;
          return (
            <li key={crumb.href} className="flex items-center gap-1">
              {i > 0 ? (
                <span aria-hidden="true" className="text-zinc-400">
                  /
                </span>
              ) : null}
              {isLast ? (
                <span aria-current="page" className="font-semibold text-zinc-900">
                  {crumb.label}
                </span>
              ) : (
                <Link className="link inline-flex min-h-6 items-center" href={crumb.href}>
                  {crumb.label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
