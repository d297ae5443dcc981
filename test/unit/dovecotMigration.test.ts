// A Dovecot 2.3 configuration migrated by hand to 2.4 and left half done: every name 2.4 refuses is
// listed at once (doveconf stops at the first), each with what to write instead; and the rename table
// agrees with the names each version's source defines.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dovecotRenames } from '../../server/src/service/data/dovecotMigration';
import { dovecotSettingNames } from '../../server/src/service/data/dovecotSettings.generated';
import { parseDovecot } from '../../server/src/service/dovecot/parse';
import { checkSettingNames, dovecotLineOf } from '../../server/src/service/dovecot/settingNames';
import { validateDovecot } from '../../server/src/service/dovecot/validate';
import { analyze } from '../../server/src/service/analyze';
import { defaultSettings, readSettingsChecked } from '../../server/src/service/settings';

const HALF_DONE = [
  'dovecot_config_version = 2.4.0',
  'dovecot_storage_version = 2.4.0',
  'protocols = imap lmtp',
  'auth_allow_cleartext = no', // done
  'auth_default_realm = example.org', // left: auth_default_domain
  'ssl_server_cert_file = /etc/ssl/certs/mail.pem', // done
  'ssl_key = </etc/ssl/private/mail.key', // left: ssl_server_key_file
  'mail_location = maildir:~/Maildir', // left: mail_driver + mail_path
  'auth_mechanisms = plain login',
  'auth_mechanims = plain', // a typo, not a migration
  'passdb passwd-file {',
  '  driver = passwd-file', // 2.4 short name of passdb_driver
  '  args = scheme=SHA512-CRYPT /etc/dovecot/users', // left: passwd_file_path
  '}',
  'service auth {',
  '  unix_listener /var/spool/postfix/private/auth {',
  '    mode = 0660',
  '    user = postfix',
  '  }',
  '  inet_listener auth-inet {',
  '    port = 12345',
  '    address = 127.0.0.1', // left: listen
  '  }',
  '  service_count = 1', // left: restart_request_count
  '}',
  'protocol lmtp {',
  '  postmaster_address = postmaster@example.org',
  '  sieve_script_bogus = 1', // Pigeonhole's: not ours to judge
  '}',
  'plugin {',
  '  anything = 1',
  '}',
].join('\n') + '\n';

describe('a half-done 2.3 → 2.4 migration', () => {
  const findings = validateDovecot(parseDovecot(HALF_DONE), '2.4');
  const keyOf = (f: (typeof findings)[number]) => HALF_DONE.slice(f.span.start, f.span.end);

  test('every remaining problem, each once, in file order', () => {
    assert.deepEqual(
      findings.map((f) => `${keyOf(f)}:${f.code}`),
      ['auth_default_realm:dovecot-renamed-setting', 'ssl_key:dovecot-renamed-setting', 'mail_location:dovecot-renamed-setting', 'auth_mechanims:dovecot-unknown-setting', 'args:dovecot-renamed-setting', 'address:dovecot-renamed-setting', 'service_count:dovecot-renamed-setting'],
    );
  });

  test('each names its replacement', () => {
    const message = (key: string) => findings.find((f) => keyOf(f) === key)?.message ?? '';
    assert.match(message('auth_default_realm'), /write "auth_default_domain"/);
    assert.match(message('ssl_key'), /write "ssl_server_key_file", the value is the path itself, without "<"/);
    assert.match(message('mail_location'), /mail_driver.*mail_path/);
    assert.match(message('args'), /passwd_file_path/);
    assert.match(message('address'), /write "listen"/);
    assert.match(message('service_count'), /write "restart_request_count"/);
    assert.match(message('auth_mechanims'), /Did you mean "auth_mechanisms"\?/);
  });

  test('the same file for 2.3 flags the 2.4 names instead', () => {
    const for23 = checkSettingNames(parseDovecot(HALF_DONE), '2.3', () => undefined).map((f) => HALF_DONE.slice(f.span.start, f.span.end));
    for (const key of ['dovecot_config_version', 'auth_allow_cleartext', 'ssl_server_cert_file']) assert.ok(for23.includes(key), key);
    for (const key of ['auth_default_realm', 'ssl_key', 'mail_location', 'args', 'address']) assert.ok(!for23.includes(key), key);
  });

  test('without a known version, nothing is judged by version (the mixed-names rule stands in)', () => {
    assert.ok(!validateDovecot(parseDovecot(HALF_DONE)).some((f) => f.code === 'dovecot-unknown-setting' || f.code === 'dovecot-renamed-setting'));
  });
});

describe('the version from postfixSasl.dovecotVersion', () => {
  const codes = (text: string, dovecotVersion: string) => analyze('file:///etc/dovecot/conf.d/10-auth.conf', 'dovecot', text, { ...defaultSettings, dovecotVersion }).findings.map((f) => f.code);
  test('a 2.3 name is renamed for 2.4, fine for 2.3, and dovecot_config_version wins over the setting', () => {
    assert.ok(codes('disable_plaintext_auth = yes\n', '2.4').includes('dovecot-renamed-setting'));
    assert.ok(!codes('disable_plaintext_auth = yes\n', '2.3').some((c) => c.startsWith('dovecot-')));
    assert.ok(!codes('dovecot_config_version = 2.4.0\nauth_allow_cleartext = no\n', '2.3').some((c) => c.startsWith('dovecot-')));
  });
  test('a setting that is no Dovecot version is refused', () => {
    assert.deepEqual(readSettingsChecked({ dovecotVersion: '3.0' }).problems, ['dovecotVersion must be a Dovecot version such as "2.3" or "2.4.1"']);
    assert.equal(readSettingsChecked({ dovecotVersion: '2.4.1' }).settings.dovecotVersion, '2.4.1');
  });
});

describe('version and rename facts', () => {
  test('dovecotLineOf', () => {
    assert.deepEqual(['2.4.0', '2.3.19.1 (9b53102964)', '2.4', '2.2.36', '12.4', ''].map(dovecotLineOf), ['2.4', '2.3', '2.4', undefined, undefined, undefined]);
  });
  test('every rename leaves a 2.3 name that 2.4 does not define for one that it does', () => {
    const v23 = new Set<string>(dovecotSettingNames['2.3']);
    const v24 = new Set<string>(dovecotSettingNames['2.4']);
    for (const r of dovecotRenames) {
      assert.ok(v23.has(r.from), `${r.from} is a 2.3 name`);
      const prefixed = (name: string) => [name, ...(r.within ?? []).map((w) => `${w}_${name}`)];
      assert.ok(!prefixed(r.from).some((n) => v24.has(n)), `${r.from} is not a 2.4 name`);
      if (r.to) assert.ok(prefixed(r.to).some((n) => v24.has(n)) || r.to === 'process_limit' && v24.has('service_process_limit'), `${r.to} is a 2.4 name`);
    }
  });
  test('counts: the names per line', () => {
    assert.ok(dovecotSettingNames['2.3'].length > 350 && dovecotSettingNames['2.4'].length > 700);
  });
});
