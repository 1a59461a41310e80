import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/*
 * A self-signed P-256 certificate made by openssl (node:crypto cannot write X.509), in a fresh temporary folder the
 * caller removes: the token server's signing certificate, and the certificate of the tests' TLS registry front.
 */

export type SelfSignedCertificate = { dir: string; certPath: string; keyPath: string; certPem: string; keyPem: string };

/** `subjectAltName` in openssl's syntax (`IP:127.0.0.1,DNS:localhost`) makes it good for a TLS server. */
export async function selfSignedCertificate(opts: { commonName: string; subjectAltName?: string }): Promise<SelfSignedCertificate> {
  const dir = await mkdtemp(path.join(tmpdir(), 'archway-cert-'));
  const certPath = path.join(dir, 'cert.pem');
  const keyPath = path.join(dir, 'key.pem');
  await promisify(execFile)('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyPath, '-out', certPath, '-days', '3650', '-subj', `/CN=${opts.commonName}`,
    ...(opts.subjectAltName ? ['-addext', `subjectAltName=${opts.subjectAltName}`] : []),
  ]);
  return { dir, certPath, keyPath, certPem: await readFile(certPath, 'utf8'), keyPem: await readFile(keyPath, 'utf8') };
}
