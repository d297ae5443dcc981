import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCert {
  key: Buffer;
  cert: Buffer;
}

/** Self-signed certificates made with the openssl command, once per test file. */
export function makeCert(cn: string, sans: string, validity: 'valid' | 'expired' = 'valid'): TestCert {
  const dir = mkdtempSync(join(tmpdir(), 'authtest-cert-'));
  try {
    const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    if (validity === 'valid') {
      run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${cn}`, '-addext', `subjectAltName=${sans}`, '-keyout', 'k.pem', '-out', 'c.pem']);
    } else {
      // `openssl req` refuses past dates; `openssl ca -selfsign` takes explicit ones.
      mkdirSync(join(dir, 'db'));
      writeFileSync(join(dir, 'db/index'), '');
      writeFileSync(join(dir, 'db/serial'), '01\n');
      writeFileSync(
        join(dir, 'ca.cnf'),
        `[ca]\ndefault_ca = x\n[x]\ndatabase = db/index\nserial = db/serial\nnew_certs_dir = db\ndefault_md = sha256\npolicy = p\nunique_subject = no\n[p]\ncommonName = supplied\n[ext]\nsubjectAltName = ${sans}\n`,
      );
      run(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', 'k.pem', '-out', 'r.csr']);
      run(['ca', '-batch', '-config', 'ca.cnf', '-selfsign', '-keyfile', 'k.pem', '-in', 'r.csr', '-startdate', '20200101000000Z', '-enddate', '20200102000000Z', '-extensions', 'ext', '-out', 'c.pem']);
    }
    return { key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
