// Which file type a document is when its client calls it something else: the alias table, the name
// fallback, the content sniffer (firing and silent cases) and the once-per-document log line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { corpusDir, corpusSkip } from '../helpers/corpus';
import { languageAliases } from '../../server/src/service/languageAliases';
import { detectLanguage, languageIds } from '../../server/src/service/languages';
import { DocumentLanguages, resolveLanguage } from '../../server/src/service/resolveLanguage';
import { sniffLanguage } from '../../server/src/service/sniffLanguage';

test('every alias names one of our ids, and none shadows one of ours', () => {
  for (const [alias, id] of Object.entries(languageAliases)) {
    assert.ok(languageIds.includes(id), `${alias} -> ${id}`);
    assert.ok(!(languageIds as readonly string[]).includes(alias) || alias === id, alias);
  }
});

const resolutions: Array<[languageId: string, uri: string, text: string, expected: string | undefined, by?: string]> = [
  ['postfix-master', 'file:///etc/postfix/main.cf', '', 'postfix-master', 'id'],
  ['pfmain', 'file:///tmp/x/main.cf', '', 'postfix-main', 'alias'],
  ['pfmain', 'untitled:Untitled-1', '', 'postfix-main', 'alias'],
  ['master', 'file:///tmp/a.txt', '', 'postfix-master', 'alias'],
  // Neovim's "conf" and "" and Emacs's modes: the file name decides.
  ['conf', 'file:///etc/postfix/master.cf', '# services\n', 'postfix-master', 'file name'],
  ['', 'file:///etc/postfix/sasl_passwd', '', 'postfix-sasl-passwd', 'file name'],
  ['conf-unix', 'file:///etc/dovecot/conf.d/10-auth.conf', '', 'dovecot', 'file name'],
  ['fundamental', 'file:///etc/default/saslauthd', '', 'saslauthd', 'file name'],
  ['conf', 'file:///etc/postfix/sasl/smtpd.conf', '', 'cyrus-sasl', 'file name'],
  ['conf', 'file:///home/me/my%20postfix/main.cf', '', 'postfix-main', 'file name'],
  // A name that says nothing: the content decides.
  ['plaintext', 'untitled:Untitled-2', 'smtpd_sasl_auth_enable = yes\nmyhostname = mx.example.org\n', 'postfix-main', 'content'],
  ['text', 'file:///tmp/notes', 'unrelated words\n', undefined],
  ['python', 'file:///tmp/script.py', 'import os\nprint(os.name)\n', undefined],
];

test('resolveLanguage: id, alias, file name, content, in that order', () => {
  for (const [languageId, uri, text, expected, by] of resolutions) {
    const r = resolveLanguage({ uri, languageId, text });
    assert.equal(r.languageId, expected, `${languageId} ${uri}`);
    if (r.languageId !== undefined) assert.equal(r.by, by, `${languageId} ${uri}`);
  }
});

const MAIN = '# comment\nsmtpd_sasl_auth_enable = yes\nsmtpd_sasl_type = dovecot\n    continued value\nmydestination = $myhostname\n';
const MASTER = 'smtp      inet  n       -       y       -       -       smtpd\n  -o smtpd_sasl_auth_enable=yes\nsubmission inet n       -       y       -       -       smtpd\npickup    unix  n       -       y       60      1       pickup\n';
const CYRUS = 'pwcheck_method: saslauthd\nmech_list: PLAIN LOGIN\n';
const SASLAUTHD = 'START=yes\nDESC="SASL Authentication Daemon"\nMECHANISMS="pam"\nOPTIONS="-c -m /var/spool/postfix/var/run/saslauthd"\n';
const DOVECOT = 'auth_mechanisms = plain login\nservice auth {\n  unix_listener /var/spool/postfix/private/auth {\n    mode = 0660\n  }\n}\n';
const PASSWD = '[smtp.example.com]:587 alice:s3cret\n@example.org bob:hunter2\n';

test('sniffLanguage fires on each of our formats, with LF and CRLF', () => {
  const cases: Array<[string, string]> = [[MAIN, 'postfix-main'], [MASTER, 'postfix-master'], [CYRUS, 'cyrus-sasl'], [SASLAUTHD, 'saslauthd'], [DOVECOT, 'dovecot'], [PASSWD, 'postfix-sasl-passwd']];
  for (const [text, expected] of cases) {
    assert.equal(sniffLanguage(text), expected, text);
    assert.equal(sniffLanguage(text.replace(/\n/g, '\r\n')), expected, `CRLF: ${text}`);
  }
});

test('sniffLanguage stays silent on other formats and on unclear text', () => {
  const silent = [
    '',
    '# only a comment\n\n',
    'Some prose about smtpd_sasl_auth_enable = yes in a README,\nwith more sentences around it.\nAnd another line.\nAnd one more.\n',
    '[server]\nport = 8080\nhost = 0.0.0.0\n', // an INI file with unknown keys
    'OPTIONS="-x"\nSTART=yes\n', // a generic /etc/default file
    'key: value\nother: thing\n', // YAML-ish, no Cyrus option
    'log_level: debug\nsql_host: db\nname: app\n', // YAML whose keys Cyrus also has
    'port = 8080\nuser = app\n', // keys that Dovecot uses only inside sections
    'server {\n  listen 80;\n}\n', // nginx: a section, but not Dovecot's
    'alice bob\ncarol dave\n', // two words per line, no user:password
    'import os\nx = 1\n',
  ];
  for (const text of silent) assert.equal(sniffLanguage(text), undefined, text);
});

// Lines built to make a backtracking pattern take forever (a long run of blanks before a "{" or a ":").
// A stuck pattern would block this thread, so they run in a worker that is stopped after 10 s.
test('sniffLanguage reads hostile lines without backtracking', async () => {
  const blanks = ' '.repeat(15_000);
  const cases: Array<[string, string | undefined]> = [
    [`a${blanks}x`, undefined],
    [`service${blanks}x {`, 'dovecot'],
    [`service x${blanks}{`, 'dovecot'],
    [`server x${blanks}`, undefined],
    [`a${blanks}b:c`, undefined],
    [`a ${':'.repeat(15_000)}`, undefined],
    [`smtp${'\t'.repeat(15_000)}inet`, undefined],
  ];
  const source = `const { parentPort, workerData } = require('node:worker_threads');
    const { sniffLanguage } = require('tsx/cjs/api').require(${JSON.stringify(join(__dirname, '..', '..', 'server', 'src', 'service', 'sniffLanguage.ts'))}, __filename);
    parentPort.postMessage(workerData.map((line) => sniffLanguage(line + '\\n') ?? null));`;
  const worker = new Worker(source, { eval: true, workerData: cases.map(([line]) => line) });
  const timer = setTimeout(() => void worker.terminate(), 10_000);
  try {
    const got = await new Promise<unknown>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error('the sniffer took more than 10 s')));
    });
    assert.deepEqual(got, cases.map(([, expected]) => expected ?? null));
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
});

const filesUnder = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));

/** On real files of a known type the sniffer agrees with the file name or says nothing; never another type. */
function sniffAgainstNames(root: string): { agree: number; silent: number } {
  let agree = 0;
  let silent = 0;
  for (const file of filesUnder(root)) {
    const byName = detectLanguage(file);
    if (!byName) continue;
    const sniffed = sniffLanguage(readFileSync(file, 'utf8'));
    assert.ok(sniffed === undefined || sniffed === byName, `${file}: named ${byName}, sniffed ${sniffed}`);
    if (sniffed) agree++;
    else silent++;
  }
  return { agree, silent };
}

test('sniffLanguage recognises every file of examples/', () => {
  const { agree, silent } = sniffAgainstNames(join(__dirname, '..', '..', 'examples'));
  assert.deepEqual({ agree, silent }, { agree: 6, silent: 0 });
});

test('sniffLanguage never contradicts the file name on the shared corpus', { skip: corpusSkip }, () => {
  const { agree, silent } = sniffAgainstNames(corpusDir!);
  assert.ok(agree >= 3 * silent, `agree ${agree}, silent ${silent}`);
});

test('a content guess is kept while the document is open; an ignored document is reported once, without its text', () => {
  const lines: string[] = [];
  const languages = new DocumentLanguages((line) => lines.push(line));
  const uri = 'untitled:Untitled-3';
  assert.equal(languages.of({ uri, languageId: 'plaintext', text: MAIN }), 'postfix-main');
  assert.equal(languages.of({ uri, languageId: 'plaintext', text: 'now it is prose\n' }), 'postfix-main');
  assert.equal(lines.length, 0);

  const secret = 'file:///tmp/notes.txt';
  const text = 'my password is hunter2\n';
  assert.equal(languages.of({ uri: secret, languageId: 'text', text }), undefined);
  assert.equal(languages.of({ uri: secret, languageId: 'text', text }), undefined);
  assert.equal(lines.length, 1);
  assert.match(lines[0], /ignoring file:\/\/\/tmp\/notes\.txt: language id "text" is not one of ours/);
  assert.ok(!lines[0].includes('hunter2'), lines[0]);

  languages.forget(secret);
  languages.of({ uri: secret, languageId: 'text', text });
  assert.equal(lines.length, 2, 'reopened: judged and reported afresh');
  languages.forget(uri);
  assert.equal(languages.of({ uri, languageId: 'plaintext', text: 'now it is prose\n' }), undefined);
});
