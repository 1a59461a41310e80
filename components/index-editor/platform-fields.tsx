'use client';

import { useTranslations } from 'next-intl';
import { KNOWN_ARCHITECTURES, KNOWN_OS, VARIANTS_BY_ARCH, canonicalPlatform } from '@/lib/oci/platform';
import type { PlatformFields as Fields } from '@/lib/draft/types';
import type { EntryCheck } from '@/lib/draft/checks';
import { INPUT_CLASS, INVALID_INPUT_CLASS } from './field-styles';

/** Ids of the datalists every entry shares; rendered once by <PlatformOptions />. */
const OS_LIST_ID = 'archway-os-options';
const ARCH_LIST_ID = 'archway-architecture-options';

/** The canonical os and architecture names, offered by every entry's inputs. */
export function PlatformOptions() {
  return (
    <>
      <datalist id={OS_LIST_ID}>
        {KNOWN_OS.map((os) => (
          <option key={os} value={os} />
        ))}
      </datalist>
      <datalist id={ARCH_LIST_ID}>
        {KNOWN_ARCHITECTURES.map((architecture) => (
          <option key={architecture} value={architecture} />
        ))}
      </datalist>
    </>
  );
}

type FieldSpec = { field: keyof Fields; label: string; listId?: string; width: string };

type PlatformFieldsProps = {
  fields: Fields;
  /** Shown in the inputs while empty: what the image's config says. */
  placeholders?: Partial<Fields>;
  checks: readonly EntryCheck[];
  /** Distinguishes this entry's inputs for assistive tech and ids (`entry 2`). */
  name: string;
  idPrefix: string;
  /** Set when the platform cannot be edited here; the inputs are shown read-only. */
  isReadOnly?: boolean;
  onChange: (field: keyof Fields, value: string) => void;
};

/** The five platform inputs of one entry, canonical values offered, each marked when a check is about it. */
export function PlatformFields({ fields, placeholders = {}, checks, name, idPrefix, isReadOnly = false, onChange }: PlatformFieldsProps) {
  // Variants are offered for the architecture as it will be written (x86_64 offers amd64's levels).
  const t = useTranslations('editor.fields');
  const architecture = fields.architecture ? canonicalPlatform({ os: fields.os || 'linux', architecture: fields.architecture }).architecture : '';
  const variantListId = `${idPrefix}-variants`;
  const specs: FieldSpec[] = [
    { field: 'os', label: t('os'), listId: OS_LIST_ID, width: 'w-28' },
    { field: 'architecture', label: t('architecture'), listId: ARCH_LIST_ID, width: 'w-32' },
    { field: 'variant', label: t('variant'), listId: variantListId, width: 'w-24' },
    { field: 'osVersion', label: 'os.version', width: 'w-40' },
    { field: 'osFeatures', label: 'os.features', width: 'w-36' },
  ];
  return (
    <div className="flex flex-wrap items-end gap-2">
      <datalist id={variantListId}>
        {(VARIANTS_BY_ARCH[architecture] ?? []).map((variant) => (
          <option key={variant} value={variant} />
        ))}
      </datalist>
      {specs.map((spec) => {
        const id = `${idPrefix}-${spec.field}`;
        const hasError = checks.some((check) => check.field === spec.field && check.isBlocking);
        // Shown while the field is empty (the push then reads the config) or differs from the config.
        const configValue = placeholders[spec.field];
        const configHint = configValue && configValue !== fields[spec.field] ? configValue : '';
        return (
          <label key={spec.field} htmlFor={id} className="flex flex-col gap-0.5 text-[11px] font-medium text-zinc-700">
            {spec.label}
            <input
              id={id}
              aria-label={t('of', { field: spec.label, name })}
              className={`${INPUT_CLASS} ${spec.width} ${hasError ? INVALID_INPUT_CLASS : ''}`}
              value={fields[spec.field]}
              aria-describedby={configHint ? `${id}-config` : undefined}
              list={spec.listId}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={hasError || undefined}
              readOnly={isReadOnly}
              disabled={isReadOnly}
              onChange={(event) => onChange(spec.field, event.target.value)}
            />
            {/* The config's value as a labelled hint, never as a grey placeholder that reads like a value. */}
            <span id={`${id}-config`} className={`min-h-4 font-normal text-zinc-700 ${configHint ? '' : 'invisible'}`}>
              {t('config', { value: configHint || '—' })}
            </span>
          </label>
        );
      })}
    </div>
  );
}
