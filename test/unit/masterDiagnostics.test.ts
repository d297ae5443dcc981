// master.cf diagnostics: each rule firing and staying silent, alone and with the instance's main.cf.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/service/analyze';
import { defaultSettings } from '../../server/src/service/settings';
import { parseFile } from '../../server/src/service/fileTypes';

const MAIN_CF = [
  'smtpd_restriction_classes = strict_senders',
  'strict_senders = reject_unknown_sender_domain',
  'mua_client_restrictions = permit_sasl_authenticated, reject',
  'mua_sender_restrictions = reject_sender_login_mismatch',
];

function run(lines: string[], eol: string, main?: string[]) {
  const others = main ? [parseFile('file:///etc/postfix/main.cf', 'postfix-main', main.join(eol) + eol)] : [];
  return analyze('file:///etc/postfix/master.cf', 'postfix-master', lines.join(eol) + eol, defaultSettings, others);
}

/** `code@line` for every finding (1-based lines), sorted. */
function codes(lines: string[], eol: string, main?: string[]): string[] {
  const { file, findings } = run(lines, eol, main);
  return findings.map((f) => `${f.code}@${file.lines.positionAt(f.span.start).line + 1}`).sort();
}

const SMTPD = 'submission inet n - y - - smtpd';

const cases: Array<[string, string[], string[], string[]?]> = [
  // Columns
  ['eight fields are needed', ['smtp inet n - n - smtpd'], ['master-too-few-columns@1']],
  ['unknown service type', ['smtp tcp n - n - - smtpd'], ['master-invalid-type@1']],
  ['all five service types', ['a inet n - n - - smtpd', 'b unix - - n - - smtp', 'c unix-dgram n - n - 1 postlogd', 'd fifo n - n 60 1 pickup', 'e pass - - n - - smtpd'], []],
  ['yes is not y', ['smtp inet yes - n - - smtpd'], ['master-invalid-flag@1']],
  ['wakeup with a unit', ['pickup unix n - n 60s 1 pickup'], ['master-invalid-wakeup@1']],
  ['wakeup only when used', ['flush unix n - n 1000? 0 flush'], []],
  ['maxproc in words', ['qmgr unix n - n 300 one qmgr'], ['master-invalid-maxproc@1']],
  // Entries
  ['duplicate service', ['smtp inet n - n - - smtpd', 'smtp inet n - n - 1 postscreen'], ['master-duplicate-service@2']],
  ['same name, other type', ['smtp inet n - n - - smtpd', 'smtp unix - - n - - smtp'], []],
  ['misspelled command', ['smtp inet n - n - - smtpdd'], ['master-unknown-command@1']],
  ['command by absolute path', ['x unix - n n - - /usr/local/libexec/filter'], []],
  ['stray word after a daemon', ['cleanup unix n - n - 0 cleanup extra'], ['master-stray-argument@1']],
  ['pipe takes free arguments', ['maildrop unix - n n - - pipe', '  flags=DRXhu user=vmail argv=/usr/bin/maildrop -d ${recipient}'], []],
  ['smtp and lmtp take flags=', ['lmtp unix - - n - - lmtp flags=O'], []],
  ['orphan continuation', ['  -o syslog_name=x'], ['orphan-continuation@1']],
  // Overrides: syntax
  ['-o without "="', [SMTPD, '  -o syslog_name'], ['master-option-syntax@2']],
  ['unbalanced brace', [SMTPD, '  -o { syslog_name = x'], ['master-unbalanced-brace@2']],
  ['space after a comma splits the value', [SMTPD, '  -o smtpd_client_restrictions=permit_sasl_authenticated, reject'], ['master-override-split@2']],
  ['the braced form allows spaces', [SMTPD, '  -o { smtpd_client_restrictions = permit_sasl_authenticated, reject }'], []],
  ['empty value', [SMTPD, '  -o smtpd_helo_restrictions='], []],
  // Overrides: names and values, as in main.cf
  ['misspelled name', [SMTPD, '  -o smtpd_sasl_auth_enabel=yes'], ['unknown-parameter@2']],
  ['bad boolean', [SMTPD, '  -o smtpd_sasl_auth_enable=maybe'], ['invalid-boolean@2']],
  ['bad enum', [SMTPD, '  -o smtpd_tls_security_level=required'], ['invalid-enum@2']],
  ['unknown restriction', [SMTPD, '  -o smtpd_client_restrictions=permit_sasl_authenticated,rejct'], ['unknown-restriction@2']],
  ['deprecated name', [SMTPD, '  -o smtpd_use_tls=yes'], ['deprecated-parameter@2']],
  ['malformed reference', [SMTPD, '  -o smtpd_client_restrictions=${mua_client_restrictions'], ['bad-reference@2']],
  ['service parameter for a service that exists', ['polite unix - - n - - smtp', '  -o polite_destination_concurrency_limit=3'], []],
  ['service parameter for a service that does not', ['relay unix - - n - - smtp', '  -o polite_destination_concurrency_limit=3'], ['unknown-service-parameter@2']],
  ['$service_name is a Postfix parameter', ['relay unix - - n - - smtp', '  -o syslog_name=postfix/$service_name'], []],
  // With and without main.cf
  ['own parameters without main.cf are not judged', [SMTPD, '  -o smtpd_client_restrictions=$mua_client_restrictons'], []],
  ['undefined $name with main.cf', [SMTPD, '  -o smtpd_client_restrictions=$mua_client_restrictons'], ['undefined-reference@2'], MAIN_CF],
  ['defined $name with main.cf', [SMTPD, '  -o smtpd_client_restrictions=$mua_client_restrictions', '  -o smtpd_sender_restrictions=$mua_sender_restrictions'], [], MAIN_CF],
  ['restriction class from main.cf', [SMTPD, '  -o smtpd_sender_restrictions=strict_senders'], [], MAIN_CF],
  ['restriction class unknown without it', [SMTPD, '  -o smtpd_sender_restrictions=strict_senders'], ['unknown-restriction@2']],
  ['unused own name with main.cf', [SMTPD, '  -o my_own_flag_setting=1'], ['unknown-parameter@2'], MAIN_CF],
  ['own name defined in main.cf', [SMTPD, '  -o mua_client_restrictions=permit_mynetworks,reject'], [], MAIN_CF],
  // Files
  ['template syntax', ['{{ service }} inet n - n - - smtpd', '  -o smtpd_tls_security_level={{ level }}'], ['template-file@1']],
  ['conditional lines are not duplicates', ['%{a}smtp inet n - - - 1 postscreen', '%{b}smtp inet n - - - - smtpd'], ['template-file@1']],
  ['ignore comment', ['# postfix-sasl: ignore master-unknown-command', 'x unix - - n - - my-filter'], []],
];

describe('master.cf diagnostics', () => {
  for (const [name, lines, expected, main] of cases) {
    for (const eol of ['\n', '\r\n']) {
      it(`${name} (${JSON.stringify(eol)})`, () => assert.deepEqual(codes(lines, eol, main), [...expected].sort()));
    }
  }

  it('the split-value fix removes the whitespace', () => {
    const text = `${SMTPD}\n  -o smtpd_client_restrictions=permit_sasl_authenticated, reject\n`;
    const { findings } = analyze('file:///etc/postfix/master.cf', 'postfix-master', text, defaultSettings);
    const fix = findings[0].fix;
    assert.ok(fix && fix.kind === 'replace');
    assert.equal(text.slice(0, fix.span.start) + fix.text + text.slice(fix.span.end), `${SMTPD}\n  -o smtpd_client_restrictions=permit_sasl_authenticated,reject\n`);
  });

  it('a misspelled command gets a suggestion', () => {
    const { findings } = analyze('file:///m/master.cf', 'postfix-master', 'x unix - - n - - trivial-rewite\n', defaultSettings);
    assert.equal(findings[0].fix?.kind === 'replace' && findings[0].fix.text, 'trivial-rewrite');
  });

  it('main.cf parameters used only in master.cf are not unknown there', () => {
    const master = parseFile('file:///etc/postfix/master.cf', 'postfix-master', `${SMTPD}\n  -o smtpd_client_restrictions=$mua_client_restrictions\npolite unix - - n - - smtp\n`);
    const main = 'mua_client_restrictions = permit_sasl_authenticated, reject\npolite_destination_concurrency_limit = 2\n';
    const { findings } = analyze('file:///etc/postfix/main.cf', 'postfix-main', main, defaultSettings, [master]);
    assert.deepEqual(findings.map((f) => f.code), []);
  });

  it('Debian\'s stock master.cf raises nothing above information', { skip: !existsSync('/etc/postfix/master.cf') && 'no /etc/postfix/master.cf' }, () => {
    const { findings } = analyze('file:///etc/postfix/master.cf', 'postfix-master', readFileSync('/etc/postfix/master.cf', 'utf8'), defaultSettings);
    assert.deepEqual(findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.message), []);
  });

  it('a careful submission set-up is silent', () => {
    const master = [
      'smtp inet n - y - - smtpd',
      'submission inet n - y - - smtpd',
      '  -o syslog_name=postfix/submission',
      '  -o smtpd_tls_security_level=encrypt',
      '  -o smtpd_sasl_auth_enable=yes',
      '  -o smtpd_tls_auth_only=yes',
      '  -o smtpd_sasl_type=dovecot',
      '  -o smtpd_sasl_path=private/auth',
      '  -o smtpd_sasl_security_options=noanonymous',
      '  -o smtpd_client_restrictions=$mua_client_restrictions',
      '  -o smtpd_sender_restrictions=$mua_sender_restrictions',
      '  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject',
      '  -o milter_macro_daemon_name=ORIGINATING',
    ];
    const main = [...MAIN_CF, 'smtpd_tls_chain_files = /etc/ssl/private/mail.key /etc/ssl/certs/mail.pem', 'smtpd_sender_login_maps = hash:/etc/postfix/sender_login'];
    assert.deepEqual(codes(master, '\n', main), []);
  });
});
