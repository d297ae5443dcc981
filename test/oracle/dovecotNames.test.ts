// The installed doveconf (2.3) as the oracle for setting names: every case is one dovecot.conf; what we
// call an unknown or renamed setting for 2.3 must make `doveconf -n -c FILE` stop ("Unknown setting",
// exit 89), and what we let pass it must accept. Skips where doveconf is not installed or not 2.3.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseDovecot } from '../../server/src/service/dovecot/parse';
import { checkSettingNames, dovecotLineOf } from '../../server/src/service/dovecot/settingNames';

const version = spawnSync('doveconf', ['-n', '-c', '/dev/null'], { encoding: 'utf8' }).stdout?.match(/^# ([\d.]+)/)?.[1];
const skip = dovecotLineOf(version) === '2.3' ? false : 'doveconf 2.3 is not installed';

/** `code`: the finding we raise for 2.3 (doveconf must refuse the file); none: doveconf must accept it. */
const UNKNOWN = 'dovecot-unknown-setting';
const RENAMED = 'dovecot-renamed-setting';
const cases: Array<{ name: string; text: string; code?: string }> = [
  { name: 'a 2.4 name in 2.3', text: 'auth_allow_cleartext = no\n', code: RENAMED },
  { name: 'a made-up name', text: 'auth_mechanism = plain\n', code: UNKNOWN },
  { name: '2.4 ssl_server_cert_file in 2.3', text: 'ssl_server_cert_file = /etc/ssl/c.pem\n', code: RENAMED },
  { name: '2.4 passwd_file_path in a 2.3 passdb', text: 'passdb {\n  driver = passwd-file\n  passwd_file_path = /etc/dovecot/users\n}\n', code: UNKNOWN },
  { name: 'a made-up name in a listener', text: 'service auth {\n  unix_listener x {\n    mode = 0600\n    modes = 0600\n  }\n}\n', code: UNKNOWN },
  { name: 'the 2.3 names of a SASL set-up', text: 'disable_plaintext_auth = yes\nauth_mechanisms = plain login\nauth_default_realm = example.org\npassdb {\n  driver = passwd-file\n  args = scheme=SHA512-CRYPT /etc/dovecot/users\n}\nservice auth {\n  unix_listener /var/spool/postfix/private/auth {\n    mode = 0660\n    user = postfix\n  }\n  inet_listener {\n    port = 12345\n    address = 127.0.0.1\n  }\n}\n' },
  { name: 'anything inside plugin', text: 'plugin {\n  anything_goes = 1\n}\n' },
  { name: 'a protocol section', text: 'protocol imap {\n  mail_max_userip_connections = 20\n}\n' },
];

describe('doveconf 2.3 agrees on which setting names it refuses', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'dovecot-names-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [i, c] of cases.entries()) {
    test(c.name, () => {
      const path = join(dir, `${i}.conf`);
      writeFileSync(path, 'protocols = \n' + c.text);
      const r = spawnSync('doveconf', ['-n', '-c', path], { encoding: 'utf8', timeout: 10_000 });
      assert.equal(r.status !== 0 && /Unknown setting/.test(r.stderr), c.code !== undefined, r.stderr);
      assert.deepEqual(checkSettingNames(parseDovecot(c.text), '2.3', () => undefined).map((f) => f.code), c.code ? [c.code] : []);
    });
  }
});
