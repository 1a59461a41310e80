// The benchmark's load generator as a process of its own (runLoadApart in load.ts starts it and says why).
// Usage: node --import tsx scripts/lib/load-process.ts '<LoadSpec as JSON>'; prints the LoadResult as JSON.
import { runLoad, type LoadSpec } from './load';

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as LoadSpec;
  process.stdout.write(JSON.stringify(await runLoad(spec)));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
