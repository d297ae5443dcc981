// What the SASL back end of a service offers: the Cyrus file that smtpd reads for it, and
// whether plaintext or anonymous mechanisms can be on offer.
import { isCyrusSaslFile, type CyrusSaslFile } from '../cyrus/cyrusFile';
import { cyrusValue, type CyrusEntry } from '../cyrus/parse';
import type { ParsedFile } from '../documents';
import type { SmtpdService } from './services';

const baseName = (uri: string) => uri.slice(uri.lastIndexOf('/') + 1);

export function saslType(s: SmtpdService): string {
  return (s.get('smtpd_sasl_type').trim() || 'cyrus').toLowerCase();
}

/** The Cyrus application file smtpd reads: `<smtpd_sasl_path>.conf` (default smtpd.conf). */
export function cyrusFileFor(instance: readonly ParsedFile[], s: SmtpdService): CyrusSaslFile | undefined {
  if (saslType(s) !== 'cyrus') return undefined;
  const name = (s.get('smtpd_sasl_path').trim() || 'smtpd') + '.conf';
  return instance.filter(isCyrusSaslFile).find((f) => baseName(f.uri) === name);
}

export interface MechanismOffer {
  /** undefined: we cannot tell (no Cyrus file, Dovecot): assume the back end's usual default. */
  plaintext: boolean;
  anonymous: boolean | undefined;
  mechList?: CyrusEntry;
}

export function offeredMechanisms(cyrus: CyrusSaslFile | undefined): MechanismOffer {
  const mechList = cyrus && cyrusValue(cyrus.cyrus, 'mech_list');
  if (!mechList || mechList.template) return { plaintext: true, anonymous: undefined };
  const words = mechList.words.map((w) => w.text.toUpperCase());
  return { plaintext: words.includes('PLAIN') || words.includes('LOGIN'), anonymous: words.includes('ANONYMOUS'), mechList };
}

export function usesSaslauthd(cyrus: CyrusSaslFile): boolean {
  return (cyrusValue(cyrus.cyrus, 'pwcheck_method')?.value ?? '').toLowerCase().split(/\s+/).includes('saslauthd');
}
