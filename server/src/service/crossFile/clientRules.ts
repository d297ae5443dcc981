// Postfix as an SMTP AUTH client (smtp_sasl_*), judged on main.cf.
import { pluginToMechanism } from '../data/cyrusOptions';
import type { MainCfFile } from '../documents';
import type { Finding } from '../findings';
import { addWordFix } from './serverRules';
import { mainSettings } from '../instance/services';

const PROTECTED_LEVELS = new Set(['encrypt', 'dane', 'dane-only', 'fingerprint', 'verify', 'secure', 'may']);

/** 10/8, 172.16/12, 192.168/16, loopback: a relay reached over a private network. */
function privateRelay(relayhost: string): boolean {
  const host = relayhost.replace(/^\[/, '').replace(/\](:\d+)?$/, '').replace(/:\d+$/, '');
  return /^(10\.|127\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(host) || host === 'localhost' || host === '::1';
}

export function clientFindings(main: MainCfFile): Finding[] {
  const s = mainSettings({ main });
  const out: Finding[] = [];
  const doc = main.main;
  const enable = s.origin('smtp_sasl_auth_enable');
  if (!s.yes('smtp_sasl_auth_enable') || !enable.nameSpan || enable.template) {
    return out.concat(mechanismFilter(main));
  }
  const maps = s.get('smtp_sasl_password_maps').trim();
  if (!maps) {
    out.push({ code: 'sasl-client-no-password-maps', span: enable.nameSpan, message: 'smtp_sasl_auth_enable = yes, but smtp_sasl_password_maps is empty: the smtp client stops with a fatal error ("specify a password table") on every delivery, so no mail leaves. Set smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd.' });
  }
  const options = s.origin('smtp_sasl_security_options');
  // A mechanism filter without ANONYMOUS already keeps the client from choosing it.
  const filter = s.words('smtp_sasl_mechanism_filter').map((w) => w.toLowerCase());
  const filtered = filter.length > 0 && !filter.some((w) => w === 'anonymous' || w.includes(':'));
  if (!s.words('smtp_sasl_security_options').includes('noanonymous') && !filtered && options.nameSpan && !options.template) {
    out.push({
      code: 'sasl-anonymous-allowed',
      span: options.nameSpan,
      message: 'smtp_sasl_security_options lacks "noanonymous": the client may log in anonymously when the relay offers it, and the relay then treats the mail as unauthenticated. Add noanonymous.',
      fix: addWordFix(options, 'noanonymous', 'Add noanonymous'),
    });
  }
  const tlsOptions = s.words('smtp_sasl_tls_security_options');
  if (maps && tlsOptions.includes('noplaintext')) {
    const tlsOrigin = s.origin('smtp_sasl_tls_security_options');
    const anchor = tlsOrigin.nameSpan ?? options.nameSpan ?? enable.nameSpan;
    const insertAt = (tlsOrigin.span ?? options.span ?? enable.span)!.end;
    out.push({
      code: 'sasl-client-no-worthy-mechs',
      span: anchor,
      message: `${tlsOrigin.nameSpan ? 'smtp_sasl_tls_security_options' : 'The default smtp_sasl_security_options (noplaintext, noanonymous), which also applies over TLS,'} forbids PLAIN and LOGIN even inside TLS. Most providers offer only those, and delivery fails with "no worthy mechs". Set smtp_sasl_tls_security_options = noanonymous.`,
      ...(tlsOrigin.nameSpan ? {} : { fix: { kind: 'replace' as const, span: { start: insertAt, end: insertAt }, text: '\nsmtp_sasl_tls_security_options = noanonymous', title: 'Allow PLAIN/LOGIN over TLS' } }),
    });
  }
  const level = (s.get('smtp_tls_security_level').trim() || (s.yes('smtp_enforce_tls') ? 'encrypt' : s.yes('smtp_use_tls') ? 'may' : 'none')).toLowerCase();
  const relayhost = s.get('relayhost').trim();
  if (maps && !PROTECTED_LEVELS.has(level) && !doc.byName.get('smtp_tls_policy_maps')) {
    const levelOrigin = s.origin('smtp_tls_security_level');
    out.push({
      code: 'sasl-client-password-without-tls',
      span: levelOrigin.nameSpan ?? enable.nameSpan,
      message: `The client sends passwords from smtp_sasl_password_maps, but smtp_tls_security_level is "${level}": the login to the relay goes without TLS, readable on the way. Set smtp_tls_security_level = encrypt (or at least may).`,
      ...(relayhost && privateRelay(relayhost) ? { severity: 'information' as const } : {}),
    });
  }
  return out.concat(mechanismFilter(main));
}

function mechanismFilter(main: MainCfFile): Finding[] {
  const list = main.main.byName.get('smtp_sasl_mechanism_filter');
  const a = list?.[list.length - 1];
  if (!a || a.template) return [];
  const out: Finding[] = [];
  for (const item of a.value.items) {
    const mech = pluginToMechanism.get(item.text.toLowerCase());
    if (!mech || item.template) continue;
    out.push({
      code: 'sasl-client-filter-plugin-name',
      span: item.span,
      message: `"${item.text}" is the name of a Cyrus plugin; the filter compares mechanism names, so it matches nothing. Write "${mech}".`,
      fix: { kind: 'replace', span: item.span, text: mech, title: `Change to "${mech}"` },
    });
  }
  return out;
}

