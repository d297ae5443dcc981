import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offeredMechanisms, parseEhlo } from '../../server/src/authtest/capabilities';

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
