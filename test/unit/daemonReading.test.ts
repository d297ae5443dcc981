// Values read the way the daemons read them (each row was a false or misjudged finding before):
// braces nest inside a word, check_*_access takes the next word as its table whatever it is, and
// a table without "type:" is an error. The real daemons agree in test/oracle/postfixFatal.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/service/analyze';
import type { LanguageId } from '../../server/src/service/languages';
import { defaultSettings } from '../../server/src/service/settings';
import { bothEols } from '../helpers/cursor';

interface Row {
  name: string;
  path: string;
  language: LanguageId;
  lines: string[];
  /** `code:severity@line` (1-based), sorted. */
  expected: string[];
}

const main = (name: string, lines: string[], expected: string[]): Row => ({ name, path: 'postfix/main.cf', language: 'postfix-main', lines, expected });

const master = (name: string, lines: string[], expected: string[]): Row => ({ name, path: 'postfix/master.cf', language: 'postfix-master', lines, expected });

const rows: Row[] = [
  master('-o words in a pipe command belong to the command', ['filter unix - n n - 10 pipe flags=Rq user=filter argv=/usr/local/bin/filter -o out -f ${sender} -- ${recipient}'], []),
  master('-o words in a pipe command that look like overrides', ['filter unix - n n - 10 pipe flags=Rq user=filter argv=/usr/local/bin/filter -o smtpd_tls_security_level=mya ${recipient}'], []),
  master('-o before the first word is still an override', ['filter unix - n n - 10 pipe -o smtpd_tls_security_level=mya flags=Rq user=filter argv=/usr/local/bin/filter'], ['invalid-enum:error@1']),
  main('$NAME in mailbox_command is local(8)\'s, not a parameter', ['mailbox_command = /usr/bin/procmail -a "$EXTENSION" -d "$USER" ${RECIPIENT:-x}'], []),
  main('$NAME in luser_relay and forward_path', ['luser_relay = $user+lost@example.com', 'forward_path = $home/.forward${recipient_delimiter}$extension, $home/.forward'], []),
  main('$name elsewhere is still checked', ['smtpd_banner = $myhostnam ESMTP'], ['undefined-reference:warning@1']),
  main('restriction names in capitals (smtpd compares them without case)', ['smtpd_relay_restrictions = PERMIT_MYNETWORKS, Reject_Unauth_Destination'], []),
  main('older spellings smtpd still accepts', ['smtpd_client_restrictions = reject_rbl zen.example.org', 'smtpd_sender_restrictions = reject_unknown_address'], []),
  main('nested braces in inline:', ['smtpd_recipient_restrictions = check_recipient_access inline:{ { b@example.net = REJECT no such user } }, reject_unauth_destination'], []),
  main('inline: without nesting', ['smtpd_recipient_restrictions = check_recipient_access inline:{ b@example.net=REJECT }, reject_unauth_destination'], []),
  main('a table without type: after check_*_access', ['smtpd_recipient_restrictions = check_recipient_access /etc/postfix/access, reject_unauth_destination'], ['unknown-map-type:error@1']),
  main('check_*_access followed by a restriction', ['smtpd_recipient_restrictions = check_recipient_access, reject_unauth_destination'], ['restriction-missing-argument:error@1']),
  main('a map list without type:', ['smtpd_sender_login_maps = /etc/postfix/senders', 'smtpd_sender_restrictions = reject_sender_login_mismatch'], ['unknown-map-type:error@1']),
];

describe('values read as the daemons read them', () => {
  for (const row of rows) {
    it(row.name, () => {
      for (const { text } of bothEols(row.lines.join('\n') + '\n')) {
        const { file, findings } = analyze(`file:///etc/${row.path}`, row.language, text, defaultSettings);
        const got = findings.map((f) => `${f.code}:${f.severity}@${file.lines.positionAt(f.span.start).line + 1}`).sort();
        assert.deepEqual(got, row.expected);
      }
    });
  }
});
