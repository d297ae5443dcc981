// main.cf completion through the registered feature: `|` marks the cursor; each case runs with \n and \r\n.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CompletionItemKind, CompletionItemTag, type CompletionItem } from 'vscode-languageserver-types';
import { resolveCompletion } from '../../server/src/service/completionDocs';
import { completionItems } from '../../server/src/service/features';
import { MAX_NAME_ITEMS } from '../../server/src/service/mainCf/rankedNames';
import { applyCompletion, bothEols, withCursor } from '../helpers/cursor';
import { fileTypes, parseFile } from '../../server/src/service/fileTypes';

function complete(text: string, offset: number): CompletionItem[] {
  const file = parseFile('file:///etc/postfix/main.cf', 'postfix-main', text);
  return completionItems(fileTypes['postfix-main'].features.complete!(file, offset, [file]));
}

interface ApplyCase {
  name: string;
  input: string;
  pick: string;
  expected: string;
}

const applyCases: ApplyCase[] = [
  { name: 'name in an empty document', input: '|', pick: 'smtpd_sasl_auth_enable', expected: 'smtpd_sasl_auth_enable = ' },
  { name: 'name being typed', input: 'myhostname = mail.example.com\nsmtpd_sasl_au|', pick: 'smtpd_sasl_auth_enable', expected: 'myhostname = mail.example.com\nsmtpd_sasl_auth_enable = ' },
  { name: 'name with the cursor inside the word', input: 'smtpd_sa|sl', pick: 'smtpd_sasl_type', expected: 'smtpd_sasl_type = ' },
  { name: 'name on a blank line between settings', input: 'a = b\n|\nmydomain = example.com', pick: 'relayhost', expected: 'a = b\nrelayhost = \nmydomain = example.com' },
  { name: 'name of an existing assignment keeps its value', input: 'smtpd_sasl_auth_enabel| = yes', pick: 'smtpd_sasl_auth_enable', expected: 'smtpd_sasl_auth_enable = yes' },
  { name: 'name after a byte order mark', input: '\ufeffsmtpd_sasl_pa|', pick: 'smtpd_sasl_path', expected: '\ufeffsmtpd_sasl_path = ' },
  { name: 'boolean after "= "', input: 'smtpd_sasl_auth_enable = |', pick: 'yes', expected: 'smtpd_sasl_auth_enable = yes' },
  { name: 'boolean right after "="', input: 'smtpd_sasl_auth_enable =|', pick: 'yes', expected: 'smtpd_sasl_auth_enable =yes' },
  { name: 'boolean replaces the typed word', input: 'smtpd_tls_auth_only = n|o', pick: 'yes', expected: 'smtpd_tls_auth_only = yes' },
  { name: 'enumeration', input: 'smtpd_tls_security_level = e|', pick: 'encrypt', expected: 'smtpd_tls_security_level = encrypt' },
  { name: 'option word after others', input: 'smtpd_sasl_security_options = noanonymous, |', pick: 'noplaintext', expected: 'smtpd_sasl_security_options = noanonymous, noplaintext' },
  { name: 'option word on a continuation line', input: 'smtp_sasl_security_options = noanonymous,\n    nopl|', pick: 'noplaintext', expected: 'smtp_sasl_security_options = noanonymous,\n    noplaintext' },
  { name: 'restriction in a list', input: 'smtpd_relay_restrictions = permit_mynetworks, |', pick: 'permit_sasl_authenticated', expected: 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated' },
  {
    name: 'restriction on a continuation line past a comment',
    input: 'smtpd_relay_restrictions =\n    permit_mynetworks,\n# users who logged in\n    permit_sasl_authenticated,\n    reject_unauth|',
    pick: 'reject_unauth_destination',
    expected: 'smtpd_relay_restrictions =\n    permit_mynetworks,\n# users who logged in\n    permit_sasl_authenticated,\n    reject_unauth_destination',
  },
  { name: 'restriction on a whitespace-only continuation line', input: 'smtpd_relay_restrictions = permit_mynetworks,\n    |', pick: 'reject_unauth_destination', expected: 'smtpd_relay_restrictions = permit_mynetworks,\n    reject_unauth_destination' },
  { name: 'restriction class in a list', input: 'smtpd_restriction_classes = trusted_senders\ntrusted_senders = permit\nsmtpd_recipient_restrictions = |', pick: 'trusted_senders', expected: 'smtpd_restriction_classes = trusted_senders\ntrusted_senders = permit\nsmtpd_recipient_restrictions = trusted_senders' },
  { name: 'restriction inside a restriction class', input: 'smtpd_restriction_classes = trusted\ntrusted = permit_sasl|', pick: 'permit_sasl_authenticated', expected: 'smtpd_restriction_classes = trusted\ntrusted = permit_sasl_authenticated' },
  { name: 'map type after check_*_access', input: 'smtpd_sender_restrictions = check_sender_access |', pick: 'hash', expected: 'smtpd_sender_restrictions = check_sender_access hash:/etc/postfix/table' },
  { name: 'map type in a map list', input: 'smtpd_sender_login_maps = l|', pick: 'lmdb', expected: 'smtpd_sender_login_maps = lmdb:/etc/postfix/table' },
  { name: 'map type with a configuration file', input: 'virtual_alias_maps = |', pick: 'mysql', expected: 'virtual_alias_maps = mysql:/etc/postfix/mysql-table.cf' },
  { name: 'map type replaced, table kept', input: 'smtpd_sender_login_maps = ha|:/etc/postfix/login', pick: 'lmdb', expected: 'smtpd_sender_login_maps = lmdb:/etc/postfix/login' },
  { name: 'map type inside proxy:', input: 'smtpd_sender_login_maps = proxy:|', pick: 'pgsql', expected: 'smtpd_sender_login_maps = proxy:pgsql:/etc/postfix/pgsql-table.cf' },
  { name: 'map type on a second line of a map list', input: 'alias_maps = hash:/etc/aliases,\n\t|', pick: 'cdb', expected: 'alias_maps = hash:/etc/aliases,\n\tcdb:/etc/postfix/table' },
  {
    name: 'snippet where a line starts',
    input: 'myhostname = mail.example.com\npf-relay|',
    pick: 'pf-relay-auth',
    expected: 'myhostname = mail.example.com\n# Outgoing mail through a provider; credentials in /etc/postfix/sasl_passwd (run postmap after editing)\nrelayhost = [smtp.example.com]:587\nsmtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\nsmtp_sasl_security_options = noanonymous\nsmtp_tls_security_level = encrypt\n',
  },
  { name: 'reference after $', input: 'mydomain = example.com\nmyorigin = $|', pick: 'mydomain', expected: 'mydomain = example.com\nmyorigin = $mydomain' },
  { name: 'reference being typed', input: 'myorigin = $myd|', pick: 'mydomain', expected: 'myorigin = $mydomain' },
  { name: 'reference after ${ gets its brace', input: 'myorigin = ${myd|', pick: 'mydomain', expected: 'myorigin = ${mydomain}' },
  { name: 'reference inside ${} keeps one brace', input: 'myorigin = ${myd|}', pick: 'mydomain', expected: 'myorigin = ${mydomain}' },
  { name: 'reference after $( gets its parenthesis', input: 'myorigin = $(|', pick: 'myhostname', expected: 'myorigin = $(myhostname)' },
  { name: 'reference head of ${name?{x}}', input: 'smtpd_tls_security_level = ${myd|?{may}:{none}}', pick: 'mydomain', expected: 'smtpd_tls_security_level = ${mydomain?{may}:{none}}' },
  { name: 'reference inside ${name?{x}}', input: 'myorigin = ${mydomain?{$myh|}}', pick: 'myhostname', expected: 'myorigin = ${mydomain?{$myhostname}}' },
  { name: 'user-defined reference', input: 'my_relay = [smtp.example.com]:587\nrelayhost = $my_r|', pick: 'my_relay', expected: 'my_relay = [smtp.example.com]:587\nrelayhost = $my_relay' },
  { name: 'reference in a restriction list', input: 'smtpd_relay_restrictions = $|', pick: 'smtpd_client_restrictions', expected: 'smtpd_relay_restrictions = $smtpd_client_restrictions' },
  { name: 'reference on a continuation line', input: 'mynetworks = 127.0.0.0/8\n  $my|', pick: 'mydomain', expected: 'mynetworks = 127.0.0.0/8\n  $mydomain' },
];

describe('main.cf completion: applied items', () => {
  for (const c of applyCases) {
    for (const { eol, text: marked } of bothEols(c.input)) {
      test(`${c.name} (${eol})`, () => {
        const { text, offset } = withCursor(marked);
        const items = complete(text, offset);
        const item = items.find((i) => i.label === c.pick);
        assert.ok(item, `no "${c.pick}" among ${items.length} items: ${items.slice(0, 8).map((i) => i.label).join(', ')}`);
        const expected = eol === 'CRLF' ? c.expected.replace(/\n/g, '\r\n') : c.expected;
        assert.equal(applyCompletion(text, offset, item), expected);
      });
    }
  }
});

interface LabelCase {
  name: string;
  input: string;
  /** Exactly these labels, in this order. */
  exactly?: string[];
  includes?: string[];
  excludes?: string[];
}

const labelCases: LabelCase[] = [
  { name: 'nothing on a comment line', input: '# smtpd_sasl_|', exactly: [] },
  { name: 'nothing on a comment inside a continued value', input: 'smtpd_relay_restrictions = permit,\n# permit_|\n  reject', exactly: [] },
  { name: 'nothing on the "=" side of the name', input: 'myhostname |= x', exactly: [] },
  { name: 'nothing for a plain text value', input: 'myhostname = |', exactly: [] },
  { name: 'nothing after a name without "="', input: 'myhostname mail|', exactly: [] },
  { name: 'nothing right before a $reference', input: 'myorigin = |$mydomain', exactly: [] },
  { name: 'nothing after a literal $$', input: 'x = $$|', exactly: [] },
  { name: 'nothing inside the text of ${name?{x}}', input: 'x = ${mydomain?{ab|}}', exactly: [] },
  { name: 'only yes/no for a boolean', input: 'smtpd_sasl_auth_enable = |', exactly: ['yes', 'no'] },
  { name: 'only the enumeration', input: 'smtpd_sasl_type = |', exactly: ['cyrus', 'dovecot'] },
  { name: 'option words not yet present', input: 'smtpd_sasl_security_options = noanonymous, noplaintext |', exactly: ['nodictionary', 'noactive', 'mutual_auth'] },
  { name: 'words of a non-SASL option list', input: 'inet_protocols = ipv4, |', exactly: ['all', 'ipv6'] },
  { name: 'names, not values, before the "="', input: 'smtpd_sasl_auth_en| = yes', includes: ['smtpd_sasl_auth_enable'], excludes: ['yes', 'no'] },
  { name: 'names, not values, on the next line', input: 'smtpd_sasl_auth_enable = yes\n|', includes: ['myhostname'], excludes: ['yes'] },
  { name: 'restriction classes exclude the class itself', input: 'smtpd_restriction_classes = a_class, b_class\na_class = |', includes: ['b_class', 'permit'], excludes: ['a_class'] },
  { name: 'table types, not restrictions, after check_sasl_access', input: 'smtpd_recipient_restrictions = check_sasl_access |', includes: ['hash', 'lmdb', 'regexp'], excludes: ['permit'] },
  { name: 'restrictions after a table', input: 'smtpd_recipient_restrictions = check_sasl_access hash:/etc/postfix/sasl_access, |', includes: ['permit_sasl_authenticated'], excludes: ['hash'] },
  { name: 'snippets where a line starts with their prefix', input: 'myhostname = mail.example.com\npf-sasl|', exactly: ['pf-sasl-dovecot', 'pf-sasl-cyrus'] },
  { name: 'snippets among the names on an empty line', input: '|', includes: ['pf-sasl-dovecot', 'pf-relay-auth', 'smtpd_sasl_auth_enable'] },
  { name: 'no snippets on the value side', input: 'myhostname = pf|', exactly: [] },
  { name: 'no snippets among restrictions', input: 'smtpd_relay_restrictions = pf-|', excludes: ['pf-sasl-dovecot', 'pf-relay-auth'] },
  { name: 'no snippets among the values of a boolean', input: 'smtpd_sasl_auth_enable = |', excludes: ['pf-sasl-dovecot'] },
  { name: 'no snippets on a continuation line', input: 'mynetworks = 127.0.0.0/8,\n  pf|', exactly: [] },
  { name: 'no snippets when renaming a name that has a value', input: 'pf| = yes', excludes: ['pf-sasl-dovecot'] },
  { name: 'no snippets after a comment', input: '# pf|', exactly: [] },
  { name: 'user-defined names among references', input: 'relay_host_of_mine = x\nrelayhost = ${|}', includes: ['relay_host_of_mine', 'mydomain'] },
];

describe('main.cf completion: offered labels', () => {
  for (const c of labelCases) {
    for (const { eol, text: marked } of bothEols(c.input)) {
      test(`${c.name} (${eol})`, () => {
        const { text, offset } = withCursor(marked);
        const labels = complete(text, offset).map((i) => i.label);
        if (c.exactly) assert.deepEqual(labels, c.exactly);
        for (const label of c.includes ?? []) assert.ok(labels.includes(label), `missing ${label}`);
        for (const label of c.excludes ?? []) assert.ok(!labels.includes(label), `unexpected ${label}`);
      });
    }
  }
});

const preselectCases: Array<{ name: string; input: string; preselected: string }> = [
  { name: 'a boolean\'s default', input: 'smtpd_sasl_auth_enable = |', preselected: 'no' },
  { name: 'an enumeration\'s default', input: 'smtpd_sasl_type = |', preselected: 'cyrus' },
  { name: 'a level-dependent default without compatibility_level', input: 'mynetworks_style = |', preselected: 'subnet' },
  { name: 'a level-dependent default at the file\'s level', input: 'compatibility_level = 2\nmynetworks_style = |', preselected: 'host' },
  { name: 'the 3.11 client TLS level', input: 'compatibility_level = 3.11\nsmtp_tls_security_level = |', preselected: 'may' },
  { name: 'a default that is a reference', input: 'smtpd_tls_security_level = encrypt\ntlsproxy_tls_security_level = |', preselected: 'encrypt' },
];

describe('main.cf completion: the default value is preselected', () => {
  for (const c of preselectCases) {
    for (const { eol, text: marked } of bothEols(c.input)) {
      test(`${c.name} (${eol})`, () => {
        const { text, offset } = withCursor(marked);
        const items = complete(text, offset);
        assert.deepEqual(items.filter((i) => i.preselect).map((i) => i.label), [c.preselected]);
        assert.equal(items.find((i) => i.preselect)?.detail, 'default');
      });
    }
  }
  test('nothing is preselected when the default is empty', () => {
    assert.deepEqual(complete('smtp_tls_security_level = ', 26).filter((i) => i.preselect), []);
  });
});

describe('main.cf completion: ranking and lean items', () => {
  const emptyLine = complete('', 0);

  test('an empty line starts with the SASL names, then TLS, relay and identity, then the snippets and the rest', () => {
    const labels = emptyLine.map((i) => i.label);
    assert.deepEqual(labels.slice(0, 3), ['smtpd_sasl_auth_enable', 'smtpd_sasl_type', 'smtpd_sasl_path']);
    const firstOf = (name: string) => labels.indexOf(name);
    assert.ok(firstOf('smtp_sasl_password_maps') < firstOf('smtpd_tls_security_level'), 'SASL before TLS');
    assert.ok(firstOf('smtpd_tls_security_level') < firstOf('smtpd_relay_restrictions'), 'TLS before relay');
    assert.ok(firstOf('smtpd_relay_restrictions') < firstOf('myhostname'), 'relay before identity');
    assert.ok(firstOf('myhostname') < firstOf('pf-sasl-dovecot'), 'identity before the snippets');
    assert.equal(labels[firstOf('pf-relay-auth') + 1], '2bounce_notice_recipient', 'the rest follows, by name');
    assert.deepEqual(emptyLine.map((i) => i.sortText), [...emptyLine.map((i) => i.sortText!)].sort(), 'sortText keeps this order');
  });

  test('a list cut short says so, and the client gets the rest by typing', () => {
    const file = parseFile('file:///etc/postfix/main.cf', 'postfix-main', '');
    const answer = fileTypes['postfix-main'].features.complete!(file, 0, [file]);
    assert.ok(!Array.isArray(answer) && answer.isIncomplete);
    assert.ok(emptyLine.length <= MAX_NAME_ITEMS + 5);
    const typed = withCursor('virtual_alias_m|');
    assert.ok(complete(typed.text, typed.offset).some((i) => i.label === 'virtual_alias_maps'));
  });

  test('name items carry no documentation or detail, only a data tag; the answer stays small', () => {
    for (const item of emptyLine.filter((i) => i.kind === CompletionItemKind.Property)) {
      assert.equal(item.documentation, undefined, item.label);
      assert.equal(item.detail, undefined, item.label);
      assert.equal(item.data, 'param', item.label);
    }
    assert.ok(JSON.stringify(emptyLine).length <= 40_000, `${JSON.stringify(emptyLine).length} bytes`);
  });

  test('resolve fills in the documentation of names, restrictions, table types and snippets', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['|', 'smtpd_sasl_auth_enable', /\*\*smtpd_sasl_auth_enable\*\* · yes\/no[\s\S]*Default: `no`/],
      ['smtpd_relay_restrictions = |', 'permit_sasl_authenticated', /\*\*permit_sasl_authenticated\*\* · restriction/],
      ['alias_maps = |', 'lmdb', /\*\*lmdb:\*\* · lookup table type/],
      ['pf-sasl|', 'pf-sasl-dovecot', /Dovecot[\s\S]*smtpd_sasl_type = dovecot/],
    ];
    for (const [input, label, expected] of cases) {
      const { text, offset } = withCursor(input);
      const item = complete(text, offset).find((i) => i.label === label);
      assert.ok(item, label);
      assert.equal(item.documentation, undefined, label);
      const resolved = resolveCompletion(item);
      assert.match((resolved.documentation as { value: string }).value, expected);
      assert.deepEqual(resolved.textEdit, item.textEdit, 'resolve changes no edit');
    }
  });

  test('deprecated names are tagged and sorted after the others', () => {
    const { text, offset } = withCursor('smtpd_use|');
    const items = complete(text, offset);
    const old = items.find((i) => i.label === 'smtpd_use_tls');
    assert.ok(old);
    assert.deepEqual(old.tags, [CompletionItemTag.Deprecated]);
    const lastLive = items.filter((i) => !i.tags).map((i) => i.sortText!).sort().at(-1)!;
    assert.ok(lastLive && old.sortText! > lastLive);
  });

  test('deprecated restrictions are tagged', () => {
    const item = complete('smtpd_relay_restrictions = ', 27).find((i) => i.label === 'reject_unknown_client');
    assert.deepEqual(item?.tags, [CompletionItemTag.Deprecated]);
  });

  test('wrapping map types ask for the next type', () => {
    const item = complete('alias_maps = ', 13).find((i) => i.label === 'proxy');
    assert.equal(item?.command?.command, 'editor.action.triggerSuggest');
  });

  test('a position past the end of the document completes at the end', () => {
    for (const { text } of bothEols('mydomain = example.com\n')) {
      const items = complete(text, text.length + 50);
      const item = items.find((i) => i.label === 'myorigin');
      assert.ok(item);
      assert.equal(applyCompletion(text, text.length, item), text + 'myorigin = ');
    }
  });

  test('a position past the end of a value line completes the value', () => {
    const text = 'smtpd_sasl_auth_enable = ';
    assert.deepEqual(complete(text, text.length + 10).map((i) => i.label), ['yes', 'no']);
  });
});

describe('main.cf completion and hover never throw', () => {
  const tricky = [
    '\ufeffmyhostname = mail.example.com\n\n  orphan continuation\nbroken line without equals\n  $swallowed\n',
    'smtpd_relay_restrictions = ${{$compatibility_level} <level {2} ? {permit} : {reject}},\n# note\n\n  check_client_access { inline:{ a=b } }, $\nx = $${a\ny = ${unclosed\n',
    '{% if relay %}\nrelayhost = {{ relay }}\n{% endif %}\nsmtpd_sasl_security_options = noanonymous,,\tnoplaintext\r\nlone\rcr = 1',
    '',
    '=',
    ' = \n=x\n$\n${\n',
  ];
  for (const source of tricky) {
    for (const { eol, text } of bothEols(source)) {
      test(`every offset of ${JSON.stringify(source.slice(0, 30))} (${eol})`, () => {
        const file = parseFile('file:///main.cf', 'postfix-main', text);
        const features = fileTypes['postfix-main'].features;
        for (let offset = 0; offset <= text.length + 1; offset++) {
          if (text[offset - 1] === '\r' && text[offset] === '\n') continue; // not a position a client can send
          for (const item of completionItems(features.complete!(file, offset, [file]))) applyCompletion(text, Math.min(offset, text.length), item);
          features.hover!(file, offset, [file]);
        }
      });
    }
  }
});
