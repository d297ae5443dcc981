// Real Dovecot as the oracle: `doveconf -n -c FILE` (Dovecot 2.3) accepts the fixtures we accept,
// refuses each syntax error we report on the line we report it, and knows exactly the names our
// table calls 2.3 (and none that it calls 2.4 only). Skips when doveconf is not installed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { dovecotSettings } from '../../server/src/service/data/dovecotSettings';
import { parseDovecot } from '../../server/src/service/dovecot/parse';
import { validateDovecot } from '../../server/src/service/dovecot/validate';

const probe = spawnSync('doveconf', ['-h'], { encoding: 'utf8' });
const skip = probe.error ? 'doveconf is not installed (apt-get install dovecot-core)' : false;
const doveconf = (file: string) => spawnSync('doveconf', ['-n', '-c', file], { encoding: 'utf8' });
const dir = 'test/fixtures/dovecot';
const tmp = mkdtempSync(join(tmpdir(), 'dovecot-oracle-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('doveconf agrees with our parser', { skip }, () => {
  test('the pair fixture: doveconf accepts it, we find no syntax problem in any of its files', () => {
    const r = doveconf(join(dir, 'pair/dovecot/dovecot.conf'));
    assert.equal(r.status, 0, r.stderr);
    for (const f of ['dovecot.conf', 'conf.d/10-auth.conf', 'conf.d/10-master.conf', 'conf.d/auth-passwdfile.conf.ext']) {
      assert.deepEqual(parseDovecot(readFileSync(join(dir, 'pair/dovecot', f), 'utf8')).problems, [], f);
    }
  });

  for (const name of readdirSync(join(dir, 'syntax'))) {
    test(`syntax/${name}: doveconf refuses it, and we report dovecot-syntax on its line`, () => {
      const path = join(dir, 'syntax', name);
      const r = doveconf(path);
      assert.notEqual(r.status, 0, 'doveconf accepted it');
      const ours = validateDovecot(parseDovecot(readFileSync(path, 'utf8'))).filter((f) => f.code === 'dovecot-syntax');
      assert.equal(ours.length, 1);
      const doc = parseDovecot(readFileSync(path, 'utf8'));
      const ourLine = doc.lines.positionAt(ours[0].span.start).line + 1;
      const theirs = /line (\d+)/.exec(r.stderr)?.[1] ?? /section started at [^:]+:(\d+)/.exec(r.stderr)?.[1];
      assert.equal(String(ourLine), theirs, r.stderr);
    });
  }

  test('names we call 2.3 or both are known to doveconf 2.3; names we call 2.4-only are not', () => {
    const base = 'protocols = none\nlisten = 127.0.0.1\nssl = no\n';
    for (const s of dovecotSettings.filter((x) => !x.within)) {
      const file = join(tmp, `${s.name}.conf`);
      writeFileSync(file, `${base}${s.name} = ${s.values?.[0] ?? s.default ?? 'x'}\n`);
      const r = doveconf(file);
      const unknown = /Unknown setting/.test(r.stderr);
      assert.equal(unknown, s.version === '2.4', `${s.name} (${s.version}): ${r.stderr}`);
    }
  });

  test('backslashes in quoted values: our value is the one doveconf prints', () => {
    for (const written of ['"pam"\\MECHANISMS="pam"', '"a\\\\b\\"c\\nd"', "'a\\\\b'", '"a\\"', '"\\"', 'a\\b']) {
      const file = join(tmp, 'escapes.conf');
      writeFileSync(file, `login_greeting = ${written}\n`);
      const r = doveconf(file);
      assert.equal(r.status, 0, r.stderr);
      const theirs = /^login_greeting = (.*)$/m.exec(r.stdout)?.[1] ?? '';
      assert.equal(parseDovecot(`login_greeting = ${written}\n`).settings[0]?.value ?? '', theirs, written);
    }
  });

  test('passdb and userdb: "args" is 2.3, passwd_file_path is 2.4 only', () => {
    const base = 'protocols = none\nlisten = 127.0.0.1\nssl = no\n';
    for (const [key, known] of [['args', true], ['passwd_file_path', false]] as const) {
      const file = join(tmp, `passdb-${key}.conf`);
      writeFileSync(file, `${base}passdb {\n  driver = passwd-file\n  ${key} = /etc/dovecot/users\n}\n`);
      assert.equal(doveconf(file).status === 0, known, key);
    }
  });
});
