// The Dovecot parser: spans, sections, includes, continuations and comments; a line Dovecot refuses
// becomes a problem and parsing goes on. Every case runs with \n and with \r\n.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseDovecot, sectionPath } from '../../server/src/service/dovecot/parse';

const eols = ['\n', '\r\n'];
const parse = (text: string, eol: string) => {
  const t = text.replace(/\n/g, eol);
  return { doc: parseDovecot(t), text: t };
};

describe('Dovecot parser', () => {
  for (const eol of eols) {
    const tag = eol === '\n' ? 'LF' : 'CRLF';

    test(`${tag}: settings keep the spans of key and value`, () => {
      const { doc, text } = parse('auth_mechanisms = plain login  # PLAIN and LOGIN\n', eol);
      const [s] = doc.settings;
      assert.equal(s.key, 'auth_mechanisms');
      assert.equal(text.slice(s.keySpan.start, s.keySpan.end), 'auth_mechanisms');
      assert.equal(s.value, 'plain login');
      assert.equal(text.slice(s.valueSpan.start, s.valueSpan.end), 'plain login');
      assert.equal(doc.comments.length, 1);
      assert.deepEqual(doc.problems, []);
    });

    test(`${tag}: nested sections with names, and the settings inside`, () => {
      const { doc } = parse('service auth {\n  unix_listener /var/spool/postfix/private/auth {\n    mode = 0660\n  }\n}\n', eol);
      assert.deepEqual(doc.sections.map((s) => [s.type, s.name, s.line, s.endLine]), [['service', 'auth', 0, 4], ['unix_listener', '/var/spool/postfix/private/auth', 1, 3]]);
      const mode = doc.settings[0];
      assert.deepEqual(sectionPath(mode).map((s) => s.type), ['service', 'unix_listener']);
      assert.deepEqual(doc.problems, []);
    });

    test(`${tag}: includes, file values, quoted values, $references`, () => {
      const { doc, text } = parse('!include conf.d/*.conf\n!include_try "local.conf"\nssl_cert = </etc/ssl/mail.pem\nauth_realms = "example.org other.org"\nmail_plugins = $mail_plugins quota\n', eol);
      assert.deepEqual(doc.includes.map((i) => [i.optional, i.path]), [[false, 'conf.d/*.conf'], [true, 'local.conf']]);
      const [cert, realms, plugins] = doc.settings;
      assert.equal(cert.fromFile, true);
      assert.equal(cert.value, '/etc/ssl/mail.pem');
      assert.equal(text.slice(cert.valueSpan.start, cert.valueSpan.end), '/etc/ssl/mail.pem');
      assert.equal(realms.value, 'example.org other.org');
      assert.deepEqual(plugins.references.map((r) => [r.name, text.slice(r.span.start, r.span.end)]), [['mail_plugins', '$mail_plugins']]);
    });

    test(`${tag}: a trailing backslash continues the value`, () => {
      const { doc } = parse('auth_mechanisms = plain \\\n  login\nauth_verbose = yes\n', eol);
      assert.deepEqual(doc.settings.map((s) => [s.key, s.value, s.line, s.lastLine]), [['auth_mechanisms', 'plain login', 0, 1], ['auth_verbose', 'yes', 2, 2]]);
    });

    test(`${tag}: a key continued onto the next line: the value's span lies where its text is (a fuzz counterexample)`, () => {
      const { doc, text } = parse('smtpd_sasl_auth_enable\\\n = yes\n', eol);
      const s = doc.settings[0];
      assert.deepEqual([s.key, s.value, text.slice(s.valueSpan.start, s.valueSpan.end)], ['smtpd_sasl_auth_enable', 'yes', 'yes']);
      const empty = parse('key\\\n = \n', eol).doc.settings[0];
      assert.deepEqual([empty.value, empty.valueSpan.end - empty.valueSpan.start], ['', 0]);
    });

    test(`${tag}: "#" inside quotes is not a comment`, () => {
      const { doc } = parse('auth_username_chars = "a#b"\n', eol);
      assert.equal(doc.settings[0].value, 'a#b');
      assert.equal(doc.comments.length, 0);
    });

    test(`${tag}: a quoted value loses each backslash and keeps the character after it, as Dovecot's str_unescape does`, () => {
      const cases: Array<[string, string]> = [['"pam"\\MECHANISMS="pam"', 'pam"MECHANISMS="pam'], ['"a\\\\b\\"c\\nd"', 'a\\b"cnd'], ["'a\\\\b'", 'a\\b'], ['"a\\"', 'a'], ['a\\b', 'a\\b']];
      for (const [written, value] of cases) assert.equal(parse(`login_greeting = ${written}\n`, eol).doc.settings[0].value, value, written);
    });

    test(`${tag}: lines Dovecot refuses become problems on their line, and parsing goes on`, () => {
      const { doc } = parse('auth_mechanisms plain\nservice auth { mode = 1 }\n}\n= x\nauth_verbose = yes\npassdb {\n  driver = pam\n', eol);
      assert.deepEqual(doc.problems.map((p) => doc.lines.positionAt(p.span.start).line), [0, 1, 2, 3, 5]);
      assert.ok(doc.settings.some((s) => s.key === 'auth_verbose'));
      assert.ok(doc.settings.some((s) => s.key === 'driver' && s.parent.type === 'passdb'));
    });
  }

  test('never throws, on every prefix of the fixtures and of Debian\'s stock configuration', () => {
    const dir = 'test/fixtures/dovecot';
    const files = [...readdirSync(join(dir, 'syntax')).map((f) => join(dir, 'syntax', f)), join(dir, 'pair/dovecot/conf.d/10-master.conf')];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (let i = 0; i <= text.length; i++) assert.doesNotThrow(() => parseDovecot(text.slice(0, i)), `${f} at ${i}`);
    }
    for (const junk of ['{', '}', '"', '\\', '=', '!include', 'a {\n}}\n', '\ufeffx = y', 'a = "unterminated\n']) assert.doesNotThrow(() => parseDovecot(junk));
  });
});
