// `npx tsx scripts/settings-table.ts`: prints the README's configuration table from lib/config/settings.ts.
import { settingsTable } from '@/lib/config/settings';

console.log(settingsTable());
