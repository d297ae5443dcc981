// --ca adds to the trust store, it does not replace it: the default roots still verify (here OpenSSL's
// store, as a Node built or started with --use-openssl-ca reads it from SSL_CERT_FILE, such as a
// distribution's with its local CAs), and the extra CA verifies only what it signed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAuthTest } from '../../server/src/authtest';
import { TestCert, makeCert } from './helpers/certs';
import { FakeServer, scriptedServer } from './helpers/fakeServer';

const dir = mkdtempSync(join(tmpdir(), 'authtest-ca-'));
let certs: { given: TestCert; extra: TestCert; stranger: TestCert };
const servers: Record<keyof typeof certs, FakeServer> = {} as never;
before(async () => {
  certs = { given: makeCert('localhost', 'DNS:localhost,IP:127.0.0.1'), extra: makeCert('localhost', 'DNS:localhost,IP:127.0.0.1'), stranger: makeCert('localhost', 'DNS:localhost,IP:127.0.0.1') };
  for (const [name, cert] of Object.entries(certs)) {
    writeFileSync(join(dir, `${name}.pem`), cert.cert);
    servers[name as keyof typeof certs] = await scriptedServer({ cert, capsBefore: ['STARTTLS'], capsAfter: ['AUTH PLAIN'], onAuth: () => '235 ok' });
  }
});
after(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** In a child process whose default store is extra.pem: whether each server's chain verifies with --ca given.pem. */
function chainVerifiedInChild(ports: number[]): Promise<boolean[]> {
  const script = `
    const { readFileSync } = require('node:fs');
    const { runAuthTest } = require(${JSON.stringify(join(__dirname, '../../server/src/authtest'))});
    const ca = readFileSync(${JSON.stringify(join(dir, 'given.pem'))});
    Promise.all(${JSON.stringify(ports)}.map((port) => runAuthTest({ host: '127.0.0.1', port, tls: 'starttls', user: 'u', password: 'pw', mechanisms: ['PLAIN'], ca, timeoutMs: 3000, probeLegacyTls: false })))
      .then((rs) => process.stdout.write(JSON.stringify(rs.map((r) => r.tls?.chainVerified === true))));`;
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH, SSL_CERT_FILE: join(dir, 'extra.pem') };
    execFile(process.execPath, ['--use-openssl-ca', '--import', 'tsx', '-e', script], { env, timeout: 20_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message} ${stderr}`)) : resolve(JSON.parse(stdout) as boolean[])));
  });
}

test('the default store stays trusted beside --ca, and a stranger\'s certificate is trusted by neither', async () => {
  const verified = await chainVerifiedInChild([servers.given.port, servers.extra.port, servers.stranger.port]);
  assert.deepEqual(verified, [true, true, false]);
});

test('--ca of another certificate does not trust this one', async () => {
  const r = await runAuthTest({ host: '127.0.0.1', port: servers.stranger.port, tls: 'starttls', user: 'u', password: 'pw', mechanisms: ['PLAIN'], ca: certs.given.cert, timeoutMs: 3000, probeLegacyTls: false });
  assert.equal(r.verdict, 'tls-failed');
  assert.equal(r.error?.certificate, 'untrusted');
  assert.deepEqual(r.mechanisms, []);
});
