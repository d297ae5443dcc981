// A careful, long set-up with continuation lines and user-defined parameters must stay quiet, and
// real Postfix agrees that it is clean (postconf -n prints no warning) when postconf is installed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkPaths } from '../../server/src/cli/check';
import { defaultSettings } from '../../server/src/service/settings';

const careful = join(__dirname, '..', 'fixtures', 'careful');
const hasPostconf = spawnSync('postconf', ['-d', 'mail_version'], { encoding: 'utf8' }).status === 0;

describe('a careful submission set-up', () => {
  it('raises nothing above information', () => {
    const loud = checkPaths([careful], defaultSettings).filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(loud.map((f) => `${f.file}:${f.line} ${f.code}`), []);
  });

  it('is clean for real Postfix too', { skip: hasPostconf ? false : 'postconf is not installed' }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-careful-'));
    cpSync(careful, dir, { recursive: true });
    const r = spawnSync('postconf', ['-c', dir, '-n'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
  });

  it('a typo in it is found by both us and Postfix', { skip: hasPostconf ? false : 'postconf is not installed' }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-careful-'));
    cpSync(careful, dir, { recursive: true });
    spawnSync('sh', ['-c', `printf 'smtpd_sasl_auth_enabel = yes\\n' >> ${join(dir, 'main.cf')}`]);
    const ours = checkPaths([dir], defaultSettings).map((f) => f.code);
    const postconf = spawnSync('postconf', ['-c', dir, '-n'], { encoding: 'utf8' }).stderr;
    assert.ok(ours.includes('unknown-parameter'));
    assert.match(postconf, /unused parameter: smtpd_sasl_auth_enabel=yes/);
  });
});
