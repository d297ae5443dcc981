// The file types we understand and how a path maps to one (the CLI and the server share this).

export type LanguageId = 'postfix-main' | 'postfix-master' | 'cyrus-sasl' | 'saslauthd' | 'postfix-sasl-passwd' | 'dovecot';

export const languageIds: readonly LanguageId[] = ['postfix-main', 'postfix-master', 'cyrus-sasl', 'saslauthd', 'postfix-sasl-passwd', 'dovecot'];

/** CLI `--type` names. */
export const typeNames: Record<string, LanguageId> = {
  main: 'postfix-main',
  master: 'postfix-master',
  sasl: 'cyrus-sasl',
  saslauthd: 'saslauthd',
  sasl_passwd: 'postfix-sasl-passwd',
  dovecot: 'dovecot',
};

/** Detects the file type from the path alone, as the VS Code manifest does. */
export function detectLanguage(path: string): LanguageId | undefined {
  const p = path.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (/^main\.cf($|\.)|\.main\.cf$/.test(base)) return 'postfix-main';
  if (/^master\.cf($|\.)|\.master\.cf$/.test(base)) return 'postfix-master';
  if (/(^|\/)(sasl2?|postfix\/sasl)\/[^/]+\.conf$/.test(p) || base === 'smtpd.conf') return 'cyrus-sasl';
  if (base === 'saslauthd' || /(^|\/)(sysconfig|default)\/saslauthd$/.test(p) || /^sasl2-bin\.saslauthd\.default$|saslauthd\.default$/.test(base)) return 'saslauthd';
  if (/sasl_passw(or)?d/.test(base) && !/\.(db|lmdb|cdb|dir|pag)$/.test(base)) return 'postfix-sasl-passwd';
  if (/^postfix-sasl-password\.cf$/.test(base)) return 'postfix-sasl-passwd';
  // Dovecot: dovecot.conf, and the .conf and .conf.ext files of a dovecot/ folder and its conf.d/.
  if (base === 'dovecot.conf' || /(^|\/)dovecot\/conf\.d\/[^/]+\.conf$/.test(p) || /(^|\/)dovecot\/(.+\/)?[^/]+\.conf\.ext$/.test(p) || /(^|\/)dovecot\/[^/]+\.conf$/.test(p)) return 'dovecot';
  return undefined;
}
