// The pure parts of the VS Code SMTP AUTH command: servers offered from main.cf, argument and profile checks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { serversFromMainCf } from '../../client/src/authTest/mainCfServers';
import { checkAuthTestArgs, isAuthTestArgs, readProfiles, secretKey } from '../../client/src/authTest/options';

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
      host: '127.0.0.1', port: undefined, tls: 'starttls', user: 'u', password: 'p', mechanisms: ['PLAIN'], showReport: undefined,
    });
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['no user', { host: 'h', password: 'p' }, /user/],
    ['password not a string', { host: 'h', user: 'u', password: 1 }, /password/],
    ['port out of range', { host: 'h', user: 'u', password: 'p', port: 70000 }, /port/],
    ['unknown tls mode', { host: 'h', user: 'u', password: 'p', tls: 'ssl' }, /tls/],
    ['empty mechanism list', { host: 'h', user: 'u', password: 'p', mechanisms: [] }, /mechanisms/],
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
      { name: 'no host', user: 'me' },
      { name: 'bad tls', host: 'h', user: 'me', tls: 'tls' },
      'junk',
    ]);
    assert.deepEqual(profiles, [{ name: 'office', host: 'mail.example.com', port: 465, tls: 'implicit', user: 'me', mechanisms: ['PLAIN', 'LOGIN'] }]);
    assert.deepEqual(problems, [
      'profile "no host" has no host',
      'profile "bad tls" has a tls mode other than starttls, starttls-optional, implicit, none',
      'profile #4 is not an object',
    ]);
  });

  test('an unset setting is no problem', () => assert.deepEqual(readProfiles(undefined), { profiles: [], problems: [] }));
});

test('secret keys differ by host, port and user, and ignore host case', () => {
  assert.equal(secretKey('Mail.Example.com', 587, 'u'), secretKey('mail.example.com', 587, 'u'));
  assert.notEqual(secretKey('h', 587, 'u'), secretKey('h', 465, 'u'));
  assert.notEqual(secretKey('h', 587, 'u'), secretKey('h', 587, 'U'));
});
