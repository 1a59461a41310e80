import type { Locale } from './locale';
import type { Messages } from './messages';

// next-intl's types know Archway's locales and the catalog's keys: a misspelt key fails `tsc`.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
