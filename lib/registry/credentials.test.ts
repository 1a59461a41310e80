import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configKey, credentialsFromEntry, resolveCredentials } from './credentials';

const b64 = (s: string) => Buffer.from(s).toString('base64');
let dir: string;

async function configDir(config: unknown): Promise<string> {
  const folder = await mkdtemp(path.join(dir, 'cfg-'));
  await writeFile(path.join(folder, 'config.json'), JSON.stringify(config));
  return folder;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'archway-credentials-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('credentialsFromEntry', () => {
  it('decodes auth, and prefers a registry token, then an identity token', () => {
    expect(credentialsFromEntry({ auth: b64('me:pa:ss') })).toEqual({ kind: 'basic', username: 'me', password: 'pa:ss' });
    expect(credentialsFromEntry({ username: 'me', password: 'pw' })).toEqual({ kind: 'basic', username: 'me', password: 'pw' });
    expect(credentialsFromEntry({ auth: b64('me:'), identitytoken: 'refresh' })).toEqual({ kind: 'identity', username: 'me', identityToken: 'refresh' });
    expect(credentialsFromEntry({ registrytoken: 'bearer', auth: b64('me:pw') })).toEqual({ kind: 'registry-token', registryToken: 'bearer' });
    expect(credentialsFromEntry({})).toBeNull();
    expect(credentialsFromEntry(undefined)).toBeNull();
  });
});

describe('resolveCredentials', () => {
  it('finds Docker Hub under its legacy key', async () => {
    expect(configKey('docker.io')).toBe('https://index.docker.io/v1/');
    const folder = await configDir({ auths: { 'https://index.docker.io/v1/': { auth: b64('hubuser:hubpass') } } });
    expect(await resolveCredentials('docker.io', { configDir: folder })).toEqual({ kind: 'basic', username: 'hubuser', password: 'hubpass' });
  });

  it('is anonymous without a config file, but does not hide one it cannot read', async () => {
    const empty = await mkdtemp(path.join(dir, 'none-'));
    expect(await resolveCredentials('reg.example', { configDir: empty })).toBeNull();
    const unreadable = await mkdtemp(path.join(dir, 'unreadable-'));
    await mkdir(path.join(unreadable, 'config.json'));
    await expect(resolveCredentials('reg.example', { configDir: unreadable })).rejects.toThrow(path.join(unreadable, 'config.json'));
  });

  it('matches a key with a scheme by host, and nothing for other registries', async () => {
    const folder = await configDir({ auths: { 'https://reg.example:5000/v2/': { auth: b64('u:p') } } });
    expect(await resolveCredentials('reg.example:5000', { configDir: folder })).toEqual({ kind: 'basic', username: 'u', password: 'p' });
    expect(await resolveCredentials('reg.example', { configDir: folder })).toBeNull();
  });

  it('is anonymous when the configured credential helper is not installed', async () => {
    const folder = await configDir({ credsStore: 'archway-not-installed', auths: { 'reg.example': {} } });
    expect(await resolveCredentials('reg.example', { configDir: folder })).toBeNull();
  });

  it('lets DOCKER_AUTH_CONFIG replace the file, and refuses one that is not JSON', async () => {
    const folder = await configDir({ auths: { 'reg.example': { auth: b64('file:user') } } });
    const env = JSON.stringify({ auths: { 'reg.example': { auth: b64('env:user') } } });
    expect(await resolveCredentials('reg.example', { configDir: folder, authConfigEnv: env })).toMatchObject({ username: 'env' });
    await expect(resolveCredentials('reg.example', { configDir: folder, authConfigEnv: '{nope' })).rejects.toThrow(/DOCKER_AUTH_CONFIG/);
  });
});
