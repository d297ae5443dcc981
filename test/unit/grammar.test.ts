// The TextMate grammars without a TextMate engine (vscode-textmate and vscode-oniguruma are not installed):
// every regex must compile once the few Oniguruma-only constructs are mapped to JS, every `#include` must
// name a repository entry, and a few key rules must match what they are meant to.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const dir = join(__dirname, '..', '..', 'syntaxes');
type Rule = Record<string, unknown>;
const grammars = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.tmLanguage.json'))
    .map((f) => [f.replace('.tmLanguage.json', ''), JSON.parse(readFileSync(join(dir, f), 'utf8')) as Rule]),
);

/** Oniguruma → JS for what our grammars might use; anything else must already be valid JS. */
function toJsRegExp(source: string): RegExp {
  let flags = '';
  let s = source;
  if (s.startsWith('(?i)')) {
    flags = 'i';
    s = s.slice(4);
  }
  s = s
    .replace(/(?<!\\)((?:\\\\)*)\\G/g, '$1') // "where the last match ended": no JS equivalent, drop it
    .replace(/(?<!\\)((?:\\\\)*)\\A/g, '$1^')
    .replace(/(?<!\\)((?:\\\\)*)\\[zZ]/g, '$1$')
    .replace(/(?<!\\)((?:\\\\)*)\\h/g, '$1[0-9A-Fa-f]')
    .replace(/\(\?>/g, '(?:') // atomic group
    .replace(/([*+?}])\+/g, '$1'); // possessive quantifier
  return new RegExp(s, flags);
}

/** Every rule of a grammar with the path that leads to it. */
function rules(grammar: Rule): { path: string; rule: Rule }[] {
  const out: { path: string; rule: Rule }[] = [];
  const visit = (rule: unknown, path: string) => {
    if (!rule || typeof rule !== 'object') return;
    const r = rule as Rule;
    out.push({ path, rule: r });
    for (const key of ['captures', 'beginCaptures', 'endCaptures']) {
      for (const [n, c] of Object.entries((r[key] as Rule) ?? {})) visit(c, `${path}.${key}.${n}`);
    }
    ((r.patterns as unknown[]) ?? []).forEach((p, i) => visit(p, `${path}.patterns[${i}]`));
  };
  ((grammar.patterns as unknown[]) ?? []).forEach((p, i) => visit(p, `patterns[${i}]`));
  for (const [name, r] of Object.entries((grammar.repository as Rule) ?? {})) visit(r, `repository.${name}`);
  return out;
}

const EXAMPLES: Record<string, string> = {
  'postfix-main': 'main.cf',
  'postfix-master': 'master.cf',
  'cyrus-sasl': 'sasl/smtpd.conf',
  saslauthd: 'default/saslauthd',
  'postfix-sasl-passwd': 'sasl_passwd',
  dovecot: 'dovecot/dovecot.conf',
  'postfix-log': 'mail.log',
};
const repo = (lang: string, name: string) => (grammars[lang].repository as Record<string, Rule>)[name];
const regex = (lang: string, name: string, key = 'match') => toJsRegExp(repo(lang, name)[key] as string);

describe('every grammar', () => {
  test('there are seven', () => assert.equal(Object.keys(grammars).length, 7));
  for (const [lang, grammar] of Object.entries(grammars)) {
    test(`${lang}: every match/begin/end regex compiles`, () => {
      for (const { path, rule } of rules(grammar)) {
        for (const key of ['match', 'begin', 'end', 'while']) {
          if (typeof rule[key] === 'string') assert.doesNotThrow(() => toJsRegExp(rule[key] as string), `${path}.${key}: ${rule[key]}`);
        }
      }
    });
    test(`${lang}: no begin rule matches empty text on the example files (an empty begin can loop)`, () => {
      const lines = readFileSync(join(__dirname, '..', '..', 'examples', EXAMPLES[lang]), 'utf8').split(/\r?\n/);
      for (const { path, rule } of rules(grammar)) {
        if (typeof rule.begin !== 'string') continue;
        const re = new RegExp(toJsRegExp(rule.begin).source, 'g');
        for (const line of lines) for (const m of line.matchAll(re)) assert.notEqual(m[0], '', `${path}.begin is empty on: ${line}`);
      }
    });
    test(`${lang}: every include names a repository entry or $self`, () => {
      for (const { path, rule } of rules(grammar)) {
        const inc = rule.include as string | undefined;
        if (inc === undefined || inc === '$self' || inc === '$base') continue;
        assert.ok(inc.startsWith('#') && (grammar.repository as Rule)[inc.slice(1)], `${path}: ${inc}`);
      }
    });
  }
});

describe('key rules', () => {
  test('main.cf: a parameter starts at column 0; a value line ends only at the next column-0 text', () => {
    const begin = regex('postfix-main', 'parameter', 'begin');
    assert.equal(begin.exec('smtpd_sasl_auth_enable = yes')?.[1], 'smtpd_sasl_auth_enable');
    assert.equal(begin.exec('   smtpd_sasl_auth_enable = yes'), null);
    const end = regex('postfix-main', 'parameter', 'end');
    for (const line of ['    reject_unauth_destination', '# a comment inside the value', '']) assert.equal(end.test(line), false, line);
    assert.equal(end.test('myhostname = mail.example.com'), true);
  });

  test('main.cf: # is a comment only as the first non-blank character', () => {
    const comment = regex('postfix-main', 'comment');
    assert.ok(comment.test('# TLS'));
    assert.ok(comment.test('    # indented'));
    assert.equal(comment.test('smtpd_sasl_security_options = noanonymous # keep'), false);
  });

  test('main.cf: restriction words, but not inside a path', () => {
    const rule = (repo('postfix-main', 'values').patterns as Rule[]).find((r) => String(r.name).startsWith('keyword.other.restriction'))!;
    const re = new RegExp(rule.match as string, 'g');
    const words = (text: string) => [...text.matchAll(re)].map((m) => m[0]);
    assert.deepEqual(words('permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'), ['permit_mynetworks', 'permit_sasl_authenticated', 'reject_unauth_destination']);
    assert.deepEqual(words('check_sender_access hash:/etc/postfix/permit_list'), ['check_sender_access']);
  });

  test('master.cf: the eight columns of a service line', () => {
    const m = regex('postfix-master', 'service', 'begin').exec('submission inet n       -       y       -       -       smtpd');
    assert.deepEqual(m?.slice(1), ['submission', 'inet', 'n', '-', 'y', '-', '-', 'smtpd']);
    assert.ok(regex('postfix-master', 'service', 'begin').test('pickup    unix  n       -       y       60      1       pickup'));
  });

  test('sasl_passwd: the password is its own capture, and may hold ":"', () => {
    const m = regex('postfix-sasl-passwd', 'entry').exec('[smtp.example.com]:587 user@example.com:pa:ss#word');
    assert.deepEqual(m?.slice(1), ['[smtp.example.com]:587', 'user@example.com', ':', 'pa:ss#word']);
    assert.ok(String(repo('postfix-sasl-passwd', 'entry').captures && (repo('postfix-sasl-passwd', 'entry').captures as Record<string, Rule>)['4'].name).includes('password'));
  });

  test('smtpd.conf: key, colon, value', () => {
    assert.deepEqual(regex('cyrus-sasl', 'option').exec('mech_list: PLAIN LOGIN')?.slice(1), ['mech_list', ':', 'PLAIN LOGIN']);
  });

  test('mail log: time, host, program and pid of syslog, ISO and Dovecot log_path lines', () => {
    const begin = regex('postfix-log', 'record', 'begin');
    assert.deepEqual(begin.exec('Dec  1 10:00:00 mx postfix/submission/smtpd[42]: warning: x')?.slice(1, 6), ['Dec  1 10:00:00', 'mx', 'postfix/submission/smtpd', '[', '42']);
    assert.deepEqual(begin.exec('2026-12-01T10:00:00.123+00:00 mx saslauthd[7]: auth failure')?.slice(1, 4), ['2026-12-01T10:00:00.123+00:00', 'mx', 'saslauthd']);
    assert.deepEqual(begin.exec('Dec 01 10:00:00 auth: Info: x')?.slice(1, 4), ['Dec 01 10:00:00', undefined, 'auth']);
    assert.ok(regex('postfix-log', 'journal-meta').test('-- Boot 0123456789abcdef --'));
  });

  test('saslauthd: a shell assignment', () => {
    assert.deepEqual(regex('saslauthd', 'assignment', 'begin').exec('MECHANISMS="pam"')?.slice(1), [undefined, 'MECHANISMS', '=']);
  });
});
