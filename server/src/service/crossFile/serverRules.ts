// Rules about what each smtpd service offers to log in, asked of the mechanism model (smtpd/
// mechanisms/): anonymous and plaintext mechanisms, TLS-only AUTH without TLS, and
// permit_sasl_authenticated where no client can have logged in yet.
import type { FindingFix } from '../findings';
import type { Instance } from '../instance/instance';
import { relatedIn, type Origin, type SmtpdService } from '../instance/services';
import { serviceMechanisms, type Phase, type ServiceMechanisms } from '../smtpd/mechanisms/model';
import { listLabels, type Candidate } from './collect';
import { mechanismCandidates } from './mechanismRules';
import { at, phaseOptionsName, tlsOnlyReason } from './servicePlaces';

/** An insertion that adds `word` to a list value (or gives an empty value its first word). */
export function addWordFix(origin: Origin, word: string, title: string): FindingFix | undefined {
  if (!origin.span || origin.template) return undefined;
  const v = origin.value;
  if (v && v.segmentCount) return { kind: 'replace', span: { start: v.span.end, end: v.span.end }, text: `, ${word}`, title };
  return { kind: 'replace', span: { start: origin.span.end, end: origin.span.end }, text: origin.file?.languageId === 'postfix-main' ? ` ${word}` : word, title };
}

export function serverCandidates(services: readonly SmtpdService[], instance: Instance): Candidate[] {
  const out: Candidate[] = [];
  for (const s of services) {
    const model = serviceMechanisms(s, instance);
    if (model.authEnabled && model.type) out.push(...anonymous(model), ...plaintext(model), ...noCertificate(model));
    out.push(...mechanismCandidates(model, instance), ...permitBeforeAuth(s));
  }
  return out;
}

const announcedPhases = (m: ServiceMechanisms) => [m.beforeTls, m.afterTls].filter((p): p is Phase => !!p && p.announced);

function anonymous(m: ServiceMechanisms): Candidate[] {
  const s = m.service;
  const out: Candidate[] = [];
  for (const p of announcedPhases(m)) {
    if (p.required.includes('noanonymous')) continue;
    const name = phaseOptionsName(s, p);
    const origin = s.origin(name);
    const place = at(origin);
    if (!place) continue;
    // With a known list and no anonymous mechanism in it, the missing word is only untidy.
    const anonymousOffered = p.offered === undefined || p.offered.some((n) => !m.backend!.properties(n)?.includes('noanonymous'));
    out.push({
      code: 'sasl-anonymous-allowed',
      ...place,
      label: s.label,
      message: (labels) => `${name} lacks "noanonymous", so ${listLabels(labels)} accept${labels.length === 1 ? 's' : ''} anonymous logins where the back end offers them: anyone can "authenticate" and relay through permit_sasl_authenticated. Add noanonymous.`,
      ...(anonymousOffered ? {} : { severity: 'information' as const }),
      fix: addWordFix(origin, 'noanonymous', 'Add noanonymous'),
    });
  }
  return out;
}

function plaintext(m: ServiceMechanisms): Candidate[] {
  const s = m.service;
  const before = m.beforeTls;
  if (!before?.announced) return [];
  // An unknown list (no Dovecot configuration, a template) is taken to hold PLAIN, as the defaults do.
  const clear = before.offered === undefined ? undefined : before.offered.filter((n) => !m.backend!.properties(n)?.includes('noplaintext'));
  if (clear && clear.length === 0) return [];
  const origin = s.origin('smtpd_sasl_auth_enable');
  const place = at(origin);
  if (!place) return [];
  const related = [];
  if (m.backend?.cyrus && m.backend.mechList) related.push(relatedIn(m.backend.cyrus, m.backend.mechList.valueSpan, `${clear?.join('/') ?? 'PLAIN/LOGIN'} offered here.`));
  const sec = s.origin('smtpd_sasl_security_options');
  if (sec.file && sec.nameSpan && sec.file !== place.file) related.push(relatedIn(sec.file, sec.nameSpan, 'No "noplaintext" here.'));
  const fix: FindingFix | undefined = m.tls.certificate && origin.span
    ? { kind: 'replace', span: { start: origin.span.end, end: origin.span.end }, text: place.file.languageId === 'postfix-main' ? '\nsmtpd_tls_auth_only = yes' : '\n  -o smtpd_tls_auth_only=yes', title: 'Offer AUTH only after STARTTLS (smtpd_tls_auth_only = yes)' }
    : undefined;
  const names = clear?.join('/') ?? 'PLAIN/LOGIN';
  return [{
    code: 'sasl-plaintext-over-clear',
    ...place,
    label: s.label,
    message: (labels) => `${listLabels(labels)} offer${labels.length === 1 ? 's' : ''} AUTH with ${names} before TLS, so user names and passwords can cross the network in clear. Set smtpd_tls_auth_only = yes (with a certificate), or make the service TLS-only (smtpd_tls_security_level = encrypt, or wrappermode on port 465).`,
    ...(s.internalOnly ? { severity: 'information' as const } : {}),
    ...(related.length ? { related } : {}),
    ...(fix ? { fix } : {}),
  }];
}

function noCertificate(m: ServiceMechanisms): Candidate[] {
  if (!m.tls.authOnlyAfterTls || m.tls.certificate) return [];
  const place = tlsOnlyReason(m.service);
  if (!place) return [];
  return [{
    code: 'sasl-auth-no-certificate',
    ...place,
    label: m.service.label,
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
