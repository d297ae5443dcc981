// master.cf parser: columns, continuations, overrides in both forms, spans, and the real-world corpus.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { columnOf, parseMasterCf, type MasterService } from '../../server/src/service/master/parseMasterCf';
import { isMasterCfFile, masterFacts, parseMasterCfFile } from '../../server/src/service/master/masterCfFile';
import { corpusDir } from '../helpers/corpus';
import { bothEols } from '../helpers/cursor';

const CORPUS = corpusDir ?? '/nonexistent-corpus';

function parse(text: string) {
  return parseMasterCf(text);
}

function only(text: string): MasterService {
  const doc = parse(text);
  assert.equal(doc.services.length, 1, `expected one service in ${JSON.stringify(text)}`);
  return doc.services[0];
}

describe('master.cf parser', () => {
  for (const { eol, text } of bothEols(
    [
      '# comment',
      'submission inet n - y - - smtpd',
      '  -o syslog_name=postfix/submission',
      '# a comment inside the entry does not end it',
      '',
      '  -o { smtpd_client_restrictions = permit_sasl_authenticated, reject }',
      '  -o smtpd_helo_restrictions=',
      'pickup unix n - - 60 1 pickup',
    ].join('\n') + '\n',
  )) {
    it(`reads columns, continuations and both override forms (${eol})`, () => {
      const doc = parse(text);
      assert.equal(doc.services.length, 2);
      const [submission, pickup] = doc.services;
      assert.equal(submission.name, 'submission');
      assert.equal(submission.type, 'inet');
      assert.equal(submission.command?.text, 'smtpd');
      assert.equal(submission.firstLine, 1);
      assert.equal(submission.lastLine, 6);
      assert.deepEqual(
        submission.overrides.map((o) => [o.name, o.value.text, o.braced]),
        [
          ['syslog_name', 'postfix/submission', false],
          ['smtpd_client_restrictions', 'permit_sasl_authenticated, reject', true],
          ['smtpd_helo_restrictions', '', false],
        ],
      );
      for (const o of submission.overrides) {
        assert.equal(text.slice(o.nameSpan.start, o.nameSpan.end), o.name);
        assert.equal(text.slice(o.value.span.start, o.value.span.end), o.value.text);
      }
      assert.deepEqual(submission.overrides[1].value.items.map((i) => text.slice(i.span.start, i.span.end)), ['permit_sasl_authenticated', 'reject']);
      assert.equal(submission.effectiveChroot, true);
      assert.equal(submission.isSmtpd, true);
      assert.equal(pickup.effectiveChroot, false, '"-" means n since Postfix 3.0');
      assert.equal(columnOf(pickup, 'wakeup')?.text, '60');
      assert.deepEqual(doc.comments.map((c) => c.line), [0, 3]);
      assert.deepEqual(doc.problems, []);
    });
  }

  const hosts: Array<[string, string | undefined, string, boolean]> = [
    ['127.0.0.1:2525', '127.0.0.1', '2525', true],
    ['[::1]:587', '::1', '587', true],
    ['localhost:submission', 'localhost', 'submission', true],
    ['192.0.2.1:smtp', '192.0.2.1', 'smtp', false],
    ['submission', undefined, 'submission', false],
    ['smtps', undefined, 'smtps', false],
  ];
  for (const [name, host, bare, loopback] of hosts) {
    it(`splits the inet service name ${name}`, () => {
      const service = only(`${name} inet n - n - - smtpd\n`);
      assert.equal(service.host, host);
      assert.equal(service.bareName, bare);
      assert.equal(service.listensOnLoopbackOnly, loopback);
    });
  }

  it('keeps a unix service name whole even with a colon', () => {
    assert.equal(only('relay:x unix - - n - - smtp\n').bareName, 'relay:x');
  });

  it('reads a value with "=" inside and glued -oname=value', () => {
    const service = only('x unix - - n - - smtp -o smtp_tls_policy_maps=inline:{a=b} -osyslog_name=x\n');
    assert.deepEqual(service.overrides.map((o) => [o.name, o.value.text]), [['smtp_tls_policy_maps', 'inline:{a=b}'], ['syslog_name', 'x']]);
  });

  it('a brace group may go over continuation lines', () => {
    const text = 'x inet n - n - - smtpd -o { smtpd_client_restrictions =\n    permit_mynetworks,\n    reject }\n';
    const service = only(text);
    assert.equal(service.overrides[0].value.text, 'permit_mynetworks, reject');
    assert.deepEqual(service.overrides[0].value.items.map((i) => text.slice(i.span.start, i.span.end)), ['permit_mynetworks', 'reject']);
  });

  const problems: Array<[string, string, string[]]> = [
    ['-o without "="', 'x inet n - n - - smtpd -o syslog_name\n', ['master-option-syntax']],
    ['-o at the end', 'x inet n - n - - smtpd -o\n', ['master-option-syntax']],
    ['unbalanced brace', 'x inet n - n - - smtpd -o { syslog_name = x\n', ['master-unbalanced-brace']],
    ['orphan continuation', '  -o syslog_name=x\n', ['orphan-continuation']],
  ];
  for (const [name, text, kinds] of problems) {
    it(`records a problem: ${name}`, () => assert.deepEqual(parse(text).problems.map((p) => p.kind).sort(), [...kinds].sort()));
  }

  it('never throws on odd input', () => {
    for (const text of ['', '\n\n', '{', '}', '-o', ' \t', 'a', 'a b c d e f g h -o {', '\ufeffsmtp inet n - n - - smtpd\r', '#\r\n  x', '%{x}  -o a=b']) {
      const doc = parse(text);
      for (const s of doc.services) for (const t of s.tokens) assert.ok(t.span.start >= 0 && t.span.end <= text.length);
    }
  });

  it('skips template lines and prefixes', () => {
    const doc = parse('{# note #}\n%{on}smtp inet n - - - 1 postscreen\n%{off}smtp inet n - - - - smtpd\n%{on}  -o a=b\n{{- "\\n" }}\n');
    assert.deepEqual(doc.services.map((s) => [s.name, s.conditional]), [['smtp', true], ['smtp', true]]);
    assert.deepEqual(doc.services[1].overrides.map((o) => o.name), ['a']);
    assert.deepEqual(doc.templateLines, [0, 1, 2, 3, 4]);
  });

  it('is a postfix-master ParsedFile with facts for the instance', () => {
    const file = parseMasterCfFile('file:///etc/postfix/master.cf', '127.0.0.1:submission inet n - n - - smtpd\n  -o smtpd_client_restrictions=$mua_client_restrictions\nrelay unix - - n - - smtp\n');
    assert.ok(isMasterCfFile(file));
    assert.deepEqual(masterFacts(file), { services: ['submission', 'relay'], references: ['mua_client_restrictions'] });
  });
});

function corpusFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return corpusFiles(path);
    return /^master\.cf/.test(name) ? [path] : [];
  });
}

describe('master.cf parser on the corpus', { skip: !existsSync(CORPUS) && 'no corpus' }, () => {
  const files = corpusFiles(CORPUS);
  it('finds the corpus files', () => assert.ok(files.length >= 10, `only ${files.length} master.cf files`));
  for (const path of files) {
    it(path.slice(CORPUS.length + 1), () => {
      const text = readFileSync(path, 'utf8');
      const doc = parse(text);
      assert.ok(doc.services.length >= 5);
      // Fragments (iRedMail's additions) hold only their own services; full files hold the stock ones.
      for (const s of doc.services) {
        for (const span of [s.span, s.nameSpan, ...s.tokens.map((t) => t.span), ...s.overrides.flatMap((o) => [o.span, o.nameSpan, o.value.span])]) {
          assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `span ${span.start}-${span.end} in ${s.name}`);
        }
        for (const t of s.tokens) assert.equal(text.slice(t.span.start, t.span.end).replace(/\s+/g, ' '), t.text.replace(/\s+/g, ' '));
      }
      const names = new Set(doc.services.map((s) => s.name));
      if (doc.services.length >= 20) for (const stock of ['cleanup', 'qmgr', 'bounce']) assert.ok(names.has(stock), `${stock} missing`);
    });
  }

  it('docker-mailserver: submission with its overrides', () => {
    const doc = parse(readFileSync(join(CORPUS, 'docker-mailserver-docker-mailserver/master.cf'), 'utf8'));
    const submission = doc.services.find((s) => s.name === 'submission');
    assert.ok(submission);
    assert.equal(submission.overrides.length, 12);
    assert.ok(submission.overrides.some((o) => o.name === 'smtpd_sender_restrictions' && o.value.references.some((r) => r.name === 'mua_sender_restrictions')));
    assert.equal(doc.services.find((s) => s.name === 'smtp' && s.type === 'inet')?.command?.text, 'postscreen');
  });
});
