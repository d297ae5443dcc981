// The instance model on in-memory trees: which files it finds, why, what it looked for in vain, and
// how it survives hostile trees (loops, huge globs, folders and FIFOs where files should be).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseText } from '../../server/src/service/analyze';
import type { Layout } from '../../server/src/service/instance/assemble';
import { checkInstance } from '../../server/src/service/instance/check';
import { resolvedFileHover } from '../../server/src/service/instance/hover';
import { buildInstance } from '../../server/src/service/instance/instance';
import { locateLayouts } from '../../server/src/service/instance/locate';
import { joinPath, normalPath } from '../../server/src/service/instance/paths';
import { memoryReader, type MemoryEntry } from '../../server/src/service/instance/reader';
import { defaultSettings } from '../../server/src/service/settings';

type Tree = Record<string, MemoryEntry>;

function locate(tree: Tree, paths: string[], root?: string): Layout[] {
  return locateLayouts(paths, { reader: memoryReader(tree), parse: (path, languageId, text) => parseText(path, languageId, text, defaultSettings), root });
}

/** `path: reason` of each member, the tree's root cut off. */
const members = (layout: Layout, cut = '') => layout.members.map((m) => `${m.path.slice(cut.length)}: ${m.reason}`);
const memberPaths = (layout: Layout, cut = '') => layout.members.map((m) => m.path.slice(cut.length));
const codesByFile = (layout: Layout, cut = '') => checkInstance(buildInstance(layout), defaultSettings).flatMap((r) => r.findings.map((f) => `${r.path.slice(cut.length)}:${r.file.lines.positionAt(f.span.start).line + 1}:${f.code}`));

const AUTH = 'smtpd_sasl_auth_enable = yes\nsmtpd_tls_chain_files = /etc/ssl/k.pem\nsmtpd_tls_auth_only = yes\n';

describe('paths', () => {
  test('one normaliser: slashes, dots, /var/run', () => {
    assert.equal(normalPath('/var/run//saslauthd/'), '/run/saslauthd');
    assert.equal(normalPath('/var/spool/postfix/./private/../private/auth'), '/var/spool/postfix/private/auth');
    assert.equal(joinPath('/srv/image', '/etc/sasl2'), '/srv/image/etc/sasl2');
  });
});

describe('finding the files of an instance', () => {
  test('Red Hat: /etc/sasl2/smtpd.conf and /etc/sysconfig/saslauthd, resolved under the tree that holds etc/', () => {
    const r = '/repo';
    const [layout] = locate({ [`${r}/etc/postfix/main.cf`]: AUTH, [`${r}/etc/postfix/master.cf`]: 'smtp inet n - n - - smtpd\n', [`${r}/etc/sasl2/smtpd.conf`]: 'pwcheck_method: saslauthd\n', [`${r}/etc/sysconfig/saslauthd`]: 'MECH=pam\n' }, [`${r}/etc/postfix`]);
    assert.deepEqual(memberPaths(layout, r), ['/etc/postfix/main.cf', '/etc/postfix/master.cf', '/etc/sasl2/smtpd.conf', '/etc/sysconfig/saslauthd']);
    assert.match(members(layout, r)[2], /Cyrus SASL file of smtpd_sasl_path = smtpd, first found in the Cyrus SASL search list \(\/etc\/sasl2\)/);
  });

  test('the search list in order: Debian\'s $config_directory/sasl before /etc/sasl2', () => {
    const [layout] = locate({ '/r/etc/postfix/main.cf': AUTH, '/r/etc/postfix/sasl/smtpd.conf': 'pwcheck_method: auxprop\n', '/r/etc/sasl2/smtpd.conf': 'pwcheck_method: saslauthd\n' }, ['/r/etc/postfix/main.cf']);
    assert.ok(memberPaths(layout, '/r').includes('/etc/postfix/sasl/smtpd.conf'));
    assert.ok(!memberPaths(layout, '/r').includes('/etc/sasl2/smtpd.conf'));
  });

  test('cyrus_sasl_config_path and per-service -o smtpd_sasl_path name the file', () => {
    const tree = {
      '/r/etc/postfix/main.cf': AUTH + 'cyrus_sasl_config_path = /opt/sasl\n',
      '/r/etc/postfix/master.cf': 'smtp inet n - n - - smtpd\nsubmission inet n - n - - smtpd\n  -o smtpd_sasl_path=submit\n',
      '/r/opt/sasl/smtpd.conf': 'pwcheck_method: auxprop\n',
      '/r/opt/sasl/submit.conf': 'pwcheck_method: auxprop\n',
      '/r/etc/sasl2/smtpd.conf': 'pwcheck_method: saslauthd\n',
    };
    const [layout] = locate(tree, ['/r/etc/postfix/main.cf']);
    assert.deepEqual(memberPaths(layout, '/r').filter((p) => p.endsWith('.conf')), ['/opt/sasl/smtpd.conf', '/opt/sasl/submit.conf']);
    assert.ok(layout.members.find((m) => m.path.endsWith('submit.conf'))!.reason.includes('-o smtpd_sasl_path=submit of service "submission"'));
  });

  test('what was looked for and not found, with every place tried', () => {
    const [layout] = locate({ '/r/etc/postfix/main.cf': AUTH }, ['/r/etc/postfix/main.cf']);
    const cyrus = layout.missing.find((l) => l.what.startsWith('smtpd.conf'))!;
    assert.deepEqual(cyrus.looked.map((p) => p.slice(2)), ['/etc/postfix/sasl/smtpd.conf', '/etc/sasl2/smtpd.conf', '/etc/sasl/smtpd.conf', '/usr/lib/x86_64-linux-gnu/sasl2/smtpd.conf', '/usr/lib/sasl2/smtpd.conf', '/usr/lib64/sasl2/smtpd.conf', '/usr/local/lib/sasl2/smtpd.conf', '/usr/local/etc/sasl2/smtpd.conf']);
    assert.ok(layout.missing.some((l) => l.what === 'master.cf'));
  });

  test('Dovecot only when a service uses it, with its includes', () => {
    const dovecot = { '/r/etc/dovecot/dovecot.conf': '!include conf.d/*.conf\n', '/r/etc/dovecot/conf.d/10-auth.conf': 'auth_mechanisms = plain\n' };
    const [cyrus] = locate({ '/r/etc/postfix/main.cf': AUTH, ...dovecot }, ['/r/etc/postfix/main.cf']);
    assert.ok(!memberPaths(cyrus).some((p) => p.includes('dovecot')));
    const [withDovecot] = locate({ '/r/etc/postfix/main.cf': AUTH + 'smtpd_sasl_type = dovecot\n', ...dovecot }, ['/r/etc/postfix/main.cf']);
    assert.deepEqual(memberPaths(withDovecot, '/r').filter((p) => p.includes('dovecot')), ['/etc/dovecot/dovecot.conf', '/etc/dovecot/conf.d/10-auth.conf']);
  });

  test('the SASL maps main.cf names, with their compiled forms', () => {
    const [layout] = locate({ '/r/etc/postfix/main.cf': 'smtp_sasl_password_maps = hash:$config_directory/sasl_passwd\n', '/r/etc/postfix/sasl_passwd': 'x u:p\n', '/r/etc/postfix/sasl_passwd.db': { mtimeMs: 5 } }, ['/r/etc/postfix/main.cf']);
    const map = layout.members.find((m) => m.path.endsWith('sasl_passwd'))!;
    assert.equal(map.reason, 'smtp_sasl_password_maps names it');
    assert.deepEqual(map.compiled, [{ path: '/r/etc/postfix/sasl_passwd.db', mtimeMs: 5 }]);
  });

  test('multi_instance_directories: each further instance is its own', () => {
    const layouts = locate({ '/r/etc/postfix/main.cf': 'multi_instance_directories = /etc/postfix-out\n', '/r/etc/postfix-out/main.cf': 'myhostname = out.example\n' }, ['/r/etc/postfix']);
    assert.deepEqual(layouts.map((l) => l.configDirectory), ['/r/etc/postfix', '/r/etc/postfix-out']);
  });

  test('a folder with no etc/ above: siblings stand in, and nothing outside it is read', () => {
    const [layout] = locate({ '/work/cfg/main.cf': AUTH, '/work/cfg/sasl/smtpd.conf': 'pwcheck_method: auxprop\n', '/etc/sasl2/smtpd.conf': 'pwcheck_method: saslauthd\n' }, ['/work/cfg']);
    assert.deepEqual(memberPaths(layout), ['/work/cfg/main.cf', '/work/cfg/sasl/smtpd.conf']);
  });

  test('--root: the host\'s /etc is never read', () => {
    const [layout] = locate({ '/img/etc/postfix/main.cf': AUTH, '/etc/sasl2/smtpd.conf': 'pwcheck_method: saslauthd\n' }, ['/img/etc/postfix/main.cf'], '/img');
    assert.ok(!layout.members.some((m) => m.path.startsWith('/etc/')));
  });

  test('a member file finds its instance: smtpd.conf in sasl2/ leads to /etc/postfix', () => {
    const [layout] = locate({ '/r/etc/postfix/main.cf': AUTH, '/r/etc/sasl2/smtpd.conf': 'pwcheck_method: auxprop\n' }, ['/r/etc/sasl2/smtpd.conf']);
    assert.equal(layout.configDirectory, '/r/etc/postfix');
  });
});

describe('bad input: a note naming the file, the rest still checked', () => {
  test('an include loop is read once', () => {
    const tree = { '/r/etc/postfix/main.cf': AUTH + 'smtpd_sasl_type = dovecot\n', '/r/etc/dovecot/dovecot.conf': '!include conf.d/*.conf\n', '/r/etc/dovecot/conf.d/a.conf': '!include ../dovecot.conf\n' };
    const [layout] = locate(tree, ['/r/etc/postfix']);
    assert.equal(layout.notes.length, 1);
    assert.match(layout.notes[0].message, /a\.conf includes .*dovecot\.conf, which includes it back/);
    assert.ok(codesByFile(layout, '/r').includes('/etc/dovecot/conf.d/a.conf:1:instance-file-unusable'));
  });

  test('a glob over 10,000 files stops at the bound', () => {
    const tree: Tree = { '/r/etc/postfix/main.cf': 'smtpd_sasl_type = dovecot\n', '/r/etc/dovecot/dovecot.conf': '!include conf.d/*.conf\n' };
    for (let i = 0; i < 10_000; i++) tree[`/r/etc/dovecot/conf.d/${String(i).padStart(5, '0')}.conf`] = 'auth_verbose = no\n';
    const [layout] = locate(tree, ['/r/etc/postfix']);
    assert.ok(layout.members.length < 300, `${layout.members.length} members`);
    assert.match(layout.notes[0].message, /more than 200 files/);
  });

  test('a folder, a FIFO and an unreadable file where files should be', () => {
    const tree: Tree = { '/r/etc/postfix/main.cf': AUTH + 'smtpd_sasl_type = cyrus\n', '/r/etc/postfix/master.cf': { kind: 'other' }, '/r/etc/postfix/sasl/smtpd.conf/x': 'x', '/r/etc/sysconfig/saslauthd': { text: 'MECH=pam\n', unreadable: true } };
    const [layout] = locate(tree, ['/r/etc/postfix']);
    assert.deepEqual(layout.notes.map((n) => n.path.slice(2)).sort(), ['/etc/postfix/master.cf', '/etc/postfix/sasl/smtpd.conf', '/etc/sysconfig/saslauthd']);
    const codes = codesByFile(layout, '/r');
    assert.ok(codes.filter((c) => c.endsWith('instance-file-unusable')).length === 3, codes.join(' '));
    // The rest is still checked: main.cf is read, and without master.cf its one smtpd is judged.
    assert.deepEqual(checkInstance(buildInstance(layout), defaultSettings).filter((r) => r.file.text !== '').map((r) => r.path.slice(2)), ['/etc/postfix/main.cf']);
  });
});

describe('one run per instance: findings land on every member', () => {
  test('the Cyrus file of a Debian chroot gets its finding when main.cf is checked', () => {
    const tree = {
      '/r/etc/postfix/main.cf': AUTH,
      '/r/etc/postfix/master.cf': 'smtp inet n - y - - smtpd\n',
      '/r/etc/postfix/sasl/smtpd.conf': 'pwcheck_method: saslauthd\nmech_list: PLAIN LOGIN CRAM-MD5\n',
      '/r/etc/default/saslauthd': 'START=yes\nMECHANISMS="pam"\nOPTIONS="-c -m /var/run/saslauthd"\n',
    };
    const codes = codesByFile(locate(tree, ['/r/etc/postfix/main.cf'])[0], '/r');
    assert.ok(codes.includes('/etc/postfix/sasl/smtpd.conf:2:cyrus-mech-needs-secret'), codes.join(' '));
    assert.ok(codes.includes('/etc/default/saslauthd:3:saslauthd-socket-outside-chroot'), codes.join(' '));
  });
});

describe('hover on a parameter that names a file', () => {
  const tree = {
    '/r/etc/postfix/main.cf': AUTH + 'smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n',
    '/r/etc/postfix/master.cf': 'submission inet n - n - - smtpd\n  -o smtpd_sasl_path=submit\n',
    '/r/etc/sasl2/submit.conf': 'pwcheck_method: auxprop\n',
  };
  const instance = buildInstance(locate(tree, ['/r/etc/postfix'])[0]);
  const at = (path: string, needle: string) => {
    const file = instance.files.find((f) => f.uri === path)!;
    return resolvedFileHover(instance, file, file.text.indexOf(needle) + 2);
  };

  test('-o smtpd_sasl_path= in master.cf: the Cyrus file found for it', () => {
    assert.match(at('/r/etc/postfix/master.cf', 'smtpd_sasl_path')!, /`\/etc\/sasl2\/submit\.conf` \(in this tree: `\/r\/etc\/sasl2\/submit\.conf`\): Cyrus SASL file of -o smtpd_sasl_path=submit/);
  });

  test('a map that is not there: the places looked in', () => {
    assert.match(at('/r/etc/postfix/main.cf', 'smtp_sasl_password_maps')!, /Not found: `\/r\/etc\/postfix\/sasl_passwd`/);
  });

  test('a parameter that names no file: nothing added', () => {
    assert.equal(at('/r/etc/postfix/main.cf', 'smtpd_tls_auth_only'), undefined);
  });
});
