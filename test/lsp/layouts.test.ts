// Every distribution layout under test/fixtures/layouts: the members the model finds, the findings on
// the right lines, and the same findings from `check` of the config folder, of etc/, of the root, and
// from the editor with only main.cf open (the other members are published although not open).
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { checkPaths } from '../../server/src/cli/check';
import { locateForCli } from '../../server/src/cli/locateForCli';
import { defaultSettings } from '../../server/src/service/settings';
import { startServer, type TestClient } from '../helpers/lspClient';

const layouts = join(__dirname, '..', 'fixtures', 'layouts');

interface Layout {
  /** config_directory of each instance, from the layout's root. */
  configs: string[];
  /** The members of the first instance, in the order found. */
  members: string[];
  /** What is looked for and not found, in part. */
  missing?: string;
  /** `path:line:code` of every finding. */
  findings: string[];
}

const expected: Record<string, Layout> = {
  redhat: { configs: ['etc/postfix'], members: ['etc/postfix/main.cf', 'etc/postfix/master.cf', 'etc/sasl2/smtpd.conf', 'etc/sysconfig/saslauthd'], findings: ['etc/postfix/main.cf:8:sasl-realm-breaks-saslauthd', 'etc/sasl2/smtpd.conf:2:cyrus-mech-needs-secret'] },
  debian: { configs: ['etc/postfix'], members: ['etc/postfix/main.cf', 'etc/postfix/master.cf', 'etc/postfix/sasl/smtpd.conf', 'etc/default/saslauthd'], findings: ['etc/default/saslauthd:5:saslauthd-socket-outside-chroot'] },
  suse: { configs: ['etc/postfix'], members: ['etc/postfix/main.cf', 'etc/postfix/master.cf', 'etc/sasl2/smtpd.conf'], missing: "saslauthd's settings", findings: ['etc/postfix/main.cf:8:sasl-realm-sasldb'] },
  alpine: { configs: ['etc/postfix'], members: ['etc/postfix/main.cf', 'etc/postfix/master.cf', 'etc/sasl2/smtpd.conf', 'etc/conf.d/saslauthd'], findings: ['etc/conf.d/saslauthd:1:saslauthd-socket-mismatch'] },
  freebsd: {
    configs: ['usr/local/etc/postfix'],
    members: ['usr/local/etc/postfix/main.cf', 'usr/local/etc/postfix/master.cf', 'usr/local/lib/sasl2/smtpd.conf', 'etc/rc.conf.d/saslauthd', 'usr/local/etc/postfix/sasl_passwd'],
    // A git checkout leaves sasl_passwd readable by all (mode 644), as a careless copy would.
    findings: ['usr/local/etc/postfix/sasl_passwd:1:sasl-passwd-key-never-used', 'usr/local/etc/postfix/sasl_passwd:1:sasl-passwd-readable', 'usr/local/lib/sasl2/smtpd.conf:2:cyrus-mech-needs-secret'],
  },
  container: { configs: ['etc/postfix'], members: ['etc/postfix/main.cf', 'etc/postfix/master.cf'], missing: 'dovecot.conf', findings: [] },
  'two-instances': {
    configs: ['etc/postfix', 'etc/postfix-out'],
    members: ['etc/postfix/main.cf', 'etc/postfix/master.cf', 'etc/sasl2/smtpd.conf'],
    findings: ['etc/postfix-out/main.cf:5:sasl-plaintext-over-clear', 'etc/sasl2/out.conf:2:cyrus-mech-needs-secret', 'etc/sasl2/smtpd.conf:2:cyrus-mech-needs-secret'],
  },
};

const settings = { ...defaultSettings, maxFileSize: 256 * 1024 * 1024 };
const cli = (root: string, paths: string[]) => checkPaths(paths.map((p) => join(root, p)), settings).map((f) => `${relative(root, f.file)}:${f.line}:${f.code}`).sort();
/** `path:line:column:code` of every finding, for comparing front ends. */
const cliExact = (root: string) => checkPaths([root], settings).map((f) => `${relative(root, f.file)}:${f.line}:${f.column}:${f.code}`).sort();

describe('distribution layouts', () => {
  for (const [name, want] of Object.entries(expected)) {
    const root = join(layouts, name);
    it(`${name}: the members, why they belong, and the findings on their lines`, () => {
      const found = locateForCli([root], settings);
      assert.deepEqual(found.map((l) => relative(root, l.configDirectory!)), want.configs);
      assert.deepEqual(found[0].members.map((m) => relative(root, m.path)), want.members);
      assert.ok(found[0].members.every((m) => m.reason.length > 0));
      if (want.missing) assert.ok(found[0].missing.some((l) => l.what.startsWith(want.missing!)), found[0].missing.map((l) => l.what).join('; '));
      assert.deepEqual(cli(root, want.configs), want.findings);
    });
    it(`${name}: check of the config folder, of its etc/ and of the root agree`, () => {
      const etc = want.configs[0].replace(/\/postfix$/, '');
      assert.deepEqual(cli(root, ['.']), want.findings);
      assert.deepEqual(cli(root, [etc]), want.findings);
    });
  }
});

describe('the editor and the CLI give the same findings on every layout', () => {
  let client: TestClient;
  before(async () => {
    client = await startServer({ settings: { debounceMs: 0 } });
  });
  after(async () => {
    await client.stop();
  });
  for (const [name, want] of Object.entries(expected)) {
    it(`${name}: only main.cf open, every member published`, async () => {
      const root = join(layouts, name);
      const layoutsFound = locateForCli([root], settings);
      const members = layoutsFound.flatMap((l) => l.members.filter((m) => m.languageId).map((m) => m.path));
      const published = Promise.all(members.map((path) => client.nextDiagnostics(pathToFileURL(path).toString())));
      const mains = want.configs.map((c) => join(root, c, 'main.cf'));
      for (const main of mains) {
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(main).toString(), languageId: 'postfix-main', version: 1, text: readFileSync(main, 'utf8') } });
      }
      const editor = (await published).flatMap((p, i) => p.diagnostics.map((d) => `${relative(root, members[i])}:${d.range.start.line + 1}:${d.range.start.character + 1}:${String(d.code)}`)).sort();
      assert.deepEqual(editor, cliExact(root));
      for (const main of mains) await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: pathToFileURL(main).toString() } });
    });
  }
  it('hover on a master.cf service names its mechanisms before and after TLS and what its lists do', async () => {
    const master = join(layouts, 'debian', 'etc', 'postfix', 'master.cf');
    const uri = pathToFileURL(master).toString();
    const text = readFileSync(master, 'utf8');
    const line = text.split('\n').findIndex((l) => l.startsWith('submission'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-master', version: 1, text } });
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 3 } })) as { contents: { value: string } };
    assert.match(hover.contents.value, /\*\*AUTH on service "submission"\*\*[\s\S]*Before TLS: not announced[\s\S]*After TLS: `PLAIN` `LOGIN`[\s\S]*\*\*authenticated users\*\*: relayed/);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });
  it('hover on the parameter that names a file says which file it resolved to', async () => {
    const main = join(layouts, 'freebsd', 'usr', 'local', 'etc', 'postfix', 'main.cf');
    const uri = pathToFileURL(main).toString();
    const text = readFileSync(main, 'utf8');
    const line = text.split('\n').findIndex((l) => l.startsWith('smtp_sasl_password_maps'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-main', version: 1, text } });
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 3 } })) as { contents: { value: string } };
    assert.match(hover.contents.value, /Files of this instance[\s\S]*`\/usr\/local\/etc\/postfix\/sasl_passwd` \(in this tree: `[^`]*layouts\/freebsd\/usr\/local\/etc\/postfix\/sasl_passwd`\): smtp_sasl_password_maps names it/);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });
});
