/*
 * The command lines that show the same document with the usual tools, so a user can check Archway's view or
 * script it. Plain-HTTP loopback registries need each tool's own insecure switch (registry-protocol.md §8).
 */

/** One tool's command line for the document on screen. */
export type EquivalentCommand = { tool: string; command: string };

/** What the commands need: the reference as the tools should read it, and whether its registry is loopback HTTP. */
export type CommandTarget = { reference: string; registry: string };

const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

/** True for registries the docker CLI treats as insecure by default (loopback), which speak plain HTTP here. */
export function isLoopbackRegistry(registry: string): boolean {
  return LOOPBACK_HOST.test(registry);
}

/** docker, buildx, crane, regctl and skopeo command lines that read the same manifest. */
export function equivalentCommands({ reference, registry }: CommandTarget): EquivalentCommand[] {
  const isPlainHttp = isLoopbackRegistry(registry);
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
