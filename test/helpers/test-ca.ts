/**
 * A CA and a server certificate for 127.0.0.1 signed by it, made with openssl when a test starts (valid two days,
 * so nothing checked in can expire), for the stand-in servers that speak HTTPS. `other` is a second CA that did not
 * sign the server's certificate: what a wrong CA file looks like.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCa {
  /** PEM of the CA, and the file holding it. */
  readonly ca: string;
  readonly caFile: string;
  readonly other: string;
  readonly otherFile: string;
  /** The server's key and certificate (PEM), for https.createServer. */
  readonly key: string;
  readonly cert: string;
}

const openssl = (args: readonly string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

function makeCa(dir: string, name: string): void {
  openssl(['req', '-x509', ...EC, '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.pem`), '-days', '2', '-subj', `/CN=rackpilot test ${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
}

/** Writes the files into `dir` (a test's temporary directory). */
export function makeTestCa(dir: string): TestCa {
  makeCa(dir, 'ca');
  makeCa(dir, 'other-ca');
  const file = (name: string) => join(dir, name);
  openssl(['req', '-new', ...EC, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
  openssl(['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-set_serial', '1', '-days', '2', '-copy_extensions', 'copy', '-out', file('server.pem')]);
  const read = (name: string) => readFileSync(file(name), 'utf8');
  return { ca: read('ca.pem'), caFile: file('ca.pem'), other: read('other-ca.pem'), otherFile: file('other-ca.pem'), key: read('server.key'), cert: read('server.pem') };
}
