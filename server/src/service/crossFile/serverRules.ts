// Rules about each smtpd service's effective SASL settings (main.cf plus its -o overrides).
import type { ParsedFile } from '../documents';
import type { FindingFix } from '../findings';
import { offeredMechanisms } from '../instance/backend';
import type { Instance } from '../instance/instance';
import { listLabels, type Candidate } from './collect';
import { relatedIn, tlsOnlyAuth, type Origin, type SmtpdService } from '../instance/services';

/** An insertion that adds `word` to a list value (or gives an empty value its first word). */
export function addWordFix(origin: Origin, word: string, title: string): FindingFix | undefined {
  if (!origin.span || origin.template) return undefined;
  const v = origin.value;
  if (v && v.segmentCount) return { kind: 'replace', span: { start: v.span.end, end: v.span.end }, text: `, ${word}`, title };
  return { kind: 'replace', span: { start: origin.span.end, end: origin.span.end }, text: origin.file?.languageId === 'postfix-main' ? ` ${word}` : word, title };
}

function at(origin: Origin): { file: ParsedFile; span: { start: number; end: number } } | undefined {
  if (!origin.file || !origin.nameSpan || origin.template) return undefined;
  return { file: origin.file, span: origin.nameSpan };
}

const hasCertificate = (s: SmtpdService) =>
  ['smtpd_tls_cert_file', 'smtpd_tls_chain_files', 'smtpd_tls_eccert_file', 'smtpd_tls_dcert_file'].some((n) => s.get(n).trim() !== '');

export function serverCandidates(services: readonly SmtpdService[], instance: Instance): Candidate[] {
  const out: Candidate[] = [];
  for (const s of services) {
    if (s.yes('smtpd_sasl_auth_enable')) {
      out.push(...anonymous(s, instance), ...plaintext(s, instance), ...noCertificate(s));
    }
    out.push(...permitBeforeAuth(s));
  }
  return out;
}

function anonymous(s: SmtpdService, instance: Instance): Candidate[] {
  const out: Candidate[] = [];
  const offer = offeredMechanisms(instance.cyrusFor(s));
  for (const name of ['smtpd_sasl_security_options', 'smtpd_sasl_tls_security_options']) {
    if (s.words(name).includes('noanonymous')) continue;
    const origin = s.origin(name);
    const place = at(origin);
    if (!place) continue;
    out.push({
      code: 'sasl-anonymous-allowed',
      ...place,
      label: s.label,
      message: (labels) => `${name} lacks "noanonymous", so ${listLabels(labels)} accept${labels.length === 1 ? 's' : ''} anonymous logins where the back end offers them: anyone can "authenticate" and relay through permit_sasl_authenticated. Add noanonymous.`,
      ...(offer.anonymous === false ? { severity: 'information' as const } : {}),
      fix: addWordFix(origin, 'noanonymous', 'Add noanonymous'),
    });
  }
  return out;
}

function plaintext(s: SmtpdService, instance: Instance): Candidate[] {
  if (s.words('smtpd_sasl_security_options').includes('noplaintext') || tlsOnlyAuth(s)) return [];
  const cyrus = instance.cyrusFor(s);
  const offer = offeredMechanisms(cyrus);
  if (!offer.plaintext) return [];
  const origin = s.origin('smtpd_sasl_auth_enable');
  const place = at(origin);
  if (!place) return [];
  const related = [];
  if (cyrus && offer.mechList) related.push(relatedIn(cyrus, offer.mechList.valueSpan, 'PLAIN/LOGIN are offered here.'));
  const sec = s.origin('smtpd_sasl_security_options');
  if (sec.file && sec.nameSpan && sec.file !== place.file) related.push(relatedIn(sec.file, sec.nameSpan, 'No "noplaintext" here.'));
  const fix: FindingFix | undefined = hasCertificate(s) && origin.span
    ? { kind: 'replace', span: { start: origin.span.end, end: origin.span.end }, text: place.file.languageId === 'postfix-main' ? '\nsmtpd_tls_auth_only = yes' : '\n  -o smtpd_tls_auth_only=yes', title: 'Offer AUTH only after STARTTLS (smtpd_tls_auth_only = yes)' }
    : undefined;
  return [{
    code: 'sasl-plaintext-over-clear',
    ...place,
    label: s.label,
    message: (labels) => `${listLabels(labels)} offer${labels.length === 1 ? 's' : ''} AUTH with PLAIN/LOGIN before TLS, so user names and passwords can cross the network in clear. Set smtpd_tls_auth_only = yes (with a certificate), or make the service TLS-only (smtpd_tls_security_level = encrypt, or wrappermode on port 465).`,
    ...(s.internalOnly ? { severity: 'information' as const } : {}),
    ...(related.length ? { related } : {}),
    ...(fix ? { fix } : {}),
  }];
}

function noCertificate(s: SmtpdService): Candidate[] {
  if (!tlsOnlyAuth(s) || hasCertificate(s)) return [];
  const reason = ['smtpd_tls_auth_only', 'smtpd_tls_wrappermode', 'smtpd_tls_security_level', 'smtpd_enforce_tls'].map((n) => ({ n, o: s.origin(n) })).find((x) => x.o.file && s.get(x.n).trim().toLowerCase() !== 'no' && s.get(x.n).trim() !== '');
  const place = reason && at(reason.o);
  if (!place) return [];
  return [{
    code: 'sasl-auth-no-certificate',
    ...place,
    label: s.label,
    message: (labels) => `${listLabels(labels)} allow${labels.length === 1 ? 's' : ''} AUTH only over TLS, but no server certificate is set (smtpd_tls_cert_file or smtpd_tls_chain_files): TLS cannot start, so AUTH is never offered. Configure the certificate and key.`,
  }];
}

function permitBeforeAuth(s: SmtpdService): Candidate[] {
  if (s.get('smtpd_delay_reject').trim().toLowerCase() !== 'no') return [];
  const out: Candidate[] = [];
  for (const name of ['smtpd_client_restrictions', 'smtpd_helo_restrictions']) {
    const origin = s.origin(name);
    if (!origin.file || !origin.value || origin.template) continue;
    const item = origin.value.items.find((i) => i.text === 'permit_sasl_authenticated');
    if (!item) continue;
    out.push({
      code: 'sasl-permit-before-auth',
      file: origin.file,
      span: item.span,
      label: s.label,
      message: () => `With smtpd_delay_reject = no, ${name} is judged at ${name.includes('helo') ? 'HELO' : 'connect'} time, before any client can AUTH: permit_sasl_authenticated never matches here. Move it to smtpd_relay_restrictions or smtpd_recipient_restrictions, or set smtpd_delay_reject = yes.`,
    });
  }
  return out;
}
