import { describe, expect, it } from 'vitest';
import { matchesAnyHostPattern, parseHostPattern, parseHostPatterns } from './host-patterns';

const matches = (host: string, ...entries: string[]) => matchesAnyHostPattern(host, parseHostPatterns(entries.join(','), 'TEST'));

describe('host patterns', () => {
  it('matches a bare host on any port, host:port on that port only', () => {
    expect(matches('registry.example.com', 'registry.example.com')).toBe(true);
    expect(matches('Registry.Example.com:5000', 'registry.example.com')).toBe(true);
    expect(matches('registry.example.com:5000', 'registry.example.com:5000')).toBe(true);
    expect(matches('registry.example.com:5001', 'registry.example.com:5000')).toBe(false);
    expect(matches('registry.example.com', 'registry.example.com:5000')).toBe(false);
    expect(matches('registry.example.com.evil.test', 'registry.example.com')).toBe(false);
  });

  it('matches names under a wildcard, not the domain itself nor look-alikes', () => {
    expect(matches('a.corp.example', '*.corp.example')).toBe(true);
    expect(matches('a.b.corp.example:443', '*.corp.example')).toBe(true);
    expect(matches('corp.example', '*.corp.example')).toBe(false);
    expect(matches('evilcorp.example', '*.corp.example')).toBe(false);
    expect(matches('a.corp.example:80', '*.corp.example:443')).toBe(false);
  });

  it('matches IP addresses inside a CIDR, IPv4 and IPv6, but never resolves names for it', () => {
    expect(matches('10.1.2.3:5000', '10.0.0.0/8')).toBe(true);
    expect(matches('11.1.2.3', '10.0.0.0/8')).toBe(false);
    expect(matches('[fd00::5]:5000', 'fd00::/8')).toBe(true);
    expect(matches('[::1]:5000', '[::1]:5000')).toBe(true);
    expect(matches('registry.internal', '10.0.0.0/8')).toBe(false);
  });

  it('ignores a pasted scheme and trailing slash, and rejects what is no host', () => {
    expect(matches('registry.example.com', 'https://registry.example.com/')).toBe(true);
    for (const bad of ['what ever', '10.0.0.0/33', 'reg:port', '*.', '*', 'a/b/c']) expect(parseHostPattern(bad), bad).toBeNull();
  });
});
