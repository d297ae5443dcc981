// main.cf hover through the registered feature: `|` marks the cursor; each case runs with \n and \r\n.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-types';
import { parseFile } from '../../server/src/service/documents';
import { featuresFor } from '../../server/src/service/features';
import '../../server/src/service/mainCf/register';
import { LineIndex } from '../../server/src/service/text';
import { bothEols, withCursor } from '../helpers/cursor';

function hover(text: string, offset: number): Hover | null {
  const file = parseFile('file:///etc/postfix/main.cf', 'postfix-main', text);
  return featuresFor('postfix-main').hover!(file, offset, [file]);
}

function contentOf(h: Hover): string {
  const c = h.contents;
  return typeof c === 'object' && 'kind' in c ? c.value : JSON.stringify(c);
}

interface HoverCase {
  name: string;
  input: string;
  /** Substrings of the markdown; null for no hover. */
  contains: string[] | null;
  excludes?: string[];
  /** The document text the hover's range covers. */
  range?: string;
}

const cases: HoverCase[] = [
  {
    name: 'parameter name: docs, type, default, security, related, effective value',
    input: 'smtpd_sasl_a|uth_enable = yes',
    contains: ['**smtpd_sasl_auth_enable** · yes/no', 'Default: `no`', '**Security:**', 'Related:\n- `smtpd_sasl_type`', 'Effective value: `yes` (set on line 1)'],
    range: 'smtpd_sasl_auth_enable',
  },
  { name: 'effective value with references expanded', input: 'mydomain = example.com\nmyori|gin = $mydomain', contains: ['**myorigin**', 'Effective value: `example.com` (set on line 2)'], range: 'myorigin' },
  { name: 'effective value of a default', input: 'myhostname = mail.example.com\nsmtpd_banner = $myor|igin ESMTP', contains: ['**myorigin**', 'Default: `$myhostname`', 'Effective value: `mail.example.com` (from the default)'], range: '$myorigin' },
  { name: 'default note for computed defaults', input: 'myhostn|ame = mail.example.com', contains: ['fully-qualified name of this host'], range: 'myhostname' },
  { name: 'since and enumeration values', input: 'smtpd_sasl_t|ype = dovecot', contains: ['Values: `cyrus`, `dovecot`', 'Since Postfix 2.3'] },
  { name: 'deprecated name with its replacement', input: 'smtpd_use_t|ls = yes', contains: ['Deprecated', '`smtpd_tls_security_level`'] },
  { name: 'name being typed without "="', input: 'relayho|st', contains: ['**relayhost**'], range: 'relayhost' },
  { name: 'master.cf service parameter', input: 'dovecot_destination_recipi|ent_limit = 1', contains: ['**dovecot_destination_recipient_limit**', 'master.cf service `dovecot`', 'Effective value: `1` (set on line 1)'], range: 'dovecot_destination_recipient_limit' },
  { name: 'plain reference', input: 'mydomain = example.com\nmyorigin = $myd|omain', contains: ['**mydomain**', 'Effective value: `example.com` (set on line 1)'], range: '$mydomain' },
  { name: 'reference with the cursor on the $', input: 'mydomain = example.com\nmyorigin = |$mydomain', contains: ['**mydomain**'], range: '$mydomain' },
  { name: 'braced reference', input: 'mydomain = example.com\nmyorigin = ${myd|omain}', contains: ['example.com'], range: '${mydomain}' },
  { name: 'conditional reference ${name?{x}}', input: 'smtpd_tls_security_level = ${myd|omain?{may}:{none}}', contains: ['**mydomain**'], range: '${mydomain' },
  { name: 'reference nested in ${name?{x}}', input: 'myorigin = ${mydomain?{$myho|stname}}', contains: ['**myhostname**'], range: '$myhostname' },
  { name: 'reference on a continuation line', input: 'mynetworks = 127.0.0.0/8\n    $my_n|ets\nmy_nets = 192.0.2.0/24', contains: ['user-defined', 'line 2', 'Effective value: `192.0.2.0/24` (set on line 3)'], range: '$my_nets' },
  { name: 'undefined reference', input: 'relayhost = $nosuch|_relay', contains: ['`$nosuch_relay` is not defined'], range: '$nosuch_relay' },
  { name: 'user-defined parameter name', input: 'my_re|lay = [smtp.example.com]:587\nrelayhost = $my_relay\nsmtp_fallback_relay = ${my_relay}', contains: ['**my_relay** · user-defined parameter', 'lines 2, 3', 'Effective value: `[smtp.example.com]:587` (set on line 1)'], range: 'my_relay' },
  { name: 'user-defined parameter nobody uses', input: 'my_unu|sed = 1', contains: ['nothing in this file refers to it'] },
  { name: 'restriction on a continuation line', input: 'smtpd_relay_restrictions = permit_mynetworks,\n    permit_sasl_auth|enticated, reject_unauth_destination', contains: ['**permit_sasl_authenticated** · restriction', 'SMTP AUTH'], range: 'permit_sasl_authenticated' },
  { name: 'deprecated restriction', input: 'smtpd_client_restrictions = reject_unknown_cli|ent', contains: ['Deprecated', '`reject_unknown_client_hostname`'] },
  { name: 'restriction class in a list', input: 'smtpd_restriction_classes = trusted\ntrusted = permit_mynetworks\nsmtpd_recipient_restrictions = trus|ted, reject', contains: ['restriction class', 'line 2', '`permit_mynetworks`'], range: 'trusted' },
  { name: 'restriction class name', input: 'smtpd_restriction_classes = trusted\ntru|sted = permit_mynetworks', contains: ['user-defined', 'smtpd_restriction_classes'], range: 'trusted' },
  { name: 'SASL option word', input: 'smtpd_sasl_security_options = noanonymous, noplain|text', contains: ['**noplaintext** · SASL security option'], range: 'noplaintext' },
  { name: 'word of a non-SASL option list', input: 'inet_protocols = ipv4, ip|v6', contains: ['`ipv6` · one of the words **inet_protocols** accepts'], range: 'ipv6' },
  { name: 'map type in a map list', input: 'smtpd_sender_login_maps = ha|sh:/etc/postfix/login', contains: ['**hash:** · lookup table type'], range: 'hash' },
  { name: 'map type after check_*_access', input: 'smtpd_recipient_restrictions = check_sasl_access lm|db:/etc/postfix/sasl_access', contains: ['**lmdb:**', 'postfix-lmdb'], range: 'lmdb' },
  { name: 'inner map type of proxy:', input: 'virtual_alias_maps = proxy:my|sql:/etc/postfix/virtual.cf', contains: ['**mysql:**'], range: 'mysql' },
  { name: 'enumeration value', input: 'smtpd_tls_security_level = ma|y', contains: ['`may` · one of the values of **smtpd_tls_security_level**'], range: 'may' },
  { name: 'yes/no value', input: 'smtpd_tls_auth_only = Y|ES', contains: ['turns **smtpd_tls_auth_only** on'], range: 'YES' },
  { name: 'default yes/no value', input: 'smtpd_sasl_auth_enable = n|o', contains: ['off (the default)'], range: 'no' },
  { name: 'no hover on the table name', input: 'smtpd_sender_login_maps = hash:/etc/postfix/lo|gin', contains: null },
  { name: 'no hover on plain text', input: 'myhostname = mail.exa|mple.com', contains: null },
  { name: 'no hover on a comment', input: '# smtpd_sasl_a|uth_enable = yes', contains: null },
  { name: 'no hover on the "="', input: 'myhostname |= x', contains: null },
  { name: 'no hover on a blank line', input: 'a = b\n|\nc = d', contains: null },
  { name: 'no hover in an empty document', input: '|', contains: null },
];

describe('main.cf hover', () => {
  for (const c of cases) {
    for (const { eol, text: marked } of bothEols(c.input)) {
      test(`${c.name} (${eol})`, () => {
        const { text, offset } = withCursor(marked);
        const result = hover(text, offset);
        if (c.contains === null) {
          assert.equal(result, null);
          return;
        }
        assert.ok(result, 'expected a hover');
        const markdown = contentOf(result);
        for (const part of c.contains) assert.ok(markdown.includes(part), `missing ${JSON.stringify(part)} in:\n${markdown}`);
        for (const part of c.excludes ?? []) assert.ok(!markdown.includes(part), `unexpected ${JSON.stringify(part)}`);
        if (c.range !== undefined) {
          assert.ok(result.range);
          const lines = new LineIndex(text);
          assert.equal(text.slice(lines.offsetAt(result.range.start), lines.offsetAt(result.range.end)), c.range);
        }
      });
    }
  }

  test('a position past the end of the document', () => {
    for (const { text } of bothEols('mydomain = example.com\n')) assert.equal(hover(text, text.length + 20), null);
    const text = 'smtpd_tls_auth_only = yes';
    assert.match(contentOf(hover(text, text.length + 20)!), /turns \*\*smtpd_tls_auth_only\*\* on/);
  });

  test('a reference loop does not hang and says so', () => {
    const result = hover('a_x = $b_x\nb_x = $a_x\nmyorigin = $a_x', 0);
    assert.ok(result);
    assert.match(contentOf(result), /could not be expanded/);
  });
});
