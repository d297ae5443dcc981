// The smtp client model on in-memory instances: per next hop the transport, TLS, mechanisms and the
// sasl_passwd line that answers, read as hover shows it. Each case is a tree and the hops it yields.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseText } from '../../server/src/service/analyze';
import { buildInstance } from '../../server/src/service/instance/instance';
import { locateLayouts } from '../../server/src/service/instance/locate';
import { memoryReader } from '../../server/src/service/instance/reader';
import { defaultSettings } from '../../server/src/service/settings';
import { describeHop } from '../../server/src/service/smtpClient/describe';
import { clientModelOf } from '../../server/src/service/smtpClient/ofInstance';
import { fileTypes, parseFile } from '../../server/src/service/fileTypes';
import { detectLanguage } from '../../server/src/service/languages';
import { completionItems } from '../../server/src/service/features';
import { withCursor } from '../helpers/cursor';

type Tree = Record<string, string>;

function hops(tree: Tree): string[] {
  const files = Object.fromEntries(Object.entries(tree).map(([k, v]) => [`/etc/postfix/${k}`, v]));
  const [layout] = locateLayouts(['/etc/postfix'], { reader: memoryReader(files), parse: (path, languageId, text) => parseText(path, languageId, text, defaultSettings) });
  return clientModelOf(buildInstance(layout)).hops.map(describeHop);
}

const AUTH = 'smtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n';
const ENCRYPT = 'smtp_tls_security_level = encrypt\nsmtp_sasl_tls_security_options = noanonymous\n';
const PASSWD = 'smtp.example.com host:secret\n[smtp.example.com]:587 dest:secret\n';
const STOCK_MASTER = 'smtp unix - - n - - smtp\nrelay unix - - n - - smtp\n';

const cases: Array<{ name: string; tree: Tree; hops: string[] }> = [
  {
    name: 'relayhost through the stock smtp and relay transports; the server name answers before the next hop',
    tree: { 'main.cf': 'relayhost = [smtp.example.com]:587\n' + AUTH + ENCRYPT, sasl_passwd: PASSWD },
    hops: [
      '[smtp.example.com]:587 → transport "smtp", TLS encrypt, port 587, PLAIN/LOGIN allowed after TLS, password from line 1 of /etc/postfix/sasl_passwd (key smtp.example.com)',
      '[smtp.example.com]:587 → transport "relay", TLS encrypt, port 587, PLAIN/LOGIN allowed after TLS, password from line 1 of /etc/postfix/sasl_passwd (key smtp.example.com)',
    ],
  },
  {
    name: 'the next hop as written answers when no line names the server; MX next hops have no server name to look up',
    tree: { 'main.cf': 'relayhost = example.com:587\n' + AUTH + ENCRYPT, 'master.cf': 'smtp unix - - n - - smtp\n', sasl_passwd: 'EXAMPLE.com:587 dest:secret\n' },
    hops: ['example.com:587 → transport "smtp", TLS encrypt, port 587, PLAIN/LOGIN allowed after TLS, password from line 1 of /etc/postfix/sasl_passwd (key EXAMPLE.com:587)'],
  },
  {
    name: 'compatibility level 3.11: the default level is may, and the default options refuse PLAIN inside TLS too',
    tree: { 'main.cf': 'compatibility_level = 3.11\nrelayhost = [smtp.example.com]:587\n' + AUTH, 'master.cf': 'smtp unix - - n - - smtp\n', sasl_passwd: '[smtp.example.com]:587 dest:secret\n' },
    hops: ['[smtp.example.com]:587 → transport "smtp", TLS may (compatibility_level default), port 587, PLAIN/LOGIN refused even after TLS, no PLAIN/LOGIN without TLS, password from line 1 of /etc/postfix/sasl_passwd (key [smtp.example.com]:587)'],
  },
  {
    name: 'master.cf -o overrides: wrapper mode and a password table of its own for one transport',
    tree: {
      'main.cf': 'relayhost = [smtp.example.com]:465\nsmtp_tls_security_level = encrypt\ndefault_transport = smtps\nrelay_transport = smtps\n',
      'master.cf': 'smtps unix - - n - - smtp\n  -o smtp_tls_wrappermode=yes\n  -o smtp_sasl_auth_enable=yes\n  -o smtp_sasl_password_maps=hash:/etc/postfix/smtps_passwd\n  -o smtp_sasl_tls_security_options=noanonymous\n',
      smtps_passwd: '# the provider\n[smtp.example.com]:465 user:secret\n',
    },
    hops: ['[smtp.example.com]:465 → transport "smtps", TLS encrypt, wrapper mode, port 465, PLAIN/LOGIN allowed after TLS, password from line 2 of /etc/postfix/smtps_passwd (key [smtp.example.com]:465)'],
  },
  {
    name: 'next hops from transport_maps and sender_dependent_relayhost_maps, with the transport each names',
    tree: {
      'main.cf': AUTH + ENCRYPT + 'transport_maps = hash:/etc/postfix/transport\nsender_dependent_relayhost_maps = hash:/etc/postfix/sender_relay\nsmtp_sender_dependent_authentication = yes\n',
      'master.cf': STOCK_MASTER + 'office unix - - n - - smtp\n  -o smtp_tls_security_level=may\n',
      transport: 'example.org office:[mail.example.org]\nexample.net smtp:\n',
      sender_relay: '@example.com [smtp.example.com]:587\n',
      sasl_passwd: '@example.com sender:secret\n[mail.example.org] office:secret\n',
    },
    hops: [
      '[mail.example.org] → transport "office", TLS may, port 25, PLAIN/LOGIN allowed after TLS, no PLAIN/LOGIN without TLS, password from line 2 of /etc/postfix/sasl_passwd (key [mail.example.org])',
      '[smtp.example.com]:587 → transport "smtp", TLS encrypt, port 587, PLAIN/LOGIN allowed after TLS, no password line (looked up smtp.example.com, then [smtp.example.com]:587)',
    ],
  },
  {
    name: 'an unreadable password table, and a transport without AUTH',
    tree: { 'main.cf': 'relayhost = [10.0.0.1]\nsmtp_sasl_password_maps = ldap:/etc/postfix/ldap.cf\n', 'master.cf': 'smtp unix - - n - - smtp\nrelay unix - - n - - smtp\n  -o smtp_sasl_auth_enable=yes\n' },
    hops: [
      '[10.0.0.1] → transport "smtp", TLS none, port 25, no AUTH (smtp_sasl_auth_enable is not yes)',
      '[10.0.0.1] → transport "relay", TLS none, port 25, PLAIN/LOGIN refused even after TLS, no PLAIN/LOGIN without TLS, password table not read (looks up 10.0.0.1, then [10.0.0.1])',
    ],
  },
];

describe('smtp client model: next hops', () => {
  for (const c of cases) test(c.name, () => assert.deepEqual(hops(c.tree), c.hops));
});

/** Hover of the file marked with `|`, through its file type's features, the other files as its instance. */
function hoverOf(files: Record<string, string>): string {
  const marked = Object.keys(files).find((k) => files[k].includes('|'))!;
  const parsed = Object.entries(files).map(([path, text]) => {
    const { text: plain, offset } = path === marked ? withCursor(text) : { text, offset: 0 };
    return { path, offset, file: parseFile(`file:///etc/postfix/${path}`, detectLanguage(path)!, plain) };
  });
  const target = parsed.find((p) => p.path === marked)!;
  const hover = fileTypes[target.file.languageId].features.hover!(target.file, target.offset, parsed.filter((p) => p !== target).map((p) => p.file));
  return hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
}

const HOVER_MAIN = 'relayhost = [smtp.example.com]:587\n' + AUTH + ENCRYPT;
const hoverCases: Array<{ name: string; files: Record<string, string>; shows: string; not?: string }> = [
  { name: 'relayhost: each hop with its transport, TLS, mechanisms and password line', files: { 'main.cf': 'relay|host = [smtp.example.com]:587\n' + AUTH + ENCRYPT, 'master.cf': 'relay unix - - n - - smtp\n', sasl_passwd: '# provider\n\n[smtp.example.com]:587 user:secret\n' }, shows: '- [smtp.example.com]:587 → transport "relay", TLS encrypt, port 587, PLAIN/LOGIN allowed after TLS, password from line 3 of /etc/postfix/sasl_passwd (key [smtp.example.com]:587)' },
  { name: 'relayhost, on its value', files: { 'main.cf': 'relayhost = [smtp.example|.com]:465\n' + AUTH, 'master.cf': 'smtp unix - - n - - smtp\n' }, shows: '[smtp.example.com]:465 → transport "smtp", TLS none, port 465' },
  { name: 'a transport next hop', files: { 'main.cf': AUTH + ENCRYPT + 'default_transport = smtp:[mail|.example.net]:2525\n', 'master.cf': 'smtp unix - - n - - smtp\n' }, shows: '[mail.example.net]:2525 → transport "smtp", TLS encrypt, port 2525' },
  { name: 'no next hop on another parameter', files: { 'main.cf': HOVER_MAIN.replace('smtp_sasl_auth_enable', 'smtp_sasl_auth_en|able') }, shows: '', not: 'Next hops' },
  { name: 'sasl_passwd: the line that answers says for which hop', files: { 'main.cf': HOVER_MAIN, 'master.cf': 'smtp unix - - n - - smtp\n', sasl_passwd: '[smtp.example.com]:587 us|er:secret\n' }, shows: '**Answers for**\n\n- [smtp.example.com]:587 → transport "smtp"' },
  { name: 'sasl_passwd: a line shadowed by the server name', files: { 'main.cf': HOVER_MAIN, 'master.cf': 'smtp unix - - n - - smtp\n', sasl_passwd: 'smtp.example.com a:b\n[smtp.example.com]:587 us|er:secret\n' }, shows: 'The user name', not: 'Answers for' },
  { name: 'sasl_passwd: a sender key without sender-dependent authentication', files: { 'main.cf': HOVER_MAIN, sasl_passwd: '|@example.com user:secret\n' }, shows: '**Never used**' },
];

describe('smtp client model: hover', () => {
  for (const c of hoverCases) {
    test(c.name, () => {
      const text = hoverOf(c.files);
      assert.ok(text.includes(c.shows), text);
      if (c.not) assert.ok(!text.includes(c.not), text);
    });
  }
});

describe('smtp client model: sasl_passwd completion', () => {
  test('offers each next hop once, as written, from relayhost and the transports', () => {
    const main = parseFile('file:///etc/postfix/main.cf', 'postfix-main', 'relayhost = [smtp.example.com]:587\nrelay_transport = relay:[relay.example.net]:2525\n');
    const { text, offset } = withCursor('|');
    const passwd = parseFile('file:///etc/postfix/sasl_passwd', 'postfix-sasl-passwd', text);
    const items = completionItems(fileTypes['postfix-sasl-passwd'].features.complete!(passwd, offset, [main]));
    assert.deepEqual(items.map((i) => i.label), ['[smtp.example.com]:587', '[relay.example.net]:2525']);
  });
});

test('examples/README.md lists the next hops of examples/ as the model answers them', () => {
  const examples = join(__dirname, '..', '..', 'examples');
  const heading = '## The smtp client, per next hop';
  const readme = readFileSync(join(examples, 'README.md'), 'utf8');
  assert.ok(readme.includes(heading), `examples/README.md has no "${heading}"`);
  const listed = readme.slice(readme.indexOf(heading)).split(/\r?\n/).filter((l) => l.startsWith('- ') && l.includes(' → '));
  const tree = Object.fromEntries(['main.cf', 'master.cf', 'sasl_passwd'].map((f) => [f, readFileSync(join(examples, f), 'utf8')]));
  assert.deepEqual(listed, hops(tree).map((h) => `- ${h}`));
});
