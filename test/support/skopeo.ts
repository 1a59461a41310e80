import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `skopeo inspect --raw`: the registry's exact bytes, as a client that is not Archway reads them. */
export async function skopeoRaw(reference: string, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const { stdout } = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${reference}`], { encoding: 'buffer', env });
  return stdout;
}
