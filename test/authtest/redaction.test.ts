import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REDACTED, Redactor, base64Forms } from '../../server/src/authtest/redact';

const PASSWORD = 'Sekr1t-Passw0rd-xyzzy';

/** Independent of the code under test: every base64 text that decodes to prefix+password+suffix. */
function encodings(secret: string): string[] {
  const out: string[] = [];
  for (let pre = 0; pre < 6; pre++) {
    for (let post = 0; post < 4; post++) {
      out.push(Buffer.concat([Buffer.from('\0user\0'.slice(0, pre)), Buffer.from(secret), Buffer.from('\x01\x01\x01'.slice(0, post))]).toString('base64'));
    }
  }
  return out;
}

test('every base64 alignment of the password is redacted', () => {
  const r = new Redactor([PASSWORD]);
  for (const enc of encodings(PASSWORD)) {
    const cleaned = r.clean(`~> AUTH PLAIN ${enc}`);
    assert.ok(cleaned.includes(REDACTED), enc);
    // No 12-character window of the password's own base64 survives.
    for (const form of base64Forms(PASSWORD)) assert.ok(!cleaned.includes(form), `${form} in ${cleaned}`);
    assert.ok(!Buffer.from(cleaned.replace(/^.*PLAIN /, '').replace(REDACTED, ''), 'base64').toString('latin1').includes(PASSWORD));
  }
});

test('base64Forms gives one fragment per alignment, each found in the matching encodings', () => {
  const forms = base64Forms(PASSWORD);
  assert.equal(forms.length, 3);
  for (const enc of encodings(PASSWORD)) assert.ok(forms.some((f) => enc.includes(f)), enc);
});

test('the plain password and text around it', () => {
  const r = new Redactor([PASSWORD]);
  assert.equal(r.clean(`pass=${PASSWORD}!`), `pass=${REDACTED}!`);
  assert.equal(r.clean('nothing secret'), 'nothing secret');
});
