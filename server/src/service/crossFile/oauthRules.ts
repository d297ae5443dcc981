// OAuth 2.0 to a smarthost through the sasl-xoauth2 plugin: the mechanism filter, the security options
// and the sasl_passwd entries must agree that the "password" is a token file read by the plugin.
import type { MainCfFile } from '../documents';
import type { Finding } from '../findings';
import type { Instance } from '../instance/instance';
import { mainSettings, type SmtpdService } from '../instance/services';
import { XOAUTH2_EXCLUDED_BY, XOAUTH2_MECHANISM } from '../data/xoauth2';
import { isSaslPasswdFile, type SaslPasswdFile } from '../saslPasswd/saslPasswdFile';
import type { PasswdEntry } from '../saslPasswd/parse';
import { placeOn, type PlacedFinding } from './placed';
import { namedByMain } from './passwdRules';

type WithPassword = PasswdEntry & { password: NonNullable<PasswdEntry['password']> };

/** The entries of the password maps main.cf names that hold a password. */
function credentials(instance: Instance, main: MainCfFile): Array<{ file: SaslPasswdFile; entry: WithPassword }> {
  return instance.files
    .filter(isSaslPasswdFile)
    .filter((f) => namedByMain(f, main))
    .flatMap((file) => file.passwd.entries.filter((e): e is WithPassword => !e.template && e.password !== undefined).map((entry) => ({ file, entry })));
}

/** The security options Cyrus is given once TLS is up (the usual case with a TLS level), else the plain ones. */
function optionsInEffect(s: SmtpdService): { name: string; words: string[] } {
  const level = s.get('smtp_tls_security_level').trim().toLowerCase();
  const name = level === '' || level === 'none' ? 'smtp_sasl_security_options' : 'smtp_sasl_tls_security_options';
  return { name, words: s.words(name).map((w) => w.toLowerCase()) };
}

export function oauthFindings(instance: Instance): PlacedFinding[] {
  const main = instance.main;
  if (!main) return [];
  const s = mainSettings({ main });
  if (!s.yes('smtp_sasl_auth_enable')) return [];
  const filterOrigin = s.origin('smtp_sasl_mechanism_filter');
  if (filterOrigin.template) return [];
  const filter = s.words('smtp_sasl_mechanism_filter').map((w) => w.toLowerCase());
  if (filter.some((w) => w.includes(':'))) return []; // a lookup table: its answer is not known here
  const wantsXoauth2 = filter.includes(XOAUTH2_MECHANISM);
  const onlyXoauth2 = wantsXoauth2 && filter.every((w) => w === XOAUTH2_MECHANISM);
  const entries = credentials(instance, main);
  const out: PlacedFinding[] = [];

  if (!wantsXoauth2) {
    // One finding per file: the first entry whose password is a token file path.
    for (const file of new Set(entries.filter((c) => c.entry.password.text.startsWith('/')).map((c) => c.file))) {
      const first = entries.find((c) => c.file === file && c.entry.password.text.startsWith('/'))!;
      const finding: Finding = {
        code: 'oauth-filter-missing',
        span: first.entry.password.span,
        message: `"${first.entry.password.text}" is a token file path, as sasl-xoauth2 wants it, but smtp_sasl_mechanism_filter does not name xoauth2: when the plugin is not loaded or the relay does not offer XOAUTH2, the client logs in with PLAIN or LOGIN and sends this path as the password. Set smtp_sasl_mechanism_filter = xoauth2 in main.cf.`,
      };
      out.push(...placeOn(file, [finding]));
    }
    return out;
  }

  const options = optionsInEffect(s);
  const excluding = options.words.filter((w) => XOAUTH2_EXCLUDED_BY.includes(w));
  const optionsOrigin = s.origin(options.name);
  if (excluding.length && !optionsOrigin.template) {
    const span = optionsOrigin.nameSpan ?? filterOrigin.nameSpan;
    if (span) {
      out.push(...placeOn(optionsOrigin.file ?? main, [{
        code: 'oauth-security-excludes-xoauth2',
        span,
        message: `${options.name} asks for ${excluding.join(', ')}, a property the XOAUTH2 plugin does not have, so Cyrus never picks XOAUTH2 although smtp_sasl_mechanism_filter names it${onlyXoauth2 ? ': no mechanism is left and every delivery is deferred' : ''}. Keep only noanonymous in ${options.name}.`,
        ...(onlyXoauth2 ? {} : { severity: 'warning' as const }),
      }]));
    }
  }

  if (onlyXoauth2) {
    for (const { file, entry } of entries) {
      if (entry.password.text.includes('/')) continue;
      out.push(...placeOn(file, [{
        code: 'oauth-password-not-token-file',
        span: entry.password.span,
        message: `With smtp_sasl_mechanism_filter = xoauth2 the "password" is the path of the token file that sasl-xoauth2 reads and refreshes; this one is no path, so the plugin cannot open it and the login fails. Write the token file's absolute path here (create it with sasl-xoauth2-tool get-token).`,
      }]));
    }
  }
  return out;
}
