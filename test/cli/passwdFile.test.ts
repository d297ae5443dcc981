// The live sasl_passwd on disk: readable by others, or newer than its compiled table.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkPaths } from '../../server/src/cli/check';
import { defaultSettings } from '../../server/src/service/settings';

function instance(mode: number, compiledAge?: number, mapsPath?: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-passwd-'));
  const passwd = join(dir, 'sasl_passwd');
  writeFileSync(join(dir, 'main.cf'), ['relayhost = [smtp.example.com]:587', 'smtp_sasl_auth_enable = yes', `smtp_sasl_password_maps = hash:${mapsPath ?? passwd}`, 'smtp_tls_security_level = encrypt', ''].join('\n'));
  writeFileSync(passwd, '[smtp.example.com]:587 user@example.com:secret\n');
  chmodSync(passwd, mode);
  if (compiledAge !== undefined) {
    writeFileSync(passwd + '.db', 'compiled');
    const now = Date.now() / 1000;
    utimesSync(passwd + '.db', now + compiledAge, now + compiledAge);
  }
  return checkPaths([dir], defaultSettings).filter((f) => f.file.endsWith('sasl_passwd')).map((f) => f.code).sort();
}

describe('the live sasl_passwd on disk', () => {
  it('mode 600 with a fresh table: nothing', () => assert.deepEqual(instance(0o600, 60), []));
  it('readable by others', () => assert.deepEqual(instance(0o644, 60), ['sasl-passwd-readable']));
  it('edited after postmap', () => assert.deepEqual(instance(0o600, -60), ['sasl-passwd-map-stale']));
  it('a copy main.cf does not name is left alone', () => assert.deepEqual(instance(0o644, -60, '/etc/postfix/sasl_passwd'), []));
});
