import { inspectImage } from '@/lib/inspect/inspect-image';
import pLimit from 'p-limit';
const gc = (globalThis as { gc?: () => void }).gc!;
const mb = () => { gc(); gc(); const m = process.memoryUsage(); return `heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MB rss ${(m.rss / 2 ** 20).toFixed(0)} MB ext ${(m.external/2**20).toFixed(0)} ab ${(m.arrayBuffers/2**20).toFixed(0)}`; };
async function round(from: number, n: number) {
  const limit = pLimit(50);
  await Promise.all(Array.from({ length: n }, (_, k) => limit(() => { const i = from + k; return inspectImage(`127.${1 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}:9/app:1`).catch(() => undefined); })));
}
async function main() {
  console.log('start', mb());
  await round(0, 1000); console.log('1000', mb());
  await round(1000, 2000); console.log('3000', mb());
  await round(3000, 2000); console.log('5000', mb());
  await new Promise((r) => setTimeout(r, 5000)); console.log('after 5s', mb());
}
main();
