// The one reader of host:port, as the auth test (CLI and VS Code) and the main.cf host list use it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseHostPort } from '../../server/src/authtest/validate';
import { readHostPort, type HostPort } from '../../server/src/service/hostPort';

const cases: Array<[string, HostPort | RegExp]> = [
  ['mail.example.org', { host: 'mail.example.org' }],
  ['  mail.example.org  ', { host: 'mail.example.org' }],
  ['mail.example.org:587', { host: 'mail.example.org', port: 587 }],
  ['127.0.0.1:25', { host: '127.0.0.1', port: 25 }],
  ['[mail.example.org]:587', { host: 'mail.example.org', port: 587 }],
  ['[mail.example.org]', { host: 'mail.example.org' }],
  ['[::1]:25', { host: '::1', port: 25 }],
  ['[::1]', { host: '::1' }],
  ['[2001:db8::1]:465', { host: '2001:db8::1', port: 465 }],
  ['relay.example.com:submission', { host: 'relay.example.com', port: 587 }],
  ['[relay.example.com]:SMTPS', { host: 'relay.example.com', port: 465 }],
  ['relay.example.com:1', { host: 'relay.example.com', port: 1 }],
  ['relay.example.com:65535', { host: 'relay.example.com', port: 65535 }],
  // Without brackets the last group of an IPv6 address reads as a port.
  ['::1:25', /more than one ":".*brackets/],
  ['::1', /brackets/],
  ['2001:db8::1', /brackets/],
  ['host:0', /out of range/],
  ['host:65536', /out of range/],
  ['host:99999', /out of range/],
  ['host:123456', /not a port/],
  ['host:abc', /not a port/],
  ['host:constructor', /not a port/],
  ['host:-1', /not a port/],
  ['host:', /no port after/],
  ['[::1]:', /no port after/],
  ['[::1]:25:26', /not a port/],
  ['[::1', /unclosed/],
  ['[::1]25', /unexpected text after "\]"/],
  ['[]:25', /no host/],
  [':25', /no host/],
  ['', /no host given/],
  ['   ', /no host given/],
  ['user@mail.example.org', /not a host name/],
  ['mail example.org', /not a host name/],
  ['[mail example.org]', /not a host name/],
  ['/var/run/socket', /not a host name/],
];

describe('host:port', () => {
  for (const [input, expected] of cases) {
    test(JSON.stringify(input), () => {
      const read = readHostPort(input);
      if (expected instanceof RegExp) {
        assert.equal(read.ok, false, JSON.stringify(read));
        assert.match(read.ok ? '' : read.reason, expected);
        assert.throws(() => parseHostPort(input), expected);
      } else {
        assert.deepEqual(read, { ok: true, value: expected });
        assert.deepEqual(parseHostPort(input), expected);
      }
    });
  }

  test('the auth test refuses CR, LF and NUL without echoing them', () => {
    for (const input of ['evil\r\nMAIL FROM:<x>', 'a\0b', 'host\n']) {
      assert.throws(() => parseHostPort(input), (e: Error) => /CR, LF or NUL/.test(e.message) && !e.message.includes('evil'));
    }
  });

  test('a long input is shortened in the reason', () => {
    const read = readHostPort(`${'a'.repeat(500)} b`);
    assert.ok(!read.ok && read.reason.length < 120, JSON.stringify(read));
  });
});
