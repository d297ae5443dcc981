// Defaults follow the file's compatibility_level and the Postfix release the files are for, in every
// rule (service.get()) and in expansion: a rule that reads a default sees the one Postfix would use.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, parseForContext } from '../../server/src/service/analyze';
import { defaultForVersion, lookupParameter } from '../../server/src/service/data/catalogue';
import { compatibilityDefaults } from '../../server/src/service/data/compatibilityDefaults';
import { defaultHistory } from '../../server/src/service/data/defaultHistory';
import { compareLevels } from '../../server/src/service/mainCf/expand';
import { generatedFromVersion } from '../../server/src/service/data/parameters.generated';
import { isMainCfFile } from '../../server/src/service/documents';
import { mainSettings } from '../../server/src/service/instance/services';
import { defaultSettings } from '../../server/src/service/settings';

function get(text: string, name: string, postfixVersion?: string): string {
  const main = parseForContext('file:///etc/postfix/main.cf', 'postfix-main', text, defaultSettings);
  assert.ok(isMainCfFile(main));
  return mainSettings({ main, postfixVersion }).get(name);
}
const mainCodes = (text: string) => analyze('file:///etc/postfix/main.cf', 'postfix-main', text, defaultSettings, []).findings.map((f) => f.code);

const CLIENT = 'relayhost = [smtp.example.com]:587\nsmtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\nsmtp_sasl_security_options = noanonymous\n';

describe('defaults for the compatibility level', () => {
  const cases: Array<{ file: string; name: string; version?: string; expected: string }> = [
    { file: '', name: 'smtp_tls_security_level', expected: '' },
    { file: 'compatibility_level = 3.11\n', name: 'smtp_tls_security_level', expected: 'may' },
    { file: 'compatibility_level = 3.10\n', name: 'smtp_tls_security_level', expected: '' },
    { file: 'compatibility_level = 3.11\n', name: 'smtp_tls_security_level', version: '3.10', expected: '' },
    { file: 'compatibility_level = 3.11\nsmtp_tls_security_level = none\n', name: 'smtp_tls_security_level', expected: 'none' },
    { file: 'compatibility_level = 3.11\n', name: 'smtp_tlsrpt_skip_reused_handshakes', expected: 'no' },
    { file: 'compatibility_level = 3.6\n', name: 'smtp_tlsrpt_skip_reused_handshakes', expected: 'yes' },
    { file: 'compatibility_level = 2\n', name: 'mynetworks_style', expected: 'host' },
    { file: '', name: 'mynetworks_style', expected: 'subnet' },
    { file: 'compatibility_level = 3.6\n', name: 'smtpd_tls_fingerprint_digest', expected: 'sha256' },
    { file: 'level = 3.6\ncompatibility_level = $level\n', name: 'respectful_logging', expected: 'yes' },
    { file: '', name: 'smtpd_relay_restrictions', expected: '' },
    { file: 'compatibility_level = 1\n', name: 'smtpd_relay_restrictions', expected: 'permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination' },
  ];
  for (const c of cases) {
    test(`${JSON.stringify(c.file)} ${c.name}${c.version ? ` for ${c.version}` : ''} = ${JSON.stringify(c.expected)}`, () => {
      assert.equal(get(c.file, c.name, c.version), c.expected);
    });
  }

  test('sasl-client-password-without-tls fires at level 3.10 and not at 3.11 (smtp_tls_security_level defaults to may)', () => {
    assert.ok(mainCodes(CLIENT + 'compatibility_level = 3.10\n').includes('sasl-client-password-without-tls'));
    assert.ok(!mainCodes(CLIENT + 'compatibility_level = 3.11\n').includes('sasl-client-password-without-tls'));
  });

  test('every level-dependent default takes its old value below its level and its new one from it', () => {
    for (const entry of compatibilityDefaults.filter((e) => e.name !== 'chroot' && !e.before.includes('$'))) {
      assert.equal(get(`compatibility_level = ${entry.level}\n`, entry.name), entry.from, `${entry.name} at ${entry.level}`);
      assert.equal(get('compatibility_level = 0\n', entry.name), entry.before, `${entry.name} at 0`);
    }
  });
});

describe('defaults for the target version', () => {
  const cases: Array<{ name: string; version?: string; expected: string }> = [
    { name: 'smtpd_tls_protocols', version: '3.0', expected: '' },
    { name: 'smtpd_tls_protocols', version: '3.5', expected: '!SSLv2, !SSLv3' },
    { name: 'smtpd_tls_protocols', version: '3.12', expected: '>=TLSv1' },
    { name: 'smtpd_forbid_unauth_pipelining', version: '3.8', expected: 'no' },
    { name: 'smtpd_forbid_unauth_pipelining', expected: 'yes' },
    { name: 'milter_default_action', version: '3.10', expected: 'tempfail' },
    { name: 'milter_default_action', version: '3.11', expected: 'shutdown' },
    { name: 'smtp_tls_dane_insecure_mx_policy', version: '3.7', expected: 'may' },
    { name: 'smtp_tls_dane_insecure_mx_policy', version: '3.10', expected: 'dane' },
    { name: 'address_verify_map', version: '3.7', expected: 'btree:/var/lib/postfix/verify_cache' },
    { name: 'address_verify_map', expected: 'btree:/var/lib/postfix/verify_cache' },
  ];
  for (const c of cases) {
    test(`${c.name} in ${c.version ?? 'the newest'} = ${JSON.stringify(c.expected)}`, () => {
      assert.equal(get('', c.name, c.version), c.expected);
    });
  }

  test(`every history agrees with postconf -d of ${generatedFromVersion} (the catalogue's defaults) at that release`, () => {
    for (const [name, history] of Object.entries(defaultHistory)) {
      if (compareLevels(history[0][0], generatedFromVersion) > 0) continue;
      assert.equal(defaultForVersion(name, generatedFromVersion), lookupParameter(name)?.default, name);
    }
  });

  test('every history is oldest first and names a known parameter', () => {
    for (const [name, history] of Object.entries(defaultHistory)) {
      assert.ok(lookupParameter(name), name);
      for (let i = 1; i < history.length; i++) assert.ok(compareLevels(history[i - 1][0], history[i][0]) < 0, name);
    }
  });

  test('expansion uses the target version: $smtpd_tls_protocols in another value', () => {
    assert.equal(get('x = $smtpd_tls_protocols\n', 'x', '3.5'), '!SSLv2, !SSLv3');
    assert.equal(get('x = $smtpd_tls_protocols\n', 'x'), '>=TLSv1');
  });
});
