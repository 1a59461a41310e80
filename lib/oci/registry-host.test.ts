import { BlockList, isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalEndpoint,
  canonicalRegistry,
  canonicalTagKey,
  familiarRepository,
  isDockerHub,
  isLoopbackHost,
  looksLikeRegistryHost,
  officialImageName,
  registryHost,
  splitHostPort,
  wireRepository,
} from './registry-host';

describe('Docker Hub names', () => {
  it('dials registry-1.docker.io and puts single names under library/', () => {
    expect(registryHost('docker.io')).toBe('registry-1.docker.io');
    expect(registryHost('index.docker.io')).toBe('registry-1.docker.io');
    expect(registryHost('ghcr.io')).toBe('ghcr.io');
    expect(wireRepository('docker.io', 'alpine')).toBe('library/alpine');
    expect(wireRepository('docker.io', 'library/alpine')).toBe('library/alpine');
    expect(wireRepository('localhost:5000', 'alpine')).toBe('alpine');
  });

  it('knows every alias, and normalises in references only the two docker normalises', () => {
    for (const name of ['docker.io', 'INDEX.docker.io', 'registry-1.docker.io']) expect(isDockerHub(name), name).toBe(true);
    expect(isDockerHub('ghcr.io')).toBe(false);
    expect(canonicalRegistry('Index.Docker.IO')).toBe('docker.io');
    expect(canonicalRegistry('registry-1.docker.io')).toBe('registry-1.docker.io');
    expect(officialImageName('docker.io', 'library/golang')).toBe('golang');
    expect(officialImageName('docker.io', 'library/a/b')).toBeNull();
    expect(officialImageName('ghcr.io', 'library/golang')).toBeNull();
  });
});

describe('registry hosts', () => {
  it('takes a first component for a registry as distribution does', () => {
    for (const first of ['localhost', 'ghcr.io', 'reg:5000', '[::1]:5000', 'Reg']) expect(looksLikeRegistryHost(first), first).toBe(true);
    for (const first of ['demo', 'library', 'a-b_c']) expect(looksLikeRegistryHost(first), first).toBe(false);
  });

  it('splits host and port, IPv6 included', () => {
    expect(splitHostPort('[::1]:5000')).toEqual({ hostname: '::1', port: '5000' });
    expect(splitHostPort('::1')).toEqual({ hostname: '::1' });
    expect(splitHostPort('reg.example:443')).toEqual({ hostname: 'reg.example', port: '443' });
    expect(splitHostPort('reg.example')).toEqual({ hostname: 'reg.example' });
  });

  it('treats 127.0.0.0/8, ::1 and localhost as loopback, and nothing else', () => {
    const loopback = ['127.0.0.1:5000', '127.8.9.10', '127.1.2.3', '[::1]:5000', 'localhost', 'localhost:5000', 'LOCALHOST'];
    for (const host of [...loopback, '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '[::ffff:7f00:1]:5000', 'app.localhost']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    const remote = ['docker.io', 'ghcr.io', '10.0.0.1:5000', '128.0.0.1', 'registry.local', 'localhost.example.com', '::127.0.0.1', '127.0.0.01'];
    for (const host of remote) expect(isLoopbackHost(host), host).toBe(false);
  });

  it('agrees with Node’s own address parser on IPv4 and IPv6 addresses', () => {
    const reference = new BlockList();
    reference.addSubnet('127.0.0.0', 8, 'ipv4');
    reference.addAddress('::1', 'ipv6');
    const isNodeLoopback = (address: string) => {
      const family = isIP(address);
      return family !== 0 && reference.check(address, family === 4 ? 'ipv4' : 'ipv6');
    };
    const address = fc.oneof(
      fc.ipV4(),
      fc.ipV6(),
      fc.constantFrom('::1', '::0:1', '0::1', '::ffff:127.0.0.1', '::ffff:7f01:203', '1::1', '::', '127.255.255.255'),
    );
    fc.assert(fc.property(address, (a) => isLoopbackHost(a) === isNodeLoopback(a)));
  });
});

describe('familiarRepository', () => {
  it('writes the repository as people do: no library/ on Docker Hub', () => {
    expect(familiarRepository({ registry: 'docker.io', repository: 'library/golang' })).toBe('golang');
    expect(familiarRepository({ registry: 'docker.io', repository: 'user/app' })).toBe('user/app');
    expect(familiarRepository({ registry: 'docker.io', repository: 'library/a/b' })).toBe('library/a/b');
    expect(familiarRepository({ registry: 'localhost:5000', repository: 'library/x' })).toBe('library/x');
  });
});

describe('canonicalEndpoint and canonicalTagKey', () => {
  it('folds case, Docker Hub aliases, the port as a number, the loopback spellings and every spelling of one IP address', () => {
    const canonical: [string, string][] = [
      ['LOCALHOST:5000', 'localhost:5000'],
      ['127.0.0.1:5000', 'localhost:5000'],
      ['[::1]:5000', 'localhost:5000'],
      ['127.0.0.1:05000', 'localhost:5000'],
      ['[::ffff:7f00:1]:5000', 'localhost:5000'],
      ['[0:0:0:0:0:0:0:1]:5000', 'localhost:5000'],
      ['docker.io', 'registry-1.docker.io:443'],
      ['Index.Docker.IO', 'registry-1.docker.io:443'],
      ['registry-1.docker.io:443', 'registry-1.docker.io:443'],
      ['GHCR.io:443', 'ghcr.io:443'],
      ['registry.example.com:0443', 'registry.example.com:443'],
      ['[2001:db8::1]:5000', '[2001:db8::1]:5000'],
      ['[2001:DB8:0:0:0:0:0:1]:5000', '[2001:db8::1]:5000'],
      ['[2001:db8:0:0:1:0:0:1]:5000', '[2001:db8::1:0:0:1]:5000'],
      ['[2001:db8:1:1:1:1:0:1]', '[2001:db8:1:1:1:1:0:1]:443'],
      ['[::ffff:a00:1]:5000', '10.0.0.1:5000'],
      // IPv4 in the numeric forms the URL parser (what the server dials with) reads as 127.0.0.1.
      ['2130706433:5000', 'localhost:5000'],
      ['0x7f.1:5000', 'localhost:5000'],
      ['127.000.000.001:5000', 'localhost:5000'],
    ];
    for (const [registry, endpoint] of canonical) expect(canonicalEndpoint(registry), registry).toBe(endpoint);
  });

  it('keeps different endpoints apart', () => {
    expect(canonicalEndpoint('localhost:5000')).not.toBe(canonicalEndpoint('localhost:5001'));
    expect(canonicalEndpoint('127.0.0.2:5000')).not.toBe(canonicalEndpoint('127.0.0.1:5000'));
    expect(canonicalEndpoint('[::ffff:7f00:2]:5000')).not.toBe(canonicalEndpoint('127.0.0.1:5000'));
    expect(canonicalEndpoint('[2001:db8::1]:5000')).not.toBe(canonicalEndpoint('[2001:db8::2]:5000'));
    expect(canonicalEndpoint('ghcr.io')).not.toBe(canonicalEndpoint('ghcr.io:5000'));
  });

  it('gives one tag key for every spelling of one tag', () => {
    expect(canonicalTagKey({ registry: 'docker.io', repository: 'golang', tag: '1.22' })).toBe(canonicalTagKey({ registry: 'index.docker.io', repository: 'library/golang', tag: '1.22' }));
    expect(canonicalTagKey({ registry: '127.0.0.1:5201', repository: 'team/app', tag: 'v1' })).toBe(canonicalTagKey({ registry: 'localhost:5201', repository: 'team/app', tag: 'v1' }));
    expect(canonicalTagKey({ registry: 'localhost:5201', repository: 'team/app', tag: 'v1' })).not.toBe(canonicalTagKey({ registry: 'localhost:5201', repository: 'team/app', tag: 'V1' }));
  });
});
