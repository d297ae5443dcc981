// The release an instance is judged for: installed, else configured (raised to the file's
// compatibility_level), else the newest; and what follows from it: master.cf's `-` chroot, hover's
// defaults, and the names newer than the target.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-types';
import { installedDovecotVersion, installedPostfixVersion } from '../../server/src/cli/liveVersions';
import { analyze } from '../../server/src/service/analyze';
import { fileTypes, parseFile } from '../../server/src/service/fileTypes';
import { instanceFromFiles } from '../../server/src/service/instance/locate';
import { releaseOf, targetPostfixVersion } from '../../server/src/service/instance/targetVersion';
import { parseMainCf } from '../../server/src/service/parser/mainCf';
import { defaultSettings } from '../../server/src/service/settings';
import { withCursor } from '../helpers/cursor';

describe('target version', () => {
  const cases: Array<{ installed?: string; configured?: string; main?: string; expected: string | undefined }> = [
    { expected: undefined },
    { configured: '', expected: undefined },
    { configured: '3.7', expected: '3.7' },
    { configured: '3.7', main: 'compatibility_level = 3.6\n', expected: '3.7' },
    { configured: '3.7', main: 'compatibility_level = 3.11\n', expected: '3.11' },
    { configured: '3.7', main: 'compatibility_level = ${{$mail_version} < {3} ? {0} : {3.11}}\n', expected: '3.11' },
    { configured: '3.7', main: 'compatibility_level = bogus\n', expected: '3.7' },
    { configured: '2.11', main: 'compatibility_level = 2\n', expected: '3.0' },
    { configured: '2.11', main: 'compatibility_level = 0\n', expected: '2.11' },
    { installed: '3.7.11', configured: '3.9', main: 'compatibility_level = 3.11\n', expected: '3.7.11' },
    { installed: '3.12-20260821', expected: '3.12' },
    { installed: 'garbage', configured: '3.8', expected: '3.8' },
  ];
  for (const c of cases) {
    test(`installed ${c.installed ?? '-'}, configured ${c.configured ?? '-'}, ${JSON.stringify(c.main ?? '')} → ${c.expected ?? 'newest'}`, () => {
      assert.equal(targetPostfixVersion({ installedPostfix: c.installed, configuredPostfix: c.configured }, c.main === undefined ? undefined : parseMainCf(c.main)), c.expected);
    });
  }

  test('releaseOf takes major.minor[.patch] only', () => {
    assert.deepEqual(['3.7.11', '2.3.19.1 (9b53102964)', 'x3.7', ''].map(releaseOf), ['3.7.11', '2.3.19', undefined, undefined]);
  });

  test('the installed Postfix is asked for its mail_version (compared with postconf itself)', (t) => {
    const r = spawnSync('postconf', ['-dh', 'mail_version'], { encoding: 'utf8' });
    if (r.status !== 0) return t.skip('postconf is not installed');
    assert.equal(installedPostfixVersion(), r.stdout.trim());
  });

  test('the installed Dovecot is asked for its version (compared with dovecot itself)', (t) => {
    const r = spawnSync('dovecot', ['--version'], { encoding: 'utf8' });
    if (r.status !== 0) return t.skip('dovecot is not installed');
    assert.equal(installedDovecotVersion(), r.stdout.trim());
  });
});

describe("master.cf's - in the chroot column", () => {
  const chrootOf = (main: string | undefined, postfixVersion?: string) => {
    const files = [...(main === undefined ? [] : [parseFile('file:///etc/postfix/main.cf', 'postfix-main', main)]), parseFile('file:///etc/postfix/master.cf', 'postfix-master', 'smtp inet n - - - - smtpd\n')];
    return instanceFromFiles(files, undefined, { configuredPostfix: postfixVersion }).services[0]?.chroot;
  };
  const cases: Array<{ main?: string; version?: string; expected: boolean }> = [
    { main: '', expected: true },
    { main: 'compatibility_level = 0\n', expected: true },
    { main: 'compatibility_level = 1\n', expected: false },
    { main: 'compatibility_level = 3.6\n', expected: false },
    { main: '', version: '2.11', expected: true },
    { main: 'compatibility_level = 1\n', version: '2.11', expected: false },
  ];
  for (const c of cases) {
    test(`${JSON.stringify(c.main)}${c.version ? ` for ${c.version}` : ''} → ${c.expected ? 'y' : 'n'}`, () => {
      assert.equal(chrootOf(c.main, c.version), c.expected);
    });
  }
});

describe('hover shows the defaults of the target version', () => {
  const hover = (input: string, version?: string): string => {
    const { text, offset } = withCursor(input);
    const file = parseFile('file:///etc/postfix/main.cf', 'postfix-main', text);
    const h: Hover | null = fileTypes['postfix-main'].features.hover!(file, offset, [file], version);
    const c = h?.contents;
    return c && typeof c === 'object' && 'kind' in c ? c.value : '';
  };
  const cases: Array<{ input: string; version?: string; has: string[] }> = [
    { input: 'compatibility_level = 3.11\nsmtp_tls_security_|level = $x\n', has: ['`may`'] },
    { input: 'compatibility_level = 3.11\nx = $smtp_tls_security_|level\n', version: '3.10', has: ['Default in Postfix 3.10: empty', 'Effective value: empty'] },
    { input: 'smtpd_forbid_unauth_|pipelining = no\n', version: '3.8', has: ['Default in Postfix 3.8: `no`', '`yes` from 3.9'] },
    { input: 'x = $smtpd_forbid_unauth_|pipelining\n', has: ['Default in Postfix 3.12: `yes`', 'Effective value: `yes` (from the default)'] },
    { input: 'x = $smtpd_tls_|protocols\n', version: '3.5', has: ['Effective value: `!SSLv2, !SSLv3` (from the default)'] },
  ];
  for (const c of cases) {
    test(`${JSON.stringify(c.input)}${c.version ? ` for ${c.version}` : ''}`, () => {
      const text = hover(c.input, c.version);
      for (const part of c.has) assert.ok(text.includes(part), `${part} in:\n${text}`);
    });
  }
});

describe('names newer than the target', () => {
  const codes = (text: string, postfixVersion: string) => analyze('file:///etc/postfix/main.cf', 'postfix-main', text, { ...defaultSettings, postfixVersion }).findings.map((f) => f.code);
  test('a 3.9 name is newer than a 3.7 target, but not once compatibility_level says 3.11', () => {
    assert.ok(codes('smtp_sasl_password_result_delimiter = :\n', '3.7').includes('parameter-newer-than-target'));
    assert.ok(!codes('compatibility_level = 3.11\nsmtp_sasl_password_result_delimiter = :\n', '3.7').includes('parameter-newer-than-target'));
  });
  test('a value that came later does not date its parameter (milter_default_action = shutdown came in 3.11, the name in 2.3)', () => {
    assert.ok(!codes('milter_default_action = tempfail\nsmtp_tls_security_level = may\nsmtpd_tls_protocols = !SSLv2\n', '2.10').includes('parameter-newer-than-target'));
  });
});
