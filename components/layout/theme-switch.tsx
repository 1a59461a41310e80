'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { themeCookie, THEMES, type Theme } from '@/lib/present/theme';

/** Light, dark, or as the system says; remembered in a cookie the server reads on the next page. */
export function ThemeSwitch({ initial }: { initial: Theme }) {
  const t = useTranslations('themeSwitch');
  const [theme, setTheme] = useState<Theme>(initial);
  const choose = (next: Theme) => {
    setTheme(next);
    document.cookie = themeCookie(next);
    if (next === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = next;
  };
  return (
    <select
      aria-label={t('label')}
      value={theme}
      onChange={(event) => choose(event.target.value as Theme)}
      className="input min-h-7 py-1 text-xs"
    >
      {THEMES.map((option) => (
        <option key={option} value={option}>
          {t(option)}
        </option>
      ))}
    </select>
  );
}
