// What kind of SASL back end a service uses (which files it is, is the instance model's to say);
// the mechanisms it offers are the mechanism model's (smtpd/mechanisms/).
import type { CyrusSaslFile } from '../cyrus/cyrusFile';
import { cyrusValue } from '../cyrus/parse';
import type { SmtpdService } from './services';

/** The back end to look for files of: lower-cased, so a mis-cased "Dovecot" still finds Dovecot's (smtpd itself refuses it). */
export function saslType(s: SmtpdService): string {
  return (s.get('smtpd_sasl_type').trim() || 'cyrus').toLowerCase();
}

export function usesSaslauthd(cyrus: CyrusSaslFile): boolean {
  return (cyrusValue(cyrus.cyrus, 'pwcheck_method')?.value ?? '').toLowerCase().split(/\s+/).includes('saslauthd');
}
