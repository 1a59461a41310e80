import { describe, expect, it } from 'vitest';
import { MediaType } from '@/lib/oci/media-types';
import { pushCommands, shellQuote, type CommandEntry } from './push-commands';

const d = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const amd64: CommandEntry = {
  source: `127.0.0.1:5000/demo/x8664-test@${d(1)}`,
  descriptor: { mediaType: MediaType.dockerManifest, digest: d(1), size: 500, platform: { os: 'linux', architecture: 'amd64' } },
  config: { os: 'linux', architecture: 'amd64' },
};
const arm64: CommandEntry = {
  source: `127.0.0.1:5000/demo/arm64v8-test@${d(2)}`,
  descriptor: { mediaType: MediaType.dockerManifest, digest: d(2), size: 500, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
  config: { os: 'linux', architecture: 'arm64' },
};
const attestation: CommandEntry = {
  source: `127.0.0.1:5000/demo/arm64v8-test@${d(3)}`,
  descriptor: {
    mediaType: MediaType.ociManifest,
    digest: d(3),
    size: 800,
    platform: { os: 'unknown', architecture: 'unknown' },
    annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': d(2) },
  },
  config: null,
};
const target = '127.0.0.1:5000/demo/test:latest';

function commandOf(tool: string, entries: CommandEntry[], extra: Partial<Parameters<typeof pushCommands>[0]> = {}): string {
  const commands = pushCommands({ target, registry: '127.0.0.1:5000', mediaType: MediaType.dockerManifestList, entries, ...extra });
  return commands.find((command) => command.tool === tool)!.command;
}

describe('pushCommands', () => {
  it('docker manifest: create from the sources, annotate only what differs from the config, push; --insecure on loopback', () => {
    expect(commandOf('docker manifest', [amd64, arm64]).split('\n').filter((line) => !line.startsWith('#'))).toEqual([
      `docker manifest create --insecure --amend ${target} \\`,
      `  ${amd64.source} \\`,
      `  ${arm64.source}`,
      `docker manifest annotate ${target} ${arm64.source} --os linux --arch arm64 --variant v8`,
      `docker manifest push --insecure ${target}`,
    ]);
  });

  it('docker manifest says what it cannot carry instead of dropping it silently', () => {
    const command = commandOf('docker manifest', [amd64, arm64, attestation], { annotations: { a: 'b' } });
    expect(command).toContain('the 1 attestation(s) are left out');
    expect(command).toContain('writes no annotations');
    expect(command).not.toContain(d(3));
  });

  it('imagetools: plain sources when the config says it all, a descriptor file otherwise', () => {
    const command = commandOf('buildx imagetools', [amd64, arm64], { annotations: { "it's": 'x y' } });
    expect(command).toContain(`--annotation 'index:it'\\''s=x y'`);
    expect(command).toContain(`  ${amd64.source}`);
    expect(command).toContain(`-f <(echo '${JSON.stringify(arm64.descriptor)}')`);
  });

  it('regctl: create with the media type, then one add per entry with the platform and annotations it needs', () => {
    const lines = commandOf('regctl', [amd64, arm64, attestation]).split('\n');
    expect(lines[0]).toBe('regctl registry set --tls disabled 127.0.0.1:5000');
    expect(lines[1]).toBe(`regctl index create ${target} --media-type ${MediaType.dockerManifestList}`);
    expect(lines[2]).toBe(`regctl index add ${target} --ref ${amd64.source}`);
    expect(lines[3]).toBe(`regctl index add ${target} --ref ${arm64.source} --desc-platform linux/arm64/v8`);
    expect(lines[4]).toContain('--desc-platform unknown/unknown --desc-annotation vnd.docker.reference.type=attestation-manifest');
  });

  it('no insecure switches for a TLS registry', () => {
    const onGhcr = [amd64, arm64].map((entry) => ({ ...entry, source: entry.source.replace('127.0.0.1:5000', 'ghcr.io') }));
    const commands = pushCommands({ target: 'ghcr.io/o/r:1', registry: 'ghcr.io', mediaType: MediaType.ociIndex, entries: onGhcr });
    const text = commands.map((c) => c.command).join('\n');
    expect(text).toContain(`docker manifest create --amend ghcr.io/o/r:1`);
    expect(text).toContain(onGhcr[1]!.source);
    expect(text).not.toMatch(/insecure|--tls disabled/);
  });
});

describe('shellQuote', () => {
  it('leaves plain words alone and quotes the rest', () => {
    expect(shellQuote('linux/arm64')).toBe('linux/arm64');
    expect(shellQuote('a b')).toBe(`'a b'`);
    expect(shellQuote(`a'b`)).toBe(`'a'\\''b'`);
  });
});
