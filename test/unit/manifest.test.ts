// Consistency between package.json's contributions and the files and code they name.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { settingKeys } from '../../server/src/service/settings';
import { LANGUAGE_IDS } from '../../client/src/languages';
import { PROFILE_PROPERTIES, TLS_MODES } from '../../client/src/authTest/options';
import { detectLanguage } from '../../server/src/service/languages';
import { snippetFiles } from '../../server/src/service/snippets';
import { LOG_FIRST_LINE, LOG_LANGUAGE_ID, isLogPath } from '../../server/src/service/logFile/detect';

const root = join(__dirname, '..', '..');
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const pkg = readJson('package.json');
const contributes = pkg.contributes;

/** Keys the client reads itself; the server never sees them. */
const CLIENT_ONLY_KEYS: Record<string, unknown> = {
  'postfixSasl.authTest.profiles': [],
  'postfixSasl.trace.server': 'off',
};

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}
const clientSource = filesUnder('client/src').map((f) => readFileSync(join(root, f), 'utf8')).join('\n');

describe('settings', () => {
  const properties: Record<string, { default: unknown }> = contributes.configuration.properties;

  test('the server-side keys are exactly the ones the server reads', () => {
    const declared = Object.keys(properties).filter((k) => !(k in CLIENT_ONLY_KEYS)).sort();
    assert.deepEqual(declared, Object.keys(settingKeys).sort());
  });

  for (const [key, serverDefault] of Object.entries(settingKeys)) {
    test(`${key} has the server's default`, () => assert.deepEqual(properties[key]?.default, serverDefault));
  }

  for (const [key, clientDefault] of Object.entries(CLIENT_ONLY_KEYS)) {
    test(`client-only ${key} is declared with its default`, () => assert.deepEqual(properties[key]?.default, clientDefault));
  }

  test('the auth-test profile schema declares exactly the properties and TLS modes the client accepts, in user settings only', () => {
    const profiles = properties['postfixSasl.authTest.profiles'] as unknown as { scope: string; items: { properties: Record<string, { enum?: string[] }> } };
    assert.deepEqual(Object.keys(profiles.items.properties).sort(), [...PROFILE_PROPERTIES].sort());
    assert.deepEqual(profiles.items.properties.tls.enum, [...TLS_MODES]);
    assert.ok(['machine', 'application'].includes(profiles.scope), 'a workspace must not be able to redefine a profile');
  });

  test('every key lives under postfixSasl.', () => {
    for (const key of Object.keys(properties)) assert.match(key, /^postfixSasl\./);
  });
});

describe('languages', () => {
  const languages: { id: string; configuration: string }[] = contributes.languages;
  const grammars: { language: string; scopeName: string; path: string }[] = contributes.grammars;

  test('the client starts the server for exactly the contributed languages', () => {
    assert.deepEqual([...LANGUAGE_IDS].sort(), languages.map((l) => l.id).sort());
  });

  test('activation events name every language and command', () => {
    const expected = [...languages.map((l) => `onLanguage:${l.id}`), ...contributes.commands.map((c: { command: string }) => `onCommand:${c.command}`)];
    assert.deepEqual([...pkg.activationEvents].sort(), expected.sort());
  });

  for (const { id, configuration } of languages) {
    test(`${id}: one grammar whose file exists and whose scopeName matches`, () => {
      const mine = grammars.filter((g) => g.language === id);
      assert.equal(mine.length, 1);
      assert.equal(mine[0].scopeName, `source.${id}`);
      assert.ok(existsSync(join(root, mine[0].path)), mine[0].path);
      assert.equal(readJson(mine[0].path).scopeName, `source.${id}`);
    });

    test(`${id}: every scope name in the grammar ends with .${id}`, () => {
      const grammar = readJson(grammars.find((g) => g.language === id)!.path);
      const names = scopeNames(grammar);
      assert.ok(names.length > 3, 'the grammar names some scopes');
      for (const name of names) {
        for (const part of name.split(/\s+/)) assert.ok(part.endsWith(`.${id}`), `${part} does not end with .${id}`);
      }
    });

    test(`${id}: language configuration exists, comments with # (a log has none), word pattern compiles`, () => {
      assert.ok(existsSync(join(root, configuration)), configuration);
      const conf = readJson(configuration);
      if (id === LOG_LANGUAGE_ID) {
        assert.equal(conf.comments, undefined);
        assertWholeWord(conf.wordPattern, 'unknown[192.0.2.1]');
        return;
      }
      assert.equal(conf.comments.lineComment, '#');
      assertWholeWord(conf.wordPattern, 'smtpd_sasl_auth_enable');
      if (id === 'postfix-main' || id === 'postfix-master') {
        for (const word of ['$mydomain', '${mydomain}', '$(mydomain)', 'reject_unauth_destination']) assertWholeWord(conf.wordPattern, word);
      }
    });
  }

  test('the grammars folder holds only contributed grammars', () => {
    const contributed = grammars.map((g) => g.path.replace(/^\.\//, '')).sort();
    assert.deepEqual(readdirSync(join(root, 'syntaxes')).map((f) => `syntaxes/${f}`).sort(), contributed);
  });
});

describe('file associations', () => {
  type Lang = { id: string; filenames?: string[]; filenamePatterns?: string[]; firstLine?: string };
  const languages: Lang[] = contributes.languages;
  /** VS Code's rule: a pattern with a "/" is matched against the whole path, else against the base name. */
  const globToRegExp = (glob: string) =>
    new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '\u0000').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\u0000/g, '(?:.*/)?')}$`);
  const manifestLanguage = (path: string) => {
    const base = path.slice(path.lastIndexOf('/') + 1);
    const hits = languages.filter(
      (l) => (l.filenames ?? []).includes(base) || (l.filenamePatterns ?? []).some((g) => globToRegExp(g).test(g.includes('/') ? path : base)),
    );
    assert.ok(hits.length <= 1, `${path} is claimed by ${hits.map((l) => l.id).join(' and ')}`);
    return hits[0]?.id;
  };
  // The server's detectLanguage (used by the CLI) and the manifest must agree on these.
  const cases: [string, string | undefined][] = [
    ['/etc/postfix/main.cf', 'postfix-main'],
    ['/srv/ansible/templates/main.cf.j2', 'postfix-main'],
    ['/srv/conf/relay.main.cf', 'postfix-main'],
    ['/etc/postfix-out/main.cf.proto', 'postfix-main'],
    ['/etc/postfix/master.cf', 'postfix-master'],
    ['/srv/templates/master.cf.in', 'postfix-master'],
    ['/etc/postfix/sasl/smtpd.conf', 'cyrus-sasl'],
    ['/etc/sasl2/smtpd.conf', 'cyrus-sasl'],
    ['/usr/lib/sasl2/smtpd.conf', 'cyrus-sasl'],
    ['/etc/default/saslauthd', 'saslauthd'],
    ['/etc/sysconfig/saslauthd', 'saslauthd'],
    ['/etc/postfix/sasl_passwd', 'postfix-sasl-passwd'],
    ['/etc/postfix/sasl_password', 'postfix-sasl-passwd'],
    ['/srv/roles/postfix/templates/sasl_passwd.j2', 'postfix-sasl-passwd'],
    ['/etc/postfix/relay_sasl_passwd', 'postfix-sasl-passwd'],
    ['/etc/postfix/sasl_passwd.db', undefined],
    ['/etc/postfix/sasl_passwd.lmdb', undefined],
    ['/etc/postfix/transport', undefined],
    ['/etc/dovecot/dovecot.conf', 'dovecot'],
    ['/etc/dovecot/conf.d/10-master.conf', 'dovecot'],
    ['/etc/dovecot/conf.d/auth-sql.conf.ext', 'dovecot'],
    ['/etc/dovecot/dovecot-sql.conf.ext', 'dovecot'],
    ['/srv/docker/dovecot/local.conf', 'dovecot'],
  ];
  for (const [path, expected] of cases) {
    test(`${path} → ${expected ?? 'none'}`, () => {
      assert.equal(manifestLanguage(path), expected, 'manifest');
      assert.equal(detectLanguage(path), expected, 'server');
    });
  }
  // Mail logs: the manifest and the server's isLogPath agree; detectLanguage (configuration files) leaves them alone.
  const logCases: [string, boolean][] = [
    ['/var/log/mail.log', true],
    ['/var/log/maillog', true],
    ['/var/log/mail.err', true],
    ['/var/log/mail.warn', true],
    ['/var/log/mail.info', true],
    ['/var/log/mail/postfix.log', true],
    ['/var/log/syslog', false],
    ['/var/log/mail.log.1', false],
    ['/srv/app/debug.log', false],
  ];
  for (const [path, isLog] of logCases) {
    test(`${path} → ${isLog ? LOG_LANGUAGE_ID : 'no log'}`, () => {
      assert.equal(manifestLanguage(path), isLog ? LOG_LANGUAGE_ID : undefined, 'manifest');
      assert.equal(isLogPath(path), isLog, 'server');
      assert.equal(detectLanguage(path), undefined, 'not a configuration file');
    });
  }
  test('the manifest\'s firstLine for logs is the server\'s', () => {
    assert.equal(languages.find((l) => l.id === LOG_LANGUAGE_ID)?.firstLine, LOG_FIRST_LINE);
  });
  // Deliberately different: the CLI takes any smtpd.conf it is given, but VS Code must not claim OpenSMTPD's.
  test('VS Code leaves a bare smtpd.conf (OpenSMTPD) alone', () => assert.equal(manifestLanguage('/etc/smtpd.conf'), undefined));
});

describe('snippets', () => {
  // The server offers them (only where a line starts), so the manifest must not contribute them too.
  test('the manifest contributes no snippets; the server serves every file in snippets/ for a contributed language', () => {
    assert.equal(contributes.snippets, undefined);
    const onDisk = readdirSync(join(root, 'snippets')).filter((f) => f.endsWith('.json')).sort();
    assert.deepEqual(Object.keys(snippetFiles).map((language) => `${language}.json`).sort(), onDisk);
    const languageIds = contributes.languages.map((l: { id: string }) => l.id);
    for (const language of Object.keys(snippetFiles)) assert.ok(languageIds.includes(language), language);
  });

  test('every snippet has a prefix, a body and a description; prefixes are unique across files', () => {
    const seen = new Map<string, string>();
    for (const [language, file] of Object.entries(snippetFiles)) {
      for (const [name, snippet] of Object.entries(file ?? {})) {
        assert.ok(snippet.body.length, `${language}: ${name} has a body`);
        assert.ok(snippet.description, `${language}: ${name} has a description`);
        assert.match(snippet.prefix, /^[a-z0-9-]+$/, `${language}: ${name} has a one-word prefix`);
        assert.ok(!seen.has(snippet.prefix), `prefix ${snippet.prefix} in ${language} is also used in ${seen.get(snippet.prefix)}`);
        seen.set(snippet.prefix, language);
      }
    }
  });
});

describe('commands', () => {
  const commands: { command: string; title: string; category: string }[] = contributes.commands;
  const registered = [...clientSource.matchAll(/registerCommand\(\s*'([^']+)'/g)].map((m) => m[1]);

  test('every contributed command is registered in client/src, and every registered one is contributed', () => {
    assert.deepEqual([...new Set(registered)].sort(), commands.map((c) => c.command).sort());
  });

  test('every menu entry names a contributed command', () => {
    const entries = Object.values((contributes.menus ?? {}) as Record<string, Array<{ command: string }>>).flat();
    for (const e of entries) assert.ok(commands.some((c) => c.command === e.command), e.command);
  });

  test('every command has a title and the category "Postfix SASL"', () => {
    for (const c of commands) {
      assert.ok(c.title, c.command);
      assert.equal(c.category, 'Postfix SASL');
    }
  });
});

test('main points at the bundle that scripts/build.mjs writes for the client', () => {
  assert.equal(pkg.main, './dist/extension.js');
  assert.match(readFileSync(join(root, 'scripts/build.mjs'), 'utf8'), /client\/src\/extension\.ts'[^\n]*dist\/extension\.js/);
});

/** Every scope a grammar assigns: `name` and `contentName` of rules and captures (not the display name). */
function scopeNames(grammar: { patterns?: unknown[]; repository?: Record<string, unknown> }): string[] {
  const out: string[] = [];
  const visit = (rule: unknown) => {
    if (!rule || typeof rule !== 'object') return;
    const r = rule as Record<string, unknown>;
    for (const key of ['name', 'contentName']) if (typeof r[key] === 'string') out.push(r[key] as string);
    for (const key of ['captures', 'beginCaptures', 'endCaptures', 'whileCaptures']) {
      if (r[key] && typeof r[key] === 'object') Object.values(r[key] as object).forEach(visit);
    }
    if (Array.isArray(r.patterns)) r.patterns.forEach(visit);
    if (r.repository && typeof r.repository === 'object') Object.values(r.repository as object).forEach(visit);
  };
  (grammar.patterns ?? []).forEach(visit);
  Object.values(grammar.repository ?? {}).forEach(visit);
  return out;
}

/** The word VS Code would take around `word` in a line: the pattern must match it in one piece. */
function assertWholeWord(pattern: string, word: string): void {
  const re = new RegExp(pattern, 'g');
  const line = `x = ${word}, y`;
  const hits = [...line.matchAll(re)].map((m) => m[0]);
  assert.ok(hits.includes(word), `word pattern ${pattern} splits ${word}: ${JSON.stringify(hits)}`);
}
