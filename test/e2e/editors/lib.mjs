// What the real-editor tests share: the README's set-up snippets (taken from the README itself, so the
// two cannot drift), a Postfix instance with one known mistake in each of our six file types, and an
// environment that keeps the editor away from the user's own configuration.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const PLACEHOLDER = '/path/to/postfix-sasl';

/** The fenced block after `<!-- editor-setup: NAME -->` in the README, pointed at this checkout. */
export function readmeSnippet(name) {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const m = new RegExp(`<!-- editor-setup: ${name} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\`\\n`).exec(readme);
  if (!m) throw new Error(`README.md has no snippet marked <!-- editor-setup: ${name} -->`);
  if (!m[1].includes(PLACEHOLDER)) throw new Error(`the ${name} snippet does not start the server from ${PLACEHOLDER}`);
  return m[1].split(PLACEHOLDER).join(ROOT);
}

/** One file of each type, each with a mistake the server reports under `code`. */
export const instanceFiles = [
  { path: 'etc/postfix/main.cf', languageId: 'postfix-main', code: 'invalid-boolean', text: 'smtpd_sasl_auth_enabel = yes\nsmtpd_sasl_auth_enable = maybe\nsmtpd_sasl_au\n' },
  { path: 'etc/postfix/master.cf', languageId: 'postfix-master', code: 'invalid-boolean', text: 'smtp      inet  n       -       y       -       -       smtpd\n  -o smtpd_tls_auth_only=maybe\n' },
  { path: 'etc/postfix/sasl/smtpd.conf', languageId: 'cyrus-sasl', code: 'cyrus-mech-needs-secret', text: 'pwcheck_method: saslauthd\nmech_list: PLAIN LOGIN CRAM-MD5\n' },
  { path: 'etc/postfix/sasl_passwd', languageId: 'postfix-sasl-passwd', code: 'sasl-passwd-missing-credentials', text: '[smtp.example.com]:587 alice\n', mode: 0o600 },
  { path: 'etc/default/saslauthd', languageId: 'saslauthd', code: 'saslauthd-several-mechanisms', text: 'START=yes\nMECHANISMS="pam shadow"\nOPTIONS="-c -m /var/run/saslauthd"\n' },
  { path: 'etc/dovecot/dovecot.conf', languageId: 'dovecot', code: 'dovecot-unknown-mechanism', text: 'auth_mechanisms = plain login frobnicate\n' },
];

/** Writes `instanceFiles` under `dir`; returns their absolute paths in the same order. */
export function writeInstance(dir) {
  return instanceFiles.map((f) => {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text, { mode: f.mode ?? 0o644 });
    return path;
  });
}

/** HOME and the XDG folders inside `dir`, so no user configuration or state is read or written. */
export function isolatedEnv(dir) {
  const env = { ...process.env };
  for (const [name, sub] of [['HOME', 'home'], ['XDG_CONFIG_HOME', 'config'], ['XDG_DATA_HOME', 'data'], ['XDG_STATE_HOME', 'state'], ['XDG_CACHE_HOME', 'cache']]) {
    env[name] = join(dir, sub);
    mkdirSync(env[name], { recursive: true });
  }
  return env;
}
