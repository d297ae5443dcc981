import { PassThrough, Readable } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { runAuthTestCli } from '../../../server/src/cli/authTest';
import { TestCert, makeCert } from './certs';
import { FakeServer } from './fakeServer';

/** The auth-test CLI in this process, with its output collected; standard input is not a terminal. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}, stdinText = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await runAuthTestCli(argv, { stdout, stderr, stdin: Readable.from([stdinText]), env });
  return { code, out, err };
}

/**
 * A test file's fixture: one self-signed certificate for localhost and 127.0.0.1, also written as a CA
 * file, and the fake servers the file starts, all closed and removed after its tests.
 */
export function certFixture(prefix: string): { cert: () => TestCert; caFile: string; servers: FakeServer[] } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const caFile = join(dir, 'ca.pem');
  const servers: FakeServer[] = [];
  let cert: TestCert | undefined;
  before(() => {
    cert = makeCert('localhost', 'DNS:localhost,IP:127.0.0.1');
    writeFileSync(caFile, cert.cert);
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });
  return { cert: () => cert!, caFile, servers };
}
