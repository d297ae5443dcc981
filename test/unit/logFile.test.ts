// The postfix-log service with plain strings: which documents are logs, per-line recognition (with
// rsyslog's folded repeats), the cap on diagnostics, hovers, and the escaping of log text in markdown.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { logFile } from '../../server/src/service/fileTypes';
import { instanceFromFiles } from '../../server/src/service/instance/locate';
import { MAX_LOG_DIAGNOSTICS } from '../../server/src/service/logFile/diagnostics';
import { logText } from '../../server/src/service/logFile/markdown';
import { parseFile } from '../../server/src/service/fileTypes';
import { LineIndex } from '../../server/src/service/text';

const CONNECT = 'Dec  1 10:00:01 mx postfix/smtpd[1]: warning: SASL: Connect to private/auth failed: No such file or directory';
const OTHER = 'Dec  1 10:00:00 mx postfix/smtpd[1]: connect from a[1.2.3.4]';
const hoverValue = (h: ReturnType<typeof logFile.hover>) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
const diagnose = (text: string, instance = logFile.locations(undefined)) => {
  const index = new LineIndex(text);
  return logFile.diagnostics(index, logFile.analyze(index), instance);
};

describe('which documents are logs', () => {
  const cases: Array<[string, string, string, boolean]> = [
    ['our id, any name', 'file:///tmp/x.txt', 'postfix-log', true],
    ['mail.log as plain text', 'file:///var/log/mail.log', 'plaintext', true],
    ['a config language keeps its file', 'file:///var/log/mail.log', 'postfix-main', false],
    ['a text file starting with a Postfix line', 'file:///tmp/saved.txt', 'plaintext', true],
    ['journalctl output with its header', 'file:///tmp/j.txt', 'log', true],
    ['a text file of notes', 'file:///tmp/notes.txt', 'plaintext', false],
  ];
  const texts: Record<string, string> = { 'journalctl output with its header': '-- Journal begins at Tue 2026-12-01 09:00:00 UTC, ends at Tue 2026-12-01 10:00:00 UTC. --\n' + CONNECT, 'a text file of notes': `notes\n${CONNECT}` };
  for (const [what, uri, languageId, expected] of cases) {
    test(what, () => assert.equal(logFile.isDocument({ uri, languageId, text: texts[what] ?? `${CONNECT}\n` }, new URL(uri).pathname), expected));
  }
});

describe('diagnostics', () => {
  for (const eol of ['\n', '\r\n']) {
    test(`one per recognised line, on that line, none on others (${JSON.stringify(eol)})`, () => {
      const ds = diagnose([OTHER, CONNECT, '', 'garbage', `Dec  1 10:00:02 mx postfix/smtpd[1]: message repeated 4 times: [ warning: SASL: Connect to private/auth failed: No such file or directory]`].join(eol));
      assert.deepEqual(ds.map((d) => [d.range.start.line, d.range.end.line, d.code, d.severity]), [[1, 1, 'sasl-dovecot-connect', 1], [4, 4, 'sasl-dovecot-connect', 1]]);
      assert.equal(ds[0].range.end.character, CONNECT.length);
      assert.match(String(ds[1].message), /\(4 times\)$/);
    });
  }

  test(`capped at ${MAX_LOG_DIAGNOSTICS}, with a note counting the rest`, () => {
    const ds = diagnose(Array(MAX_LOG_DIAGNOSTICS + 25).fill(CONNECT).join('\n'));
    assert.equal(ds.length, MAX_LOG_DIAGNOSTICS + 1);
    assert.match(String(ds[MAX_LOG_DIAGNOSTICS].message), /^25 more recognised lines are not marked/);
  });

  test('a log with nothing we know has none', () => assert.deepEqual(diagnose(`${OTHER}\n${OTHER}\n`), []));

  test('related information names the line of the instance that sets the parameter', () => {
    const main = parseFile('file:///etc/postfix/main.cf', 'postfix-main', 'smtpd_sasl_type = dovecot\nsmtpd_sasl_path = private/auth\n');
    const ds = diagnose(CONNECT, logFile.locations(instanceFromFiles([main])));
    assert.deepEqual(ds[0].relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.message]), [['file:///etc/postfix/main.cf', 1, 'smtpd_sasl_path']]);
  });

  test('a login refused without TLS is marked only on the service whose setting requires TLS', () => {
    const main = parseFile('file:///etc/postfix/main.cf', 'postfix-main', 'smtpd_sasl_auth_enable = yes\n');
    const master = parseFile('file:///etc/postfix/master.cf', 'postfix-master', 'smtp inet n - y - - smtpd\nsubmission inet n - y - - smtpd -o syslog_name=postfix/submission -o smtpd_tls_auth_only=yes\n');
    const log = ['postfix/smtpd[1]', 'postfix/submission/smtpd[2]'].map((s) => `Dec  1 10:00:00 mx ${s}: disconnect from a[1.2.3.4] ehlo=1 auth=0/1 quit=1 commands=2/3`).join('\n');
    const ds = diagnose(log, logFile.locations(instanceFromFiles([main, master])));
    assert.deepEqual(ds.map((d) => [d.range.start.line, d.code, d.relatedInformation?.map((r) => `${r.location.uri}:${r.location.range.start.line}`)]), [[1, 'smtpd-auth-refused-before-tls', ['file:///etc/postfix/master.cf:1']]]);
    assert.equal(diagnose(log).length, 2, 'without an instance both are marked');
  });
});

describe('hover', () => {
  const index = new LineIndex(`${OTHER}\n${CONNECT}\n`);
  test('a recognised line: code, explanation, and what to do without an instance', () => {
    const value = hoverValue(logFile.hover(index, { line: 1, character: 3 }, logFile.locations(undefined)));
    assert.match(value, /^\*\*error\*\* `sasl-dovecot-connect`, logged by postfix\\\/smtpd/);
    assert.match(value, /No Postfix configuration is known for this log/);
  });
  for (const line of [0, 2, 7, -1]) test(`no hover on line ${line}`, () => assert.equal(logFile.hover(index, { line, character: 0 }, logFile.locations(undefined)), null));
});

describe('log text in markdown', () => {
  const cases: Array<[string, string]> = [
    ['<img src=x onerror=alert(1)>', String.raw`\<img src\=x onerror\=alert\(1\)\>`],
    ['[click](http://evil.example)', String.raw`\[click\]\(http\:\/\/evil\.example\)`],
    ['# heading', String.raw`\# heading`],
    ['a\u001b[2Jb\nc', String.raw`a\?\[2Jb\?c`],
    ['&amp; `code` *x* _y_ |t|', String.raw`\&amp\; \`code\` \*x\* \_y\_ \|t\|`],
  ];
  for (const [input, expected] of cases) test(JSON.stringify(input), () => assert.equal(logText(input), expected));

  test('the explain report escapes the client name and hides a user name that may be a password', async () => {
    const md = await logFile.explain('Dec  1 10:00:03 mx postfix/smtpd[3]: warning: b<i>x</i>[2.2.2.2]: SASL PLAIN authentication failed: authentication failure, sasl_username=bob:Hunter-2-Secret\n', undefined);
    assert.ok(!md.includes('<i>') && !md.includes('Hunter-2-Secret'), md);
    assert.match(md, /## warning `sasl-login-failed`: 1 time/);
    assert.match(md, /## Failed logins: 1/);
  });
});

describe('a log that grew is read from where it grew', () => {
  const lines = [OTHER, CONNECT, OTHER, `${CONNECT.replace('10:00:01', '10:00:05')}`, OTHER];
  const strip = (a: ReturnType<typeof logFile.analyze>) => ({ total: a.total, lines: a.lines.map((l) => [l.line, l.message.code, l.record.time]) });
  // Every cut, including one inside a line (the old last line was still being written).
  for (let cut = 0; cut <= lines.join('\n').length; cut += 37) {
    test(`cut at ${cut}: the same lines as reading it all`, () => {
      const whole = `${lines.join('\n')}\n`;
      const before = new LineIndex(whole.slice(0, cut));
      const earlier = logFile.analyze(before);
      const after = new LineIndex(whole);
      const stable = before.lineStarts[before.lineCount - 1];
      const reused = logFile.analyze(after, { previous: earlier, unchanged: before.lineCount - 1 });
      assert.ok(whole.startsWith(whole.slice(0, stable)));
      assert.deepEqual(strip(reused), strip(logFile.analyze(after)));
    });
  }
});
