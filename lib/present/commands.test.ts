import { describe, expect, it } from 'vitest';
import { equivalentCommands } from './commands';

describe('equivalentCommands', () => {
  it('adds each tool’s insecure switch for a loopback registry', () => {
    const commands = Object.fromEntries(
      equivalentCommands({ reference: '127.0.0.1:5000/demo/golang:alpine', registry: '127.0.0.1:5000' }).map((c) => [c.tool, c.command]),
    );
    expect(commands).toEqual({
      docker: 'docker manifest inspect --insecure 127.0.0.1:5000/demo/golang:alpine',
      buildx: 'docker buildx imagetools inspect 127.0.0.1:5000/demo/golang:alpine',
      crane: 'crane manifest --insecure 127.0.0.1:5000/demo/golang:alpine',
      regctl: 'regctl registry set --tls disabled 127.0.0.1:5000 && regctl manifest get 127.0.0.1:5000/demo/golang:alpine',
      skopeo: 'skopeo inspect --raw --tls-verify=false docker://127.0.0.1:5000/demo/golang:alpine',
    });
  });

  it('uses plain commands for a TLS registry', () => {
    const commands = equivalentCommands({ reference: 'golang:alpine', registry: 'docker.io' }).map((c) => c.command);
    expect(commands).toContain('docker manifest inspect golang:alpine');
    expect(commands).toContain('skopeo inspect --raw docker://golang:alpine');
    expect(commands.join('\n')).not.toMatch(/insecure|tls/);
  });
});
