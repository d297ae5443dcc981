// Where a finding about an smtpd service lands: the line that sets what it is about, in main.cf or
// as a master.cf -o override; nothing for a setting left at Postfix's default.
import type { ParsedFile } from '../documents';
import type { Origin, SmtpdService } from '../instance/services';
import type { Phase } from '../smtpd/mechanisms/model';
import type { Span } from '../text';

/** Where a setting is written, as a place for a finding; undefined for Postfix's default. */
export function at(origin: Origin): { file: ParsedFile; span: Span } | undefined {
  if (!origin.file || !origin.nameSpan || origin.template) return undefined;
  return { file: origin.file, span: origin.nameSpan };
}

/** The setting that decides a phase's options: the TLS options inherit the plain ones unless written. */
export function phaseOptionsName(s: SmtpdService, p: Phase): Phase['options'] {
  return p.options === 'smtpd_sasl_tls_security_options' && !s.origin(p.options).file ? 'smtpd_sasl_security_options' : p.options;
}

/** The setting that makes AUTH wait for TLS, where it is written. */
export function tlsOnlyReason(s: SmtpdService): { file: ParsedFile; span: Span } | undefined {
  const reason = ['smtpd_tls_auth_only', 'smtpd_tls_wrappermode', 'smtpd_tls_security_level', 'smtpd_enforce_tls'].map((n) => ({ n, o: s.origin(n) })).find((x) => x.o.file && s.get(x.n).trim().toLowerCase() !== 'no' && s.get(x.n).trim() !== '');
  return reason && at(reason.o);
}
