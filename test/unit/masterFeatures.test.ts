// master.cf completion, hover, outline and folding through the registered features: `|` marks the
// cursor; each case runs with \n and \r\n.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompletionItemKind, type CompletionItem, type MarkupContent } from 'vscode-languageserver-types';
import { resolveCompletion } from '../../server/src/service/completionDocs';
import { type ParsedFile } from '../../server/src/service/documents';
import { completionItems } from '../../server/src/service/features';
import { snippetFiles } from '../../server/src/service/snippets';
import { applyCompletion, bothEols, expandSnippet, withCursor } from '../helpers/cursor';
import { fileTypes, parseFile } from '../../server/src/service/fileTypes';

const features = () => fileTypes['postfix-master'].features;
const MAIN = parseFile('file:///etc/postfix/main.cf', 'postfix-main', 'smtpd_restriction_classes = strict_senders\nstrict_senders = reject_unknown_sender_domain\nmua_client_restrictions = permit_sasl_authenticated, reject\n');

function master(text: string): ParsedFile {
  return parseFile('file:///etc/postfix/master.cf', 'postfix-master', text);
}

function complete(text: string, offset: number): CompletionItem[] {
  const file = master(text);
  return completionItems(features().complete!(file, offset, [file, MAIN]));
}

function hoverText(text: string, offset: number): string {
  const file = master(text);
  const hover = features().hover!(file, offset, [file, MAIN]);
  return hover ? (hover.contents as MarkupContent).value : '';
}

const SUB = 'submission inet n - y - - smtpd\n';

/** [name, input with |, label to pick, text after applying it] */
const applyCases: Array<[string, string, string, string]> = [
  ['service type', 'smtp in|', 'inet', 'smtp inet'],
  ['service type after a blank', 'postlog |', 'unix-dgram', 'postlog unix-dgram'],
  ['private column', 'smtp inet |', 'n', 'smtp inet n'],
  ['chroot column', 'smtp inet n - |', 'y', 'smtp inet n - y'],
  ['wakeup column', 'flush unix n - n |', '1000?', 'flush unix n - n 1000?'],
  ['maxproc column', 'qmgr unix n - n 300 |', '1', 'qmgr unix n - n 300 1'],
  ['command', 'smtp inet n - y - - smt|', 'smtpd', 'smtp inet n - y - - smtpd'],
  ['command replaces the word', 'rewrite unix - - y - - triv|ial', 'trivial-rewrite', 'rewrite unix - - y - - trivial-rewrite'],
  ['service name on a new line', 'smtp inet n - y - - smtpd\nsubm|', 'submission', 'smtp inet n - y - - smtpd\nsubmission'],
  ['-o on a continuation line', SUB + '  |', '-o', SUB + '  -o '],
  ['service name on a blank line inside an entry', SUB + '  -o syslog_name=x\n|\n  -o smtpd_sasl_auth_enable=yes', 'relay', SUB + '  -o syslog_name=x\nrelay\n  -o smtpd_sasl_auth_enable=yes'],
  ['parameter name after -o', SUB + '  -o smtpd_sasl_auth|', 'smtpd_sasl_auth_enable', SUB + '  -o smtpd_sasl_auth_enable='],
  ['parameter name keeps its value', SUB + '  -o smtpd_sasl_auth_enabel|=yes', 'smtpd_sasl_auth_enable', SUB + '  -o smtpd_sasl_auth_enable=yes'],
  ['own main.cf parameter after -o', SUB + '  -o mua_cl|', 'mua_client_restrictions', SUB + '  -o mua_client_restrictions='],
  ['boolean value', SUB + '  -o smtpd_tls_auth_only=|', 'yes', SUB + '  -o smtpd_tls_auth_only=yes'],
  ['enum value', SUB + '  -o smtpd_tls_security_level=en|', 'encrypt', SUB + '  -o smtpd_tls_security_level=encrypt'],
  ['restriction after a comma', SUB + '  -o smtpd_client_restrictions=permit_sasl_authenticated,|', 'reject', SUB + '  -o smtpd_client_restrictions=permit_sasl_authenticated,reject'],
  ['restriction inside a list', SUB + '  -o smtpd_client_restrictions=perm|,reject', 'permit_mynetworks', SUB + '  -o smtpd_client_restrictions=permit_mynetworks,reject'],
  ['restriction class from main.cf', SUB + '  -o smtpd_sender_restrictions=str|', 'strict_senders', SUB + '  -o smtpd_sender_restrictions=strict_senders'],
  ['SASL security option', SUB + '  -o smtpd_sasl_security_options=noanonymous,|', 'noplaintext', SUB + '  -o smtpd_sasl_security_options=noanonymous,noplaintext'],
  ['map type', SUB + '  -o smtpd_sender_login_maps=|', 'hash:', SUB + '  -o smtpd_sender_login_maps=hash:'],
  ['snippet where a line starts', 'smtp inet n - y - - smtpd\npf-submissions|', 'pf-submissions', 'smtp inet n - y - - smtpd\n' + expandSnippet(snippetFiles['postfix-master']!['Submissions service (port 465, implicit TLS) with SASL'].body.join('\n'))],
];

/** [name, input with |, label that must not be offered] — completion stays quiet where nothing fits. */
const quietCases: Array<[string, string]> = [
  ['inside a comment', '# smtp in|'],
  ['free text value', SUB + '  -o syslog_name=postfix/|'],
  ['a snippet prefix in a value', SUB + '  -o syslog_name=pf-sub|'],
];

describe('master.cf completion', () => {
  for (const [name, input, pick, expected] of applyCases) {
    for (const { eol, text } of bothEols(input)) {
      it(`${name} (${eol})`, () => {
        const { text: doc, offset } = withCursor(text);
        const item = complete(doc, offset).find((i) => i.label === pick);
        assert.ok(item, `"${pick}" not offered`);
        assert.equal(applyCompletion(doc, offset, item), withCursor(bothEols(expected + '|').find((e) => e.eol === eol)!.text).text);
      });
    }
  }
  it('-o names: SASL and TLS first, lean, cut short with isIncomplete, documentation on resolve', () => {
    const { text, offset } = withCursor(SUB + '  -o |');
    const file = master(text);
    const answer = features().complete!(file, offset, [file, MAIN]);
    assert.ok(!Array.isArray(answer) && answer.isIncomplete);
    const params = answer.items.filter((i) => i.kind === CompletionItemKind.Property);
    assert.equal(params[0].label, 'smtpd_sasl_auth_enable');
    assert.ok(params.every((i) => i.documentation === undefined && i.data === 'param'));
    assert.ok(JSON.stringify(answer).length <= 40_000);
    assert.match((resolveCompletion(params[0]).documentation as MarkupContent).value, /\*\*smtpd_sasl_auth_enable\*\*/);
  });
  for (const [name, input] of quietCases) {
    for (const { eol, text } of bothEols(input)) {
      it(`${name} offers nothing (${eol})`, () => {
        const { text: doc, offset } = withCursor(text);
        assert.deepEqual(complete(doc, offset), []);
      });
    }
  }
});

/** [name, input with |, text the hover must contain] */
const hoverCases: Array<[string, string, string]> = [
  ['service name on loopback', '127.0.0.1:subm|ission inet n - n - - smtpd\n', 'loopback only'],
  ['type', 'smtpd p|ass - - n - - smtpd\n', 'postscreen hands good clients'],
  ['private dash', 'smtp unix |- - n - - smtp\n', 'means: y (private)'],
  ['chroot dash without compatibility_level', 'smtp inet n - |- - - smtpd\n', 'means: `y, at compatibility level 0`'],
  ['chroot y', 'smtp inet n - |y - - smtpd\n', 'Chrooted in the queue directory'],
  ['wakeup', 'pickup unix n - n 6|0 1 pickup\n', 'wakes the service up'],
  ['maxproc dash', 'smtp inet n - n - |- smtpd\n', 'default_process_limit'],
  ['command', 'smtp inet n - n - 1 post|screen\n', 'Screens connections'],
  ['command by path', 'smtp inet n - n - - /usr/lib/postfix/sbin/sm|tpd\n', 'The SMTP server'],
  ['-o', SUB + '  -|o syslog_name=x\n', 'overrides a main.cf parameter'],
  ['-o name', SUB + '  -o smtpd_sasl_auth_e|nable=yes\n', 'smtpd_sasl_auth_enable'],
  ['-o name from main.cf', SUB + '  -o mua_client_re|strictions=reject\n', 'set in main.cf on line 3'],
  ['restriction in an -o value', SUB + '  -o smtpd_client_restrictions=permit_sasl_authenticated,rej|ect\n', 'Stop and reject'],
  ['braced override name', SUB + '  -o { smtpd_tls_auth_o|nly = yes }\n', 'smtpd_tls_auth_only'],
];

describe('master.cf hover', () => {
  for (const [name, input, expected] of hoverCases) {
    for (const { eol, text } of bothEols(input)) {
      it(`${name} (${eol})`, () => {
        const { text: doc, offset } = withCursor(text);
        const value = hoverText(doc, offset);
        assert.ok(value.includes(expected), `hover ${JSON.stringify(value.slice(0, 300))} lacks ${JSON.stringify(expected)}`);
      });
    }
  }

  it('chroot dash follows main.cf\'s compatibility_level', () => {
    const main = parseFile('file:///etc/postfix/main.cf', 'postfix-main', 'compatibility_level = 3.6\n');
    const { text, offset } = withCursor('smtp inet n - |- - - smtpd\n');
    const file = master(text);
    const hover = features().hover!(file, offset, [file, main]);
    assert.match((hover?.contents as MarkupContent).value, /means: `n, at compatibility level 3\.6`/);
  });

  it('nothing in a comment or between services', () => {
    assert.equal(hoverText('# smtp inet\n\nsmtp inet n - n - - smtpd\n', 3), '');
    assert.equal(hoverText('# smtp inet\n\nsmtp inet n - n - - smtpd\n', 12), '');
  });
});

describe('master.cf outline and folding', () => {
  for (const { eol, text } of bothEols('# head\nsmtp inet n - y - - smtpd\nsubmission inet n - y - - smtpd\n  -o syslog_name=postfix/submission\n  -o smtpd_sasl_auth_enable=yes\npickup unix n - y 60 1 pickup\n')) {
    it(`one symbol per service, overrides as children (${eol})`, () => {
      const symbols = features().symbols!(master(text));
      assert.deepEqual(symbols.map((s) => [s.name, s.detail, s.children?.map((c) => c.name)]), [
        ['smtp', 'inet · smtpd', []],
        ['submission', 'inet · smtpd', ['syslog_name', 'smtpd_sasl_auth_enable']],
        ['pickup', 'unix · pickup', []],
      ]);
      assert.deepEqual(symbols[1].range, { start: { line: 2, character: 0 }, end: { line: 4, character: 31 } });
    });

    it(`folds services with continuation lines (${eol})`, () => {
      assert.deepEqual(features().folding!(master(text)), [{ startLine: 2, endLine: 4 }]);
    });
  }
});

describe('master.cf on a long line of template pieces', () => {
  // Found by the long fuzz run: removing each of thousands of template spans from the line by
  // string slicing made the parse quadratic, so every request on the file waited for it.
  it('parses and answers every feature at the start, middle and end quickly', () => {
    const text = '${\ufffd {{ var }}'.repeat(7143);
    let start = performance.now();
    const file = master(text);
    const parseMs = performance.now() - start;
    assert.ok(parseMs < 150, `parsing took ${Math.round(parseMs)} ms`);
    const f = features();
    for (const offset of [0, text.length >> 1, text.length]) {
      const requests = {
        hover: () => f.hover?.(file, offset, [file]),
        completion: () => f.complete?.(file, offset, [file]),
        definition: () => f.definition?.(file, offset),
        references: () => f.references?.(file, offset, true),
        rename: () => f.rename?.(file, offset, 'x'),
      };
      for (const [name, request] of Object.entries(requests)) {
        start = performance.now();
        request();
        const ms = performance.now() - start;
        assert.ok(ms < 50, `${name} at ${offset} took ${Math.round(ms)} ms`);
      }
    }
  });
});
