// Which AUTH mechanisms one smtpd service announces, before and after TLS, computed as smtpd does:
// the back end's list, minus what the security options of that phase exclude, in the phases the TLS
// settings allow. Rules and hovers ask this model instead of matching lines.
import type { Instance } from '../../instance/instance';
import { normalPath } from '../../instance/paths';
import { smtpdTlsLevel, tlsOnlyAuth, type SmtpdService } from '../../instance/services';
import { cyrusOffer, dovecotOffer, type BackendOffer, type MechanismEnvironment } from './backend';
import { requiredProperties, type SecurityProperty } from './properties';

export type SecurityOptionsName = 'smtpd_sasl_security_options' | 'smtpd_sasl_tls_security_options';

export interface Phase {
  options: SecurityOptionsName;
  required: SecurityProperty[];
  /** AUTH is announced (and the SASL server started) in this phase; false when it waits for TLS. */
  announced: boolean;
  /** What EHLO lists; undefined when the back end's list is not known. */
  offered: string[] | undefined;
  /** Mechanisms of the back end that the options removed, each with a property it lacks. */
  removed: Array<{ name: string; lacks: SecurityProperty }>;
}

export interface TlsFacts {
  level: string;
  wrapper: boolean;
  certificate: boolean;
  /** A TLS session can start (STARTTLS is announced, or the port speaks TLS from the start). */
  available: boolean;
  /** AUTH waits for TLS: smtpd_tls_auth_only, level encrypt, or wrappermode. */
  authOnlyAfterTls: boolean;
}

export interface ServiceMechanisms {
  service: SmtpdService;
  authEnabled: boolean;
  /** smtpd_sasl_type as written. */
  writtenType: string;
  /** The implementation smtpd uses; undefined when it does not know the name (it compares case-sensitively). */
  type: 'cyrus' | 'dovecot' | undefined;
  backend?: BackendOffer;
  tls: TlsFacts;
  /** Absent with wrappermode: the port speaks TLS from its first byte. */
  beforeTls?: Phase;
  /** Absent when TLS cannot start. */
  afterTls?: Phase;
  /** smtpd exits with "fatal: no SASL authentication mechanisms": at every connection, or after STARTTLS. */
  fatal?: 'before-tls' | 'after-tls';
  /** Why no client ever sees AUTH on this service, when that is so. */
  never?: string;
}

const CERTIFICATE_PARAMETERS = ['smtpd_tls_cert_file', 'smtpd_tls_chain_files', 'smtpd_tls_eccert_file', 'smtpd_tls_dcert_file'];

export const hasCertificate = (s: SmtpdService) => CERTIFICATE_PARAMETERS.some((n) => s.get(n).trim() !== '');

export function tlsFacts(s: SmtpdService): TlsFacts {
  const level = smtpdTlsLevel(s);
  const wrapper = s.yes('smtpd_tls_wrappermode');
  const certificate = hasCertificate(s);
  return { level, wrapper, certificate, available: certificate && (wrapper || level === 'may' || level === 'encrypt'), authOnlyAfterTls: tlsOnlyAuth(s) };
}

function phase(s: SmtpdService, backend: BackendOffer | undefined, options: SecurityOptionsName, announced: boolean): Phase {
  const required = requiredProperties(s.words(options));
  const offered: string[] = [];
  const removed: Phase['removed'] = [];
  for (const name of backend?.names ?? []) {
    const has = backend!.properties(name) ?? [];
    const lacks = required.find((r) => !has.includes(r));
    if (lacks) removed.push({ name, lacks });
    else offered.push(name);
  }
  return { options, required, announced, offered: backend?.names ? offered : undefined, removed };
}

function backendOf(type: ServiceMechanisms['type'], s: SmtpdService, instance: Instance, env: MechanismEnvironment): BackendOffer | undefined {
  if (type === 'cyrus') return cyrusOffer(instance.cyrusFor(s), env);
  if (type !== 'dovecot') return undefined;
  const offer = dovecotOffer(instance.dovecot);
  // The default smtpd_sasl_path names the socket $queue_directory/smtpd, which Dovecot makes only if told to.
  const socket = normalPath(`${instance.queueDirectory}/smtpd`);
  if ((s.get('smtpd_sasl_path').trim() || 'smtpd') !== 'smtpd' || instance.dovecot?.listeners.some((l) => l.kind === 'unix' && l.path === socket)) return offer;
  return { ...offer, names: [], unreachable: `smtpd_sasl_path is "smtpd", and no Dovecot auth socket is at ${socket}` };
}

export function serviceMechanisms(s: SmtpdService, instance: Instance, env: MechanismEnvironment = { cyrusPlugins: instance.cyrusPlugins }): ServiceMechanisms {
  const writtenType = s.get('smtpd_sasl_type').trim() || 'cyrus';
  const type: ServiceMechanisms['type'] = writtenType === 'cyrus' || writtenType === 'dovecot' ? writtenType : undefined;
  const authEnabled = s.yes('smtpd_sasl_auth_enable');
  const tls = tlsFacts(s);
  const base = { service: s, authEnabled, writtenType, type, tls };
  if (!authEnabled) return { ...base, never: 'smtpd_sasl_auth_enable is not yes' };
  if (!type) return { ...base, never: `smtpd does not know smtpd_sasl_type "${writtenType}" (it knows "cyrus" and "dovecot", in lower case) and exits at start` };
  const backend = backendOf(type, s, instance, env);
  const beforeTls = tls.wrapper ? undefined : phase(s, backend, 'smtpd_sasl_security_options', !tls.authOnlyAfterTls);
  const afterTls = tls.available ? phase(s, backend, 'smtpd_sasl_tls_security_options', true) : undefined;
  const result: ServiceMechanisms = { ...base, backend, ...(beforeTls ? { beforeTls } : {}), ...(afterTls ? { afterTls } : {}) };
  const empty = (p: Phase | undefined) => !!p && p.announced && p.offered !== undefined && p.offered.length === 0;
  if (empty(beforeTls)) result.fatal = 'before-tls';
  else if (empty(afterTls)) result.fatal = 'after-tls';
  if (backend?.unreachable) result.never = `${backend.unreachable}: smtpd finds no mechanism and exits ("fatal: no SASL authentication mechanisms")`;
  else if (result.fatal === 'before-tls') result.never = `the security options leave no mechanism, so smtpd exits at every connection ("fatal: no SASL authentication mechanisms")`;
  else if (!beforeTls?.announced && !afterTls) result.never = tls.certificate ? `AUTH waits for TLS, and smtpd_tls_security_level = ${tls.level} never starts it` : 'AUTH waits for TLS, and TLS cannot start without a server certificate';
  else if (result.fatal === 'after-tls' && !beforeTls?.announced) result.never = 'after STARTTLS the TLS security options leave no mechanism, so smtpd exits ("fatal: no SASL authentication mechanisms")';
  return result;
}

/** The model of every smtpd service of the instance. */
export function instanceMechanisms(instance: Instance, env: MechanismEnvironment = { cyrusPlugins: instance.cyrusPlugins }): ServiceMechanisms[] {
  return instance.services.map((s) => serviceMechanisms(s, instance, env));
}
