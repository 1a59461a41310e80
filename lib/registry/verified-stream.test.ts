import { describe, expect, it } from 'vitest';
import { sha256Digest } from '@/lib/oci/digest';
import { verifyingDigest } from './verified-stream';

const streamOf = (...chunks: Uint8Array[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value);
  return Buffer.concat(parts);
}

const describeMismatch = (actual: string) => new Error(`hashed to ${actual}`);

describe('verifyingDigest', () => {
  const a = new TextEncoder().encode('first part, ');
  const b = new TextEncoder().encode('second part');
  const whole = Buffer.concat([a, b]);

  it('passes bytes that hash to the digest on whole, and ends', async () => {
    const verified = verifyingDigest(streamOf(a, b), sha256Digest(whole), describeMismatch);
    expect((await readAll(verified.stream)).equals(whole)).toBe(true);
    expect(verified.mismatch()).toBeUndefined();
  });

  it('ends bytes that hash to another digest with the error for that digest, instead of ending', async () => {
    const verified = verifyingDigest(streamOf(a, b), sha256Digest(a), describeMismatch);
    await expect(readAll(verified.stream)).rejects.toThrow(`hashed to ${sha256Digest(whole)}`);
    expect(verified.mismatch()?.message).toBe(`hashed to ${sha256Digest(whole)}`);
  });

  it('passes a digest it cannot compute unchecked, and a failing source’s own error on', async () => {
    const unknown = verifyingDigest(streamOf(a), `blake3:${'0'.repeat(64)}`, describeMismatch);
    expect((await readAll(unknown.stream)).equals(Buffer.from(a))).toBe(true);
    const broken = new Error('the source broke');
    const failing = new ReadableStream<Uint8Array>({ start: (c) => c.error(broken) });
    await expect(readAll(verifyingDigest(failing, sha256Digest(whole), describeMismatch).stream)).rejects.toBe(broken);
  });
});
