// What makes smtpd die or never offer AUTH, asked of the mechanism model: security options that
// leave no mechanism, AUTH waiting for a TLS that never starts, a mis-cased smtpd_sasl_type, Dovecot
// on the default socket, and sasldb outside a chrooted smtpd's reach.
import { cyrusValue } from '../cyrus/parse';
import type { FindingFix } from '../findings';
import type { Instance } from '../instance/instance';
import { normalPath } from '../instance/paths';
import { relatedIn } from '../instance/services';
import type { Phase, ServiceMechanisms } from '../smtpd/mechanisms/model';
import { LACKS } from '../smtpd/mechanisms/properties';
import { listLabels, type Candidate } from './collect';
import { at, phaseOptionsName, tlsOnlyReason } from './servicePlaces';

export function mechanismCandidates(m: ServiceMechanisms, instance: Instance): Candidate[] {
  if (!m.authEnabled) return [];
  return [...miscasedType(m), ...noMechanisms(m), ...tlsNeverStarts(m), ...dovecotDefaultPath(m, instance), ...sasldbOutsideChroot(m, instance)];
}

function noMechanisms(m: ServiceMechanisms): Candidate[] {
  const s = m.service;
  const p: Phase | undefined = m.fatal === 'before-tls' ? m.beforeTls : m.fatal === 'after-tls' ? m.afterTls : undefined;
  if (!p || !m.backend || m.backend.unreachable) return [];
  // Dovecot with nothing left in any phase is dovecot-no-mechanism-left's to say.
  const other = p === m.beforeTls ? m.afterTls : m.beforeTls;
  if (m.type === 'dovecot' && !other?.offered?.length) return [];
  const name = phaseOptionsName(s, p);
  const place = at(s.origin(name)) ?? at(s.origin('smtpd_sasl_auth_enable'));
  if (!place) return [];
  const value = s.get(p.options).trim();
  const removed = p.removed.map((r) => `${r.name} (${LACKS[r.lacks]})`).join(', ');
  const what = p.removed.length ? `removes every mechanism of ${m.backend.source}: ${removed}` : `leaves nothing of ${m.backend.source}, which offers no mechanism this machine serves`;
  const when = m.fatal === 'before-tls' ? 'at every connection, before its greeting, so the service takes no mail at all' : 'right after STARTTLS, so no client that starts TLS can log in or send';
  const mechList = m.backend.cyrus && m.backend.mechList;
  return [{
    code: 'sasl-no-mechanisms',
    ...place,
    label: s.label,
    message: (labels) => `${p.options} = "${value}" ${what}. ${listLabels(labels)} exit${labels.length === 1 ? 's' : ''} with "fatal: no SASL authentication mechanisms" ${when}. Allow a mechanism the back end offers, or offer one these options accept.`,
    ...(mechList ? { related: [relatedIn(m.backend.cyrus!, mechList.valueSpan, 'The mechanisms of the back end.')] } : {}),
  }];
}

function tlsNeverStarts(m: ServiceMechanisms): Candidate[] {
  // Without a certificate, sasl-auth-no-certificate says it; here TLS is off by its level.
  if (!m.tls.authOnlyAfterTls || !m.tls.certificate || m.tls.available) return [];
  const s = m.service;
  const place = tlsOnlyReason(s);
  if (!place) return [];
  return [{
    code: 'sasl-auth-tls-disabled',
    ...place,
    label: s.label,
    message: (labels) => `${listLabels(labels)} announce${labels.length === 1 ? 's' : ''} AUTH only after TLS, but smtpd_tls_security_level = ${m.tls.level} never offers STARTTLS: AUTH is never offered, and no client can log in. Set smtpd_tls_security_level = may (or encrypt).`,
  }];
}

function miscasedType(m: ServiceMechanisms): Candidate[] {
  const lower = m.writtenType.toLowerCase();
  if (m.type || (lower !== 'cyrus' && lower !== 'dovecot')) return [];
  const origin = m.service.origin('smtpd_sasl_type');
  const place = at(origin);
  if (!place) return [];
  const fix: FindingFix | undefined = origin.value && origin.value.segmentCount ? { kind: 'replace', span: origin.value.span, text: lower, title: `Write "${lower}"` } : undefined;
  return [{
    code: 'sasl-type-miscased',
    file: place.file,
    span: origin.value && origin.value.segmentCount ? origin.value.span : place.span,
    label: m.service.label,
    message: (labels) => `smtpd compares smtpd_sasl_type case by case: "${m.writtenType}" is not "${lower}". ${listLabels(labels)} log${labels.length === 1 ? 's' : ''} "unsupported SASL server implementation" and exit${labels.length === 1 ? 's' : ''} ("SASL per-process initialization failed") before any greeting. Write "${lower}".`,
    ...(fix ? { fix } : {}),
  }];
}

function dovecotDefaultPath(m: ServiceMechanisms, instance: Instance): Candidate[] {
  const s = m.service;
  if (m.type !== 'dovecot' || (s.get('smtpd_sasl_path').trim() || 'smtpd') !== 'smtpd') return [];
  // With Dovecot's own files at hand, dovecot-socket-mismatch compares the socket with its listeners.
  if (instance.dovecot?.hasAuthService) return [];
  const pathOrigin = s.origin('smtpd_sasl_path');
  const typeOrigin = s.origin('smtpd_sasl_type');
  const place = at(pathOrigin) ?? at(typeOrigin);
  if (!place) return [];
  const main = typeOrigin.file?.languageId === 'postfix-main';
  const fix: FindingFix | undefined = !pathOrigin.file && typeOrigin.span && !typeOrigin.template
    ? { kind: 'replace', span: { start: typeOrigin.span.end, end: typeOrigin.span.end }, text: main ? '\nsmtpd_sasl_path = private/auth' : '\n  -o smtpd_sasl_path=private/auth', title: 'Connect to private/auth' }
    : undefined;
  return [{
    code: 'sasl-dovecot-default-path',
    ...place,
    label: s.label,
    message: (labels) => `With smtpd_sasl_type = dovecot, smtpd_sasl_path ${pathOrigin.file ? '= smtpd' : 'keeps its default "smtpd"'}: ${listLabels(labels)} connect${labels.length === 1 ? 's' : ''} to the socket ${instance.queueDirectory}/smtpd, which Dovecot does not create. smtpd logs "SASL: Connect to Dovecot auth socket 'smtpd' failed" and exits with "fatal: no SASL authentication mechanisms" at every connection. Set smtpd_sasl_path to Dovecot's unix_listener, usually private/auth.`,
    ...(fix ? { fix } : {}),
  }];
}

function sasldbOutsideChroot(m: ServiceMechanisms, instance: Instance): Candidate[] {
  const cyrus = m.backend?.cyrus;
  if (m.type !== 'cyrus' || m.service.chroot !== true || !cyrus) return [];
  const method = cyrusValue(cyrus.cyrus, 'pwcheck_method');
  const plugin = cyrusValue(cyrus.cyrus, 'auxprop_plugin');
  const pathEntry = cyrusValue(cyrus.cyrus, 'sasldb_path');
  const usesAuxprop = !method || method.value.toLowerCase().split(/\s+/).includes('auxprop');
  const sasldb = !plugin || plugin.value.toLowerCase().split(/[\s,]+/).includes('sasldb');
  if (!sasldb || (!usesAuxprop && !pathEntry) || method?.template || plugin?.template || pathEntry?.template) return [];
  const path = pathEntry?.value.trim() || '/etc/sasldb2';
  if (!path.startsWith('/')) return [];
  const inside = normalPath(`${instance.queueDirectory}/${path}`);
  const anchor = pathEntry ?? method ?? plugin;
  if (!anchor) return [];
  return [{
    code: 'sasl-sasldb-outside-chroot',
    file: cyrus,
    span: pathEntry ? pathEntry.valueSpan : anchor.keySpan,
    label: m.service.label,
    message: (labels) => `${listLabels(labels)} run${labels.length === 1 ? 's' : ''} chrooted in ${instance.queueDirectory}, so Cyrus opens the sasldb ${path}${pathEntry ? '' : ' (the default sasldb_path)'} as ${inside}: users there log in, users only in ${path} fail ("unable to open Berkeley db"). Keep a copy at ${inside} (refreshed after each saslpasswd2), or run the service with chroot n.`,
  }];
}
