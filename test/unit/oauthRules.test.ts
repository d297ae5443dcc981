// sasl-xoauth2 set-ups (server/src/service/crossFile/oauthRules.ts): the careful ones from the plugin's
// README stay silent, each mistake is found on the line to change, at the severity its effect deserves.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkParsed, parseText } from '../../server/src/service/analyze';
import { detectLanguage } from '../../server/src/service/languages';
import { defaultSettings } from '../../server/src/service/settings';
import { bothEols } from '../helpers/cursor';

const CLIENT = 'relayhost = [smtp.gmail.com]:587\nsmtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\nsmtp_tls_security_level = encrypt\n';
const TOKEN = '[smtp.gmail.com]:587 user@example.com:/etc/tokens/user@example.com\n';
/** Ours, and the client rule that must know XOAUTH2 is no plaintext mechanism. */
const OAUTH_CODES = ['oauth-filter-missing', 'oauth-security-excludes-xoauth2', 'oauth-password-not-token-file', 'sasl-client-no-worthy-mechs'];

interface Case {
  name: string;
  main: string;
  passwd: string;
  /** code@file:line severity, for the oauth codes only. */
  expect: string[];
}

const cases: Case[] = [
  { name: 'the README set-up: empty security options, filter xoauth2', main: CLIENT + 'smtp_sasl_security_options =\nsmtp_sasl_mechanism_filter = xoauth2\n', passwd: TOKEN, expect: [] },
  { name: 'the default security options (noplaintext) leave XOAUTH2 alone', main: CLIENT + 'smtp_sasl_mechanism_filter = xoauth2\n', passwd: TOKEN, expect: [] },
  { name: 'the default security options with xoauth2 and login: LOGIN is lost over TLS', main: CLIENT + 'smtp_sasl_mechanism_filter = xoauth2, login\n', passwd: TOKEN, expect: ['sasl-client-no-worthy-mechs@main.cf:2 warning'] },
  { name: 'noanonymous and noplaintext over TLS still allow XOAUTH2', main: CLIENT + 'smtp_sasl_mechanism_filter = xoauth2\nsmtp_sasl_tls_security_options = noanonymous, noplaintext\n', passwd: TOKEN, expect: [] },
  { name: 'xoauth2 and login for two providers: a password entry is fine', main: CLIENT + 'smtp_sasl_security_options = noanonymous\nsmtp_sasl_mechanism_filter = xoauth2, login\n', passwd: TOKEN + '[smtp.example.org]:587 me:secret\n', expect: [] },
  { name: 'a plain password set-up without OAuth', main: CLIENT + 'smtp_sasl_security_options = noanonymous\n', passwd: '[smtp.gmail.com]:587 me:secret\n', expect: [] },
  { name: 'a token path without the filter', main: CLIENT + 'smtp_sasl_security_options = noanonymous\n', passwd: TOKEN + TOKEN.replace('gmail', 'office365'), expect: ['oauth-filter-missing@sasl_passwd:1 warning'] },
  { name: 'mutual_auth in the TLS options with xoauth2 alone', main: CLIENT + 'smtp_sasl_mechanism_filter = xoauth2\nsmtp_sasl_tls_security_options = noanonymous, mutual_auth\n', passwd: TOKEN, expect: ['oauth-security-excludes-xoauth2@main.cf:6 error'] },
  { name: 'nodictionary in the TLS options with a second mechanism left', main: CLIENT + 'smtp_sasl_mechanism_filter = xoauth2, login\nsmtp_sasl_tls_security_options = nodictionary\n', passwd: TOKEN, expect: ['oauth-security-excludes-xoauth2@main.cf:6 warning'] },
  { name: 'noactive in the plain options with no TLS level', main: CLIENT.replace('smtp_tls_security_level = encrypt\n', '') + 'smtp_sasl_security_options = noactive\nsmtp_sasl_mechanism_filter = xoauth2\n', passwd: TOKEN, expect: ['oauth-security-excludes-xoauth2@main.cf:4 error'] },
  { name: 'an old password left with xoauth2 alone', main: CLIENT + 'smtp_sasl_mechanism_filter = XOAUTH2\n', passwd: TOKEN + '[smtp.office365.com]:587 me:secret\n', expect: ['oauth-password-not-token-file@sasl_passwd:2 error'] },
  { name: 'AUTH off: nothing is judged', main: CLIENT.replace('= yes', '= no') + 'smtp_sasl_mechanism_filter = xoauth2\nsmtp_sasl_tls_security_options = mutual_auth\n', passwd: '[smtp.gmail.com]:587 me:secret\n', expect: [] },
];

function oauthFindings(c: Case, eol: 'LF' | 'CRLF'): string[] {
  const files = [['postfix/main.cf', c.main], ['postfix/sasl_passwd', c.passwd]].map(([path, text]) => {
    const converted = bothEols(text).find((v) => v.eol === eol)!.text;
    return { name: path.slice(path.indexOf('/') + 1), parsed: parseText(`file:///etc/${path}`, detectLanguage(`/etc/${path}`)!, converted, defaultSettings) };
  });
  const context = files.map((f) => f.parsed.file);
  return files.flatMap(({ name, parsed }) =>
    checkParsed(parsed, defaultSettings, context)
      .filter((f) => OAUTH_CODES.includes(f.code))
      .map((f) => `${f.code}@${name}:${parsed.file.lines.positionAt(f.span.start).line + 1} ${f.severity}`),
  );
}

describe('sasl-xoauth2 set-ups', () => {
  for (const c of cases) {
    for (const eol of ['LF', 'CRLF'] as const) {
      test(`${c.name} (${eol})`, () => assert.deepEqual(oauthFindings(c, eol).sort(), c.expect));
    }
  }
});
