import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scram } from '../../server/src/authtest/mechanisms/scram';
import { cramMd5 } from '../../server/src/authtest/mechanisms/cramMd5';
import { MechanismError } from '../../server/src/authtest/mechanisms/types';

const dec = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

// RFC 5802 section 5 and RFC 7677 section 3: user "user", password "pencil".
const vectors = [
  {
    hash: 'sha1' as const,
    nonce: 'fyko+d2lbbFgONRv9qkxdawL',
    serverFirst: 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096',
    clientFinal: 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
    serverFinal: 'v=rmF9pqV8S7suAoZWja4dJRkFsKQ=',
  },
  {
    hash: 'sha256' as const,
    nonce: 'rOprNGfwEbeRWgbNEkqO',
    serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
    clientFinal: 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
    serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
  },
];

for (const v of vectors) {
  test(`SCRAM-${v.hash.toUpperCase()} matches the RFC test vector and verifies the server`, () => {
    const c = scram(v.hash, { user: 'user', password: 'pencil' }, v.nonce);
    assert.equal(dec(c.initial()!.response), `n,,n=user,r=${v.nonce}`);
    const final = c.challenge(Buffer.from(v.serverFirst));
    assert.equal(dec(final.response), v.clientFinal);
    assert.ok(!final.display.includes(v.clientFinal.split(',p=')[1]), 'the proof is not shown');
    assert.equal(c.checkSuccess(), 'the server accepted without proving that it knows the password (no SCRAM server signature)');
    assert.equal(c.challenge(Buffer.from(v.serverFinal)).response, '');
    assert.equal(c.checkSuccess(), undefined);
  });

  test(`SCRAM-${v.hash.toUpperCase()} refuses a wrong server signature`, () => {
    const c = scram(v.hash, { user: 'user', password: 'pencil' }, v.nonce);
    c.challenge(Buffer.from(v.serverFirst));
    assert.throws(() => c.challenge(Buffer.from('v=AAAAAAAAAAAAAAAAAAAAAAAAAAA=')), (e) => e instanceof MechanismError && /signature does not verify/.test(e.message));
  });
}

test('SCRAM refuses a server nonce that does not extend ours, and absurd iteration counts', () => {
  const a = scram('sha256', { user: 'u', password: 'p' }, 'abc');
  assert.throws(() => a.challenge(Buffer.from('r=xyz123,s=QSXCR+Q6sek8bf92,i=4096')), /nonce/);
  const b = scram('sha256', { user: 'u', password: 'p' }, 'abc');
  assert.throws(() => b.challenge(Buffer.from('r=abc123,s=QSXCR+Q6sek8bf92,i=999999999')), /iteration/);
});

test('SCRAM escapes = and , in the user name', () => {
  const c = scram('sha1', { user: 'a=b,c', password: 'p' }, 'n');
  assert.equal(dec(c.initial()!.response), 'n,,n=a=3Db=2Cc,r=n');
});

test('CRAM-MD5 matches the RFC 2195 example', () => {
  const c = cramMd5({ user: 'tim', password: 'tanstaaftanstaaf' });
  const r = c.challenge(Buffer.from('<1896.697170952@postoffice.reston.mci.net>'));
  assert.equal(dec(r.response), 'tim b913a602c7eda7a495b4e6e7334d3890');
});
