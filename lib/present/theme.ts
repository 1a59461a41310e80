/*
 * The colour theme a browser chose, remembered in a cookie so the server renders the page in it (no flash of the
 * wrong theme, and no inline script for the Content-Security-Policy to allow). `system` follows the OS setting.
 */

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = 'archway-theme';

/** The theme a cookie value names; `system` for anything else. */
export function parseTheme(value: string | undefined): Theme {
  return (THEMES as readonly string[]).includes(value ?? '') ? (value as Theme) : 'system';
}

/** The `Set-Cookie`-style string that remembers a theme for a year. */
export function themeCookie(theme: Theme): string {
  return `${THEME_COOKIE}=${theme}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
