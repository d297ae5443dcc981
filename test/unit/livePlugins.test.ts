// The Cyrus plugins of the machine reach the mechanism model: the live check lists the plugin folder
// through the reader, and a plugin that is not installed is not offered (mech_list or not).
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { installedCyrusPlugins } from '../../server/src/cli/livePlugins';
import { diskReader } from '../../server/src/diskReader';
import { parseText } from '../../server/src/service/analyze';
import { buildInstance } from '../../server/src/service/instance/instance';
import { locateLayouts } from '../../server/src/service/instance/locate';
import { memoryReader, type MemoryEntry } from '../../server/src/service/instance/reader';
import { instanceMechanisms } from '../../server/src/service/smtpd/mechanisms/model';
import { defaultSettings } from '../../server/src/service/settings';

const MAIN = 'smtpd_sasl_auth_enable = yes\nsmtpd_sasl_security_options = noanonymous\n';
const CYRUS_NO_LIST = 'pwcheck_method: saslauthd\n';
const MULTIARCH = '/usr/lib/x86_64-linux-gnu/sasl2';
const plugins = (folder: string, names: string[]) => Object.fromEntries(names.map((n) => [`${folder}/${n}`, '']));
const DEBIAN = ['libanonymous.so.2', 'libcrammd5.so', 'libdigestmd5.so', 'liblogin.so.2.0.25', 'libntlm.so', 'libplain.so', 'libsasldb.so', 'libscram.so'];

/** What smtpd offers before TLS on a machine with these files, and whether the plugin set was assumed. */
function offered(machine: Record<string, MemoryEntry>, cyrus = CYRUS_NO_LIST): string {
  const reader = memoryReader({ '/etc/postfix/main.cf': MAIN, '/etc/postfix/sasl/smtpd.conf': cyrus, ...machine });
  const [layout] = locateLayouts(['/etc/postfix'], { reader, parse: (path, languageId, text) => parseText(path, languageId, text, defaultSettings) });
  const cyrusPlugins = installedCyrusPlugins(reader);
  const [m] = instanceMechanisms(buildInstance(cyrusPlugins ? { ...layout, cyrusPlugins } : layout));
  return `${[...(m.beforeTls?.offered ?? ['?'])].sort().join(' ') || '(none)'}${m.backend?.assumed ? ' (assumed)' : ''}${m.fatal ? ` | fatal ${m.fatal}` : ''}`;
}

describe('installed Cyrus plugins in the mechanism model', () => {
  const SCRAMS = 'SCRAM-SHA-1 SCRAM-SHA-224 SCRAM-SHA-256 SCRAM-SHA-384 SCRAM-SHA-512';
  const cases: Array<{ name: string; machine: Record<string, MemoryEntry>; cyrus?: string; expected: string }> = [
    { name: "Debian's libsasl2-modules: every plugin", machine: plugins(MULTIARCH, DEBIAN), expected: `CRAM-MD5 DIGEST-MD5 LOGIN NTLM PLAIN ${SCRAMS}` },
    { name: 'no libplain: no PLAIN', machine: plugins(MULTIARCH, DEBIAN.filter((f) => !f.startsWith('libplain'))), expected: `CRAM-MD5 DIGEST-MD5 LOGIN NTLM ${SCRAMS}` },
    { name: 'no libplain, though mech_list names PLAIN', machine: plugins(MULTIARCH, ['liblogin.so', 'libsasldb.so']), cyrus: 'pwcheck_method: saslauthd\nmech_list: PLAIN LOGIN\n', expected: 'LOGIN' },
    { name: 'libsasl2-modules not installed (libsasldb only): smtpd dies', machine: plugins(MULTIARCH, ['libsasldb.so.2']), expected: '(none) | fatal before-tls' },
    { name: 'a folder without plugins is passed over', machine: { '/usr/lib/sasl2/berkeley_db.txt': '', ...plugins('/usr/lib64/sasl2', ['libplain.so']) }, expected: 'PLAIN' },
    { name: 'no plugin folder: the usual set is assumed', machine: { '/usr/lib/sasl2/berkeley_db.txt': '' }, expected: `CRAM-MD5 DIGEST-MD5 LOGIN NTLM PLAIN ${SCRAMS} (assumed)` },
  ];
  for (const c of cases) test(c.name, () => assert.equal(offered(c.machine, c.cyrus), c.expected));
});

describe('the plugin folder of this machine', () => {
  const folder = MULTIARCH;
  test('is read through the disk reader', { skip: !existsSync(`${folder}/libplain.so`) && `no Cyrus plugins in ${folder}` }, () => {
    const expected = [...new Set(readdirSync(folder).flatMap((f) => /^lib([a-z0-9]+)\.so/.exec(f)?.[1] ?? []))].sort();
    assert.deepEqual([...(installedCyrusPlugins(diskReader) ?? [])].sort(), expected);
    assert.ok(expected.includes('plain'));
  });
});
