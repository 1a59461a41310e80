/*
 * Pushes the demo images to a registry and prints their references, one a line (or the whole result with --json,
 * or with --demo-list the value of ARCHWAY_DEMO_REFERENCES: `reference=what it shows`, comma-separated).
 *   npx tsx --conditions=react-server scripts/seed.ts 127.0.0.1:5000 [--namespace demo] [--json | --demo-list]
 * The registry must allow deletes (the dangling list deletes one of its children after the push).
 */
import { parseArgs } from 'node:util';
import { createRegistryClient } from '@/lib/registry/client';
import { demoReferenceList, seedDemo, seededReferences } from './lib/seed';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      namespace: { type: 'string', default: 'demo' },
      json: { type: 'boolean', default: false },
      'demo-list': { type: 'boolean', default: false },
    },
  });
  const registry = positionals[0];
  if (!registry || positionals.length > 1) {
    console.error('usage: seed.ts HOST:PORT [--namespace demo] [--json]');
    process.exit(2);
  }
  const client = createRegistryClient(registry, { insecure: true });
  const result = await seedDemo(client, { namespace: values.namespace });
  if (values['demo-list']) console.log(demoReferenceList(result));
  else console.log(values.json ? JSON.stringify(result, null, 2) : seededReferences(result).join('\n'));
}

main().catch((err: unknown) => {
  console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
