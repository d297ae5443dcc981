// The pure parts of the VS Code SMTP AUTH command: servers offered from main.cf, argument and profile checks.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { serversFromMainCf } from '../../client/src/authTest/mainCfServers';
import { checkAuthTestArgs, isAuthTestArgs, pinKey, readProfiles, secretKey } from '../../client/src/authTest/options';
import { forNotification } from '../../client/src/authTest/plainText';
import { readCaFile, resolveCaPath } from '../../client/src/authTest/caFile';
import { makeCert } from '../authtest/helpers/certs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

describe('servers named in main.cf', () => {
  const cases: [string, string, ReturnType<typeof serversFromMainCf>][] = [
    ['relayhost with brackets and port', 'relayhost = [smtp.example.com]:587\n', [{ host: 'smtp.example.com', port: 587, from: 'relayhost' }]],
    ['myhostname with $mydomain expanded', 'mydomain = example.org\nmyhostname = mail.$mydomain\n', [{ host: 'mail.example.org', from: 'myhostname' }]],
    ['both, relayhost first', 'myhostname = mx.example.net\nrelayhost = relay.example.net\n', [{ host: 'relay.example.net', from: 'relayhost' }, { host: 'mx.example.net', from: 'myhostname' }]],
    ['a continued relayhost list', 'relayhost = [a.example.com]:587,\n    [b.example.com]:587\n', [{ host: 'a.example.com', port: 587, from: 'relayhost' }, { host: 'b.example.com', port: 587, from: 'relayhost' }]],
    ['empty relayhost and comments', '# relayhost = [old.example.com]\nrelayhost =\n', []],
    ['an unresolved reference is skipped', 'myhostname = mail.$mydom\n', []],
    ['template syntax is skipped', 'relayhost = {{ relay_host }}\n', []],
    ['CRLF', 'relayhost = [smtp.example.com]:465\r\n', [{ host: 'smtp.example.com', port: 465, from: 'relayhost' }]],
    ['the last definition wins', 'relayhost = [a.example.com]\nrelayhost = [b.example.com]\n', [{ host: 'b.example.com', from: 'relayhost' }]],
    ['an IPv6 next hop and a service name as port', 'relayhost = [2001:db8::1]:submission\n', [{ host: '2001:db8::1', port: 587, from: 'relayhost' }]],
    ['a reference to a list of next hops', 'relays = [a.example.com]:587 [b.example.com]\nrelayhost = $relays\n', [{ host: 'a.example.com', port: 587, from: 'relayhost' }, { host: 'b.example.com', from: 'relayhost' }]],
    ['a next hop that is no host is left out', 'relayhost = user@example.com, ::1:25, [relay.example.com]:99999, [relay.example.com]\n', [{ host: 'relay.example.com', from: 'relayhost' }]],
  ];
  for (const [name, text, expected] of cases) test(name, () => assert.deepEqual(serversFromMainCf(text), expected));

});

describe('programmatic arguments', () => {
  test('a Uri-like or missing argument is not taken as arguments', () => {
    assert.equal(isAuthTestArgs(undefined), false);
    assert.equal(isAuthTestArgs({ scheme: 'file', path: '/etc/postfix/main.cf' }), false);
    assert.equal(isAuthTestArgs({ host: 'h' }), true);
  });

  test('defaults and normalisation', () => {
    assert.deepEqual(checkAuthTestArgs({ host: ' 127.0.0.1 ', user: 'u', password: 'p', mechanisms: ['plain'] }), {
      host: '127.0.0.1', port: undefined, tls: 'starttls', user: 'u', password: 'p', mechanisms: ['PLAIN'], caFile: undefined, pinnedFingerprint: undefined, showReport: undefined,
    });
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['no user', { host: 'h', password: 'p' }, /user/],
    ['password not a string', { host: 'h', user: 'u', password: 1 }, /password/],
    ['port out of range', { host: 'h', user: 'u', password: 'p', port: 70000 }, /port/],
    ['unknown tls mode', { host: 'h', user: 'u', password: 'p', tls: 'ssl' }, /tls/],
    ['empty mechanism list', { host: 'h', user: 'u', password: 'p', mechanisms: [] }, /mechanisms/],
    ['a pin that is no fingerprint', { host: 'h', user: 'u', password: 'p', pinnedFingerprint: 'AB:CD' }, /pinnedFingerprint/],
    ['an empty CA file name', { host: 'h', user: 'u', password: 'p', caFile: '' }, /caFile/],
  ];
  for (const [name, arg, message] of bad) {
    test(`refused: ${name}, without echoing the password`, () => {
      const result = checkAuthTestArgs(arg);
      assert.equal(typeof result, 'string');
      assert.match(result as string, message);
      assert.ok(!(result as string).includes('"p"'));
    });
  }
});

describe('profiles', () => {
  test('good ones are kept, bad ones are named', () => {
    const { profiles, problems } = readProfiles([
      { name: 'office', host: 'mail.example.com', user: 'me', tls: 'implicit', port: 465, mechanisms: ['PLAIN', 'login'] },
      { name: 'lab', host: '127.0.0.1', user: 'me', caFile: '/etc/ssl/lab-ca.pem' },
      { name: 'no host', user: 'me' },
      { name: 'typo', host: 'h', user: 'me', cafile: '/x.pem' },
      { name: 'bad tls', host: 'h', user: 'me', tls: 'tls' },
      'junk',
    ]);
    assert.deepEqual(profiles, [
      { name: 'office', host: 'mail.example.com', port: 465, tls: 'implicit', user: 'me', mechanisms: ['PLAIN', 'LOGIN'] },
      { name: 'lab', host: '127.0.0.1', port: undefined, tls: 'starttls', user: 'me', mechanisms: 'all', caFile: '/etc/ssl/lab-ca.pem' },
    ]);
    assert.deepEqual(problems, [
      'profile "no host" has no host',
      'profile "typo" has an unknown property "cafile" (known: name, host, port, tls, user, mechanisms, caFile)',
      'profile "bad tls" has a tls mode other than starttls, starttls-optional, implicit, none',
      'profile #6 is not an object',
    ]);
  });

  test('an unset setting is no problem', () => assert.deepEqual(readProfiles(undefined), { profiles: [], problems: [] }));
});

test('secret keys differ by host, port, TLS mode and user, and ignore host case', () => {
  assert.equal(secretKey('Mail.Example.com', 587, 'starttls', 'u'), secretKey('mail.example.com', 587, 'starttls', 'u'));
  assert.notEqual(secretKey('h', 587, 'starttls', 'u'), secretKey('h', 465, 'starttls', 'u'));
  assert.notEqual(secretKey('h', 587, 'starttls', 'u'), secretKey('h', 587, 'starttls', 'U'));
  assert.notEqual(secretKey('h', 25, 'starttls', 'u'), secretKey('h', 25, 'none', 'u'), 'a password saved under TLS is not offered in clear');
});

test('pin keys: one per server, and one per profile and server', () => {
  assert.equal(pinKey({ host: 'H', port: 25 }), pinKey({ host: 'h', port: 25 }));
  assert.notEqual(pinKey({ host: 'h', port: 25 }), pinKey({ host: 'h', port: 465 }));
  assert.notEqual(pinKey({ host: 'h', port: 25 }), pinKey({ host: 'h', port: 25, profile: 'p' }));
  assert.notEqual(pinKey({ host: 'h', port: 25, profile: 'p' }), pinKey({ host: 'h', port: 25, profile: 'q' }));
});

describe('text for a notification', () => {
  const cases: [string, string, string][] = [
    ['a command link loses its brackets', 'CN=[click](command:workbench.action.terminal.sendSequence?x)', 'CN=［click］(command:workbench.action.terminal.sendSequence?x)'],
    ['line breaks and escapes become spaces', 'a\r\nb\x1b[2Jc', 'a b ［2Jc'],
    ['long text is cut', 'x'.repeat(300), `${'x'.repeat(200)}…`],
    ['plain text is kept', 'mail.example.com port 587', 'mail.example.com port 587'],
  ];
  for (const [name, input, expected] of cases) test(name, () => assert.equal(forNotification(input), expected));
});

describe('CA files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'authtest-ca-'));
  const pem = makeCert('ca.example', 'DNS:ca.example').cert;
  writeFileSync(join(dir, 'ca.pem'), pem);
  writeFileSync(join(dir, 'junk.pem'), 'not a certificate\n');
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a PEM certificate is read', async () => assert.deepEqual(await readCaFile(join(dir, 'ca.pem')), pem));
  const bad: [string, string, RegExp][] = [
    ['a relative path', 'ca.pem', /not an absolute path/],
    ['a missing file', join(dir, 'nope.pem'), /cannot read the CA file .*nope\.pem.*: ENOENT/],
    ['a directory', dir, /is not a file/],
    ['a file without a certificate', join(dir, 'junk.pem'), /the CA file ".*junk\.pem" holds no PEM certificate/],
  ];
  for (const [name, path, message] of bad) test(`refused: ${name}`, async () => assert.match(String(await readCaFile(path)), message));
  test('~/ is the home directory', () => assert.equal(resolveCaPath('~/ca.pem'), join(homedir(), 'ca.pem')));
});
