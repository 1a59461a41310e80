/*
 * A minimal, deterministic ustar writer: enough for the small rootfs layers the seed builds. Every header
 * carries a fixed mtime, uid and gid, so the same files always give the same bytes (and the same digests).
 */

export type TarFile = { path: string; content: string | Uint8Array; mode?: number };

const BLOCK = 512;
/** 2001-09-09T01:46:40Z: any fixed instant works; a round one reads as intentional in `tar -tv`. */
const FIXED_MTIME = 1_000_000_000;

/** Writes `files` (and the directories above them) as an uncompressed ustar archive. */
export function createTar(files: readonly TarFile[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  const seenDirectories = new Set<string>();
  for (const file of files) {
    for (const directory of parentDirectories(file.path)) {
      if (seenDirectories.has(directory)) continue;
      seenDirectories.add(directory);
      blocks.push(header(`${directory}/`, 0, 0o755, '5'));
    }
    const content = typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content;
    blocks.push(header(file.path, content.length, file.mode ?? 0o644, '0'));
    blocks.push(padToBlock(content));
  }
  // Two zero blocks end the archive.
  blocks.push(new Uint8Array(BLOCK * 2));
  return concat(blocks);
}

function parentDirectories(path: string): string[] {
  const parts = path.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

function header(name: string, size: number, mode: number, typeflag: '0' | '5'): Uint8Array {
  if (new TextEncoder().encode(name).length > 100) throw new Error(`tar path longer than 100 bytes: ${name}`);
  const block = new Uint8Array(BLOCK);
  writeString(block, 0, 100, name);
  writeOctal(block, 100, 8, mode);
  writeOctal(block, 108, 8, 0); // uid
  writeOctal(block, 116, 8, 0); // gid
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, FIXED_MTIME);
  block.fill(0x20, 148, 156); // the checksum is computed with its own field as spaces
  writeString(block, 156, 1, typeflag);
  writeString(block, 257, 6, 'ustar\0');
  writeString(block, 263, 2, '00');
  writeString(block, 265, 32, 'root');
  writeString(block, 297, 32, 'root');
  const checksum = block.reduce((sum, byte) => sum + byte, 0);
  writeString(block, 148, 8, `${checksum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

function writeString(block: Uint8Array, offset: number, length: number, value: string): void {
  block.set(new TextEncoder().encode(value).subarray(0, length), offset);
}

/** Numeric fields are zero-padded octal followed by a NUL. */
function writeOctal(block: Uint8Array, offset: number, length: number, value: number): void {
  writeString(block, offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
}

function padToBlock(content: Uint8Array): Uint8Array {
  const padded = new Uint8Array(Math.ceil(content.length / BLOCK) * BLOCK);
  padded.set(content);
  return padded;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
