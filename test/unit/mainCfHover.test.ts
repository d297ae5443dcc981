// main.cf hover through the registered feature: `|` marks the cursor; each case runs with \n and \r\n.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-types';
import { lookupParameter } from '../../server/src/service/data/catalogue';
import { compatibilityDefaults } from '../../server/src/service/data/compatibilityDefaults';
import { compareLevels } from '../../server/src/service/mainCf/expand';
import { LineIndex } from '../../server/src/service/text';
import { bothEols, withCursor } from '../helpers/cursor';
import { fileTypes, parseFile } from '../../server/src/service/fileTypes';

function hover(text: string, offset: number): Hover | null {
  const file = parseFile('file:///etc/postfix/main.cf', 'postfix-main', text);
  return fileTypes['postfix-main'].features.hover!(file, offset, [file]);
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
    name: 'client security options: TLS alone does not cure "no worthy mechs"',
    input: 'smtp_sasl_security_o|ptions = noanonymous',
    contains: ['`smtp_sasl_tls_security_options`, whose default is this value', 'set to `noanonymous`'],
    excludes: ['the fix is TLS'],
  },
  {
    name: 'client password maps: a bare server name matches too',
    input: 'smtp_sasl_password_m|aps = hash:/etc/postfix/sasl_passwd',
    contains: ['a bare `mail.example.com` matches'],
    excludes: ['must match `relayhost` exactly'],
  },
  {
    name: 'server security options hold over TLS too unless the TLS options differ',
    input: 'smtpd_sasl_security_o|ptions = noanonymous',
    contains: ['They hold for TLS sessions too', 'pair it with `smtpd_sasl_tls_security_options = noanonymous`'],
  },
  {
    name: 'parameter name: docs, type, default, security, related, effective value',
    input: 'smtpd_sasl_a|uth_enable = yes',
    contains: ['**smtpd_sasl_auth_enable** · yes/no', 'Default: `no`', '**Security:**', 'Related:\n- [smtpd_sasl_type](https://www.postfix.org/postconf.5.html#smtpd_sasl_type)', 'Effective value: `yes` (set on line 1)'],
    range: 'smtpd_sasl_auth_enable',
  },
  {
    name: 'related names set in the file link to their line, the others to the Postfix docs',
    input: 'smtpd_sasl_auth_e|nable = yes\nsmtpd_sasl_type = dovecot\nsmtpd_sasl_type = cyrus',
    contains: ['- [smtpd_sasl_type](file:///etc/postfix/main.cf#L3)', '- [smtpd_sasl_path](https://www.postfix.org/postconf.5.html#smtpd_sasl_path)'],
  },
  {
    name: 'level-dependent default without compatibility_level: level 0',
    input: 'x = $mynetworks_st|yle',
    contains: ["Default at compatibility level 0 (Postfix's own, as `compatibility_level` is not set): `subnet`", 'Default from level 2 on: `host`', 'Effective value: `subnet` (from the default)'],
    excludes: ['<level', '${{'],
  },
  {
    name: 'level-dependent default at the file\'s level',
    input: 'compatibility_level = 2\nx = $mynetworks_st|yle',
    contains: ['Default at compatibility level 2 (set on line 1): `host`', 'Default below level 2: `subnet`', 'Effective value: `host` (from the default)'],
  },
  {
    name: 'relay restrictions appear at level 1',
    input: 'compatibility_level = 3.6\nsmtpd_relay_restric|tions',
    contains: ['Default at compatibility level 3.6 (set on line 1): `permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination`', 'Default below level 1: empty'],
  },
  {
    name: 'relay_domains below level 2 expands $mydestination',
    input: 'mydestination = example.com\nx = $relay_dom|ains',
    contains: ['`$mydestination`', 'Effective value: `example.com` (from the default)'],
  },
  {
    name: 'the 3.11 client TLS default',
    input: 'compatibility_level = 3.11\nx = $smtp_tls_security_le|vel',
    contains: ['Default at compatibility level 3.11 (set on line 1): `may` (Postfix 3.11 and later)', 'Effective value: `may` (from the default)'],
  },
  {
    name: 'a level that compares as a version: 3.10 is above 3.6',
    input: 'compatibility_level = 3.10\nx = $respectful_logg|ing',
    contains: ['Effective value: `yes` (from the default)'],
  },
  {
    name: 'compatibility_level lists the old defaults still in effect',
    input: 'compatibility_le|vel = 2',
    contains: ['Old defaults in effect at level 2, where not set:', '- `smtpd_tls_fingerprint_digest`: `md5` (`sha256` from level 3.6)', '- `smtp_tls_security_level`: empty (`may` from level 3.11)'],
    excludes: ['`mynetworks_style`:', 'chroot column'],
  },
  {
    name: 'compatibility_level 0 names the master.cf chroot default too',
    input: 'x = $compatibility_le|vel',
    contains: ["- `-` in master.cf's chroot column: `y` (`n` from level 1)", '- `append_dot_mydomain`: `yes` (`no` from level 1)'],
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

describe('compatibility-level defaults: the table and the catalogue agree', () => {
  test('every entry names a parameter; where the catalogue prints a level conditional, it has the same level and values', () => {
    let compared = 0;
    for (const d of compatibilityDefaults.filter((e) => e.name !== 'chroot')) {
      const info = lookupParameter(d.name);
      assert.ok(info, d.name);
      const m = /^\$\{\{\$compatibility_level\} <level \{([\d.]+)\} \? \{(.*?)\} : \{(.*)\}\}$/.exec(info.default);
      if (!m) continue;
      assert.deepEqual([m[1], m[2], m[3]], [d.level, d.before, d.from], d.name);
      compared++;
    }
    assert.ok(compared >= 10, `${compared} compared`);
  });
});

// The installed postconf is the oracle: for every level it knows, the value hover shows for a
// level-dependent default is the one `postconf -c DIR -hx` prints for that main.cf.
describe('compatibility-level defaults in hover agree with postconf', () => {
  const version = spawnSync('postconf', ['-d', '-h', 'mail_version'], { encoding: 'utf8' });
  const installed = version.status === 0 ? version.stdout.trim() : undefined;
  const skip = installed ? false : 'postconf is not installed (Debian: apt-get install postfix)';
  // The parameters and levels this Postfix has (a 3.7 knows neither level 3.11 nor its defaults).
  const known = compatibilityDefaults.filter((d) => d.name !== 'chroot' && installed && compareLevels(d.postfix, installed) <= 0);
  const levels = [undefined, '0', ...new Set(known.map((d) => d.level)), '3.7'];
  // mydestination is fixed so that relay_domains' old default does not depend on this host's name.
  const mainFor = (level: string | undefined) => `${level === undefined ? '' : `compatibility_level = ${level}\n`}mydestination = example.com, localhost\n`;
  const root = mkdtempSync(join(tmpdir(), 'postfix-sasl-level-'));
  // postconf takes a second or two of waiting per run here, so the runs go in parallel.
  const printed = new Map<string | undefined, Promise<string[]>>();
  before(() => {
    if (skip) return;
    levels.forEach((level, i) => {
      const dir = join(root, String(i));
      mkdirSync(dir);
      writeFileSync(join(dir, 'main.cf'), mainFor(level));
      writeFileSync(join(dir, 'master.cf'), '');
      printed.set(level, promisify(execFile)('postconf', ['-c', dir, '-hx', ...known.map((d) => d.name)], { encoding: 'utf8', timeout: 30_000 }).then((out) => out.stdout.split('\n').slice(0, known.length)));
    });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const level of levels) {
    test(`compatibility_level ${level ?? 'not set'} (postconf ${installed ?? 'absent'})`, { skip }, async () => {
      const expected = await printed.get(level)!;
      const got = known.map((d) => {
        const text = `${mainFor(level)}probe = $${d.name}`;
        const h = hover(text, text.length - 2);
        assert.ok(h, d.name);
        const shown = /Effective value: (empty|`([^`]*)`)/.exec(contentOf(h));
        assert.ok(shown, `${d.name}: no effective value in ${contentOf(h)}`);
        return `${d.name} = ${shown[2] ?? ''}`;
      });
      assert.deepEqual(got, expected.map((v, i) => `${known[i].name} = ${v.replace(/\s+/g, ' ').trim()}`));
    });
  }
});
