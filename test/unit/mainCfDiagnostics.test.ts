import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/service/analyze';
import { defaultSettings, type Settings } from '../../server/src/service/settings';

/** `code@line` for every finding (1-based lines), sorted. */
function codes(lines: string[], eol: string, settings: Settings = defaultSettings): string[] {
  const { file, findings } = analyze('file:///etc/postfix/main.cf', 'postfix-main', lines.join(eol) + eol, settings);
  return findings.map((f) => `${f.code}@${file.lines.positionAt(f.span.start).line + 1}`).sort();
}

const cases: Array<[string, string[], string[]]> = [
  ['misspelled name', ['smtpd_sasl_auth_enabel = yes'], ['unknown-parameter@1']],
  ['bad boolean', ['smtpd_sasl_auth_enable = maybe'], ['invalid-boolean@1']],
  ['boolean is case-insensitive', ['biff = YES', 'disable_vrfy_command = No'], []],
  ['undefined reference', ['myorigin = $mydomian'], ['undefined-reference@1']],
  ['inline comment', ['smtpd_tls_security_level = may # opportunistic'], ['inline-comment@1']],
  ['size with suffix', ['message_size_limit = 10M'], ['invalid-size@1']],
  ['time with unit', ['maximal_queue_lifetime = 5d', 'smtpd_timeout = 300'], []],
  ['bad time', ['maximal_queue_lifetime = 5 days'], ['invalid-time@1']],
  ['bad enum', ['smtpd_tls_security_level = required'], ['invalid-enum@1']],
  ['bad security option', ['smtpd_sasl_security_options = noanonymous, noplain'], ['unknown-option-word@1']],
  ['duplicate: the earlier line is dead', ['relayhost = a', 'relayhost = b'], ['duplicate-parameter@1']],
  ['deprecated name', ['smtpd_use_tls = yes'], ['deprecated-parameter@1']],
  ['read-only name', ['process_name = x'], ['read-only-parameter@1']],
  ['user-defined and referenced', ['my_clients = 10.0.0.0/8', 'mynetworks = $my_clients'], []],
  ['restriction class', ['smtpd_restriction_classes = strict', 'strict = reject_unknown_sender_domain', 'smtpd_recipient_restrictions = check_recipient_access hash:/etc/postfix/x, reject_unauth_destination'], []],
  ['unknown restriction', ['smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destinaton'], ['relay-restrictions-unsafe@1', 'unknown-restriction@1']],
  ['missing table after check_*_access', ['smtpd_client_restrictions = check_client_access'], ['restriction-missing-argument@1']],
  ['unknown map type', ['alias_maps = hsh:/etc/aliases'], ['unknown-map-type@1']],
  // smtpd's start-up check stops at the permit, so the reject_unauth_destination after it does not count: smtpd dies.
  ['permit before the relay check', ['smtpd_relay_restrictions = permit, reject_unauth_destination'], ['relay-restrictions-unsafe@1']],
  ['a permit hidden in a restriction class', ['smtpd_restriction_classes = everyone', 'everyone = permit', 'smtpd_relay_restrictions = everyone, reject_unauth_destination'], ['open-relay@2']],
  ['permit after the relay check is normal', ['smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination, permit'], []],
  ['service parameter without master.cf', ['smtp_destination_recipient_limit = 1'], ['service-parameter-unchecked@1']],
  ['template syntax is opaque', ['relayhost = {{ relay_host }}', 'smtpd_sasl_auth_enable = {{ sasl_on }}'], ['template-file@1']],
  ['Jinja on both sides of a map type', ['alias_maps = {{ db_type }}:{{ aliases_file }}', 'virtual_alias_maps = hash:{{- virtual_file }}'], ['template-file@1']],
  ["Postfix's own {{ }} is not Jinja", ['smtpd_forbidden_commands = CONNECT GET POST regexp:{{/^[^A-Z]/ Bogus}}'], []],
  ['ignore comment', ['# postfix-sasl: ignore unknown-parameter', 'my_thing = 1'], []],
  ['compatibility comparison', ['a_b = ${{$compatibility_level} <level {3.10} ? {old} : {new}}', 'smtpd_banner = $a_b'], []],
];

describe('main.cf diagnostics', () => {
  for (const [name, lines, expected] of cases) {
    for (const eol of ['\n', '\r\n']) {
      it(`${name} (${JSON.stringify(eol)})`, () => assert.deepEqual(codes(lines, eol), [...expected].sort()));
    }
  }

  it('severity settings change or silence a rule', () => {
    const settings = { ...defaultSettings, severity: { 'unknown-parameter': 'off' as const, 'invalid-boolean': 'hint' as const } };
    const { findings } = analyze('file:///x/main.cf', 'postfix-main', 'smtpd_sasl_auth_enabel = yes\nsmtpd_sasl_auth_enable = maybe\n', settings);
    assert.deepEqual(findings.map((f) => [f.code, f.severity]), [['invalid-boolean', 'hint']]);
  });

  it('a binary file gets one clear finding', () => {
    const { findings } = analyze('file:///x/main.cf', 'postfix-main', 'abc\u0000\u0001\u0002', defaultSettings);
    assert.deepEqual(findings.map((f) => f.code), ['binary-file']);
  });

  it('past the size limit only the head is checked, and it says so', () => {
    const text = 'relayhost = a\n'.repeat(10) + 'smtpd_sasl_auth_enable = maybe\n';
    const { findings } = analyze('file:///x/main.cf', 'postfix-main', text, { ...defaultSettings, maxFileSize: 50 });
    assert.ok(findings.some((f) => f.code === 'file-too-large'));
    assert.ok(!findings.some((f) => f.code === 'invalid-boolean'));
  });
});
