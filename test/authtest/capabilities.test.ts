import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offeredMechanisms, parseEhlo } from '../../server/src/authtest/capabilities';
import { parseHostPort } from '../../server/src/authtest/validate';

const cases: Array<{ name: string; lines: string[]; auth: string[]; legacy: string[]; starttls: boolean }> = [
  { name: 'Postfix with STARTTLS and both AUTH forms', lines: ['mail.example', 'PIPELINING', 'STARTTLS', 'AUTH PLAIN LOGIN', 'AUTH=PLAIN LOGIN', '8BITMIME'], auth: ['PLAIN', 'LOGIN'], legacy: ['PLAIN', 'LOGIN'], starttls: true },
  { name: 'only the old AUTH= form', lines: ['x', 'AUTH=LOGIN'], auth: [], legacy: ['LOGIN'], starttls: false },
  { name: 'lower case and extra spaces', lines: ['x', 'auth  plain   cram-md5 ', 'starttls'], auth: ['PLAIN', 'CRAM-MD5'], legacy: [], starttls: true },
  { name: 'no extensions at all', lines: ['x'], auth: [], legacy: [], starttls: false },
  { name: 'AUTH without mechanisms', lines: ['x', 'AUTH'], auth: [], legacy: [], starttls: false },
];

for (const c of cases) {
  test(`parseEhlo: ${c.name}`, () => {
    const caps = parseEhlo(c.lines);
    assert.deepEqual(caps.auth, c.auth);
    assert.deepEqual(caps.authLegacy, c.legacy);
    assert.equal(caps.starttls, c.starttls);
    assert.equal(caps.greeting, c.lines[0]);
  });
}

test('offeredMechanisms merges both forms without repeats', () => {
  assert.deepEqual(offeredMechanisms(parseEhlo(['x', 'AUTH PLAIN', 'AUTH=PLAIN LOGIN'])), ['PLAIN', 'LOGIN']);
});

test('parseEhlo keeps extension parameters', () => {
  assert.deepEqual(parseEhlo(['x', 'SIZE 10240000']).extensions.SIZE, ['10240000']);
});

const hosts: Array<[string, { host: string; port?: number } | RegExp]> = [
  ['mail.example.org', { host: 'mail.example.org' }],
  ['mail.example.org:587', { host: 'mail.example.org', port: 587 }],
  ['127.0.0.1:25', { host: '127.0.0.1', port: 25 }],
  ['[::1]:587', { host: '::1', port: 587 }],
  ['[::1]', { host: '::1' }],
  ['::1', { host: '::1' }],
  ['host:0', /out of range/],
  ['host:99999', /out of range/],
  ['host:abc', /not a port/],
  ['[::1', /unclosed/],
  ['evil\r\nMAIL FROM:<x>', /CR, LF or NUL/],
  ['a\0b', /CR, LF or NUL/],
];
for (const [input, expected] of hosts) {
  test(`parseHostPort ${JSON.stringify(input)}`, () => {
    if (expected instanceof RegExp) assert.throws(() => parseHostPort(input), expected);
    else assert.deepEqual(parseHostPort(input), expected);
  });
}
