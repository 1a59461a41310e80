import { isLoopbackHost } from '@/lib/oci/registry-host';

/*
 * The command lines that show the same document with the usual tools, so a user can check Archway's view or
 * script it. Plain-HTTP loopback registries need each tool's own insecure switch (registry-protocol.md §8).
 */

/** One tool's command line for the document on screen. */
export type EquivalentCommand = { tool: string; command: string };

/** What the commands need: the reference as the tools should read it, and whether its registry is loopback HTTP. */
export type CommandTarget = { reference: string; registry: string };

/** docker, buildx, crane, regctl and skopeo command lines that read the same manifest. */
export function equivalentCommands({ reference, registry }: CommandTarget): EquivalentCommand[] {
  const isPlainHttp = isLoopbackHost(registry);
  const flag = (text: string) => (isPlainHttp ? ` ${text}` : '');
  const regctlSetup = isPlainHttp ? `regctl registry set --tls disabled ${registry} && ` : '';
  return [
    { tool: 'docker', command: `docker manifest inspect${flag('--insecure')} ${reference}` },
    { tool: 'buildx', command: `docker buildx imagetools inspect ${reference}` },
    { tool: 'crane', command: `crane manifest${flag('--insecure')} ${reference}` },
    { tool: 'regctl', command: `${regctlSetup}regctl manifest get ${reference}` },
    { tool: 'skopeo', command: `skopeo inspect --raw${flag('--tls-verify=false')} docker://${reference}` },
  ];
}
