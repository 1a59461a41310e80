import { readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * The NODE_OPTIONS the container image runs the server with, read from the Dockerfile's ENV, so the benchmark runs
 * the server as it is deployed and a test can hold the image and the Kubernetes manifests to one heap bound.
 */

const ROOT = path.resolve(__dirname, '../..');

/** The Dockerfile's `NODE_OPTIONS=...` (its runtime stage's ENV), quoted when it holds several flags. */
export function imageNodeOptions(dockerfile = path.join(ROOT, 'Dockerfile')): string {
  const text = readFileSync(dockerfile, 'utf8').replace(/\\\n/g, ' ');
  const match = /^ENV\s.*\bNODE_OPTIONS=(?:"([^"]*)"|(\S+))/m.exec(text);
  if (!match) throw new Error(`${dockerfile} sets no NODE_OPTIONS`);
  return match[1] ?? match[2]!;
}

/** The heap bound (MiB) that `--max-old-space-size` sets in `nodeOptions`, if it sets one. */
export function heapBoundMiB(nodeOptions: string): number | undefined {
  const match = /--max-old-space-size=(\d+)/.exec(nodeOptions);
  return match ? Number(match[1]) : undefined;
}
