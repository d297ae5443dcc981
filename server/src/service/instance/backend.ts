// What the SASL back end of a service offers: its type, and whether plaintext or anonymous
// mechanisms can be on offer (which Cyrus file smtpd reads is the instance model's to say).
import type { CyrusSaslFile } from '../cyrus/cyrusFile';
import { cyrusValue, type CyrusEntry } from '../cyrus/parse';
import type { SmtpdService } from './services';

export function saslType(s: SmtpdService): string {
  return (s.get('smtpd_sasl_type').trim() || 'cyrus').toLowerCase();
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
