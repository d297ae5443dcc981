// Rules across Dovecot and Postfix: the socket smtpd connects to, the mechanisms it will offer, the
// cleartext policy, the user name. Each finding lands on the line to change, in whichever file that is.
import { lookupDovecotMechanism, verifyOnlyDrivers, type DovecotMechanism } from '../data/dovecotSettings';
import type { ParsedFile } from '../documents';
import type { FindingFix, RelatedPlace } from '../findings';
import type { Instance } from '../instance/instance';
import { normalPath } from '../instance/paths';
import type { PlacedFinding } from './placed';
import { saslType } from '../instance/backend';
import { listLabels, mergeCandidates, type Candidate } from './collect';
import { tlsOnlyAuth, smtpdTlsLevel, type Origin, type SmtpdService } from '../instance/services';
import type { Span } from '../text';
import { cleartext, mechanisms, type AuthListener, type DovecotConfig, type Located } from '../dovecot/config';
import type { DovecotNode } from '../dovecot/parse';

const related = (l: Located<DovecotNode>, span: Span, message: string): RelatedPlace => ({ uri: l.file.uri, span, range: l.file.lines.rangeOf(span), message });

export function dovecotCrossFindings(instance: Instance): PlacedFinding[] {
  const config = instance.dovecot;
  if (!config) return [];
  const findings = plainPasswordFindings(config);
  if (!instance.main && !instance.master) return findings;
  const services = instance.services.filter((s) => s.yes('smtpd_sasl_auth_enable') && saslType(s) === 'dovecot');
  const candidates: Candidate[] = [];
  for (const s of services) candidates.push(...socketCandidates(s, config, instance.queueDirectory), ...mechanismCandidates(s, config), ...cleartextCandidates(s, config, instance.queueDirectory), ...localDomainCandidates(s, config));
  return [...findings, ...mergeCandidates(candidates)];
}

/** Where the line to change is for a Postfix setting: its value when written, else its name. */
function postfixPlace(origin: Origin): { file: ParsedFile; span: Span } | undefined {
  if (!origin.file || origin.template || !(origin.value ?? origin.nameSpan)) return undefined;
  return { file: origin.file, span: origin.value && origin.value.segmentCount ? origin.value.span : origin.nameSpan! };
}

type Target = { kind: 'unix'; path: string; written: string; queue: string } | { kind: 'inet'; host: string; port: string; written: string };

function targetOf(s: SmtpdService, queue: string): Target | undefined {
  const written = s.get('smtpd_sasl_path').trim() || 'smtpd';
  if (/[$%{]/.test(written)) return undefined;
  const inet = /^inet:(?:\[([^\]]+)\]|(.*)):([^:]+)$/.exec(written);
  if (inet) return { kind: 'inet', host: inet[1] ?? inet[2], port: inet[3], written };
  const path = written.replace(/^unix:/, '');
  // smtpd works in the queue directory; chrooted, an absolute path is looked up inside it too.
  return { kind: 'unix', path: normalPath(path.startsWith('/') ? (s.chroot ? queue + path : path) : `${queue}/${path}`), written, queue };
}

function socketCandidates(s: SmtpdService, config: DovecotConfig, queue: string): Candidate[] {
  const target = targetOf(s, queue);
  if (!target || !config.hasAuthService) return [];
  const origin = s.origin('smtpd_sasl_path');
  const place = postfixPlace(origin) ?? postfixPlace(s.origin('smtpd_sasl_type'));
  if (target.kind === 'inet') {
    const inet = config.listeners.filter((l) => l.kind === 'inet');
    if (inet.some((l) => l.port?.node.value.trim() === target.port)) return [];
    if (!place) return [];
    const ports = inet.map((l) => l.port?.node.value.trim()).filter(Boolean);
    return [{
      code: 'dovecot-inet-mismatch',
      ...place,
      label: s.label,
      message: (labels) => `${listLabels(labels)} connect${labels.length === 1 ? 's' : ''} to Dovecot at ${target.host} port ${target.port} (${target.written}), but no inet_listener of Dovecot's service auth listens on port ${target.port}${ports.length ? ` (it listens on ${ports.join(', ')})` : ''}. smtpd logs "SASL: Connect to Dovecot auth socket '${target.written}' failed", finds no mechanism and exits before its greeting, so the service takes no mail at all. Use the listener's port, or add an inet_listener with port = ${target.port}.`,
      related: inet.map((l) => related(l.section, l.section.node.typeSpan, 'An inet_listener of service auth.')),
    }];
  }
  const unix = config.listeners.filter((l) => l.kind === 'unix');
  const match = unix.find((l) => l.path === target.path);
  if (match) return [];
  if (!place) return [];
  const underQueue = unix.filter((l) => l.path.startsWith(target.queue + '/'));
  const suggestion = underQueue.length === 1 && !target.written.startsWith('/') ? underQueue[0].path.slice(target.queue.length + 1) : undefined;
  const fix: FindingFix | undefined = suggestion && origin.value && origin.value.segmentCount && !origin.template
    ? { kind: 'replace', span: origin.value.span, text: suggestion, title: `Connect to ${suggestion}` }
    : undefined;
  return [{
    code: 'dovecot-socket-mismatch',
    ...place,
    label: s.label,
    message: (labels) => `${listLabels(labels)} connect${labels.length === 1 ? 's' : ''} to Dovecot's auth socket at ${target.path} (smtpd_sasl_path = ${target.written}${target.written.startsWith('/') ? '' : `, relative to the queue directory ${target.queue}`}), but Dovecot's service auth has no unix_listener there${unix.length ? `; it listens at ${unix.map((l) => l.path).join(', ')}` : ''}. smtpd logs "SASL: Connect to Dovecot auth socket '${target.written}' failed: No such file or directory", finds no mechanism and exits before its greeting: the service takes no mail at all. Make the two name the same socket.`,
    related: unix.map((l) => related(l.section, l.section.node.nameSpan ?? l.section.node.typeSpan, 'A unix_listener of service auth.')),
    ...(fix ? { fix } : {}),
  }];
}

/** Whether the postfix user (mail_owner, whose group we take to be of the same name) may write to the socket. */
function permissionCandidates(s: SmtpdService, listener: AuthListener): Candidate[] {
  const owner = s.get('mail_owner').trim() || 'postfix';
  const modeText = listener.mode?.node.value.trim() ?? '0600';
  const user = listener.user?.node.value.trim() ?? '';
  const group = listener.group?.node.value.trim() ?? '';
  if (!/^[0-7]{1,4}$/.test(modeText) || /[$%]/.test(user + group) || listener.mode?.node.template) return [];
  const mode = parseInt(modeText, 8);
  if (mode & 0o002 || (user === owner && mode & 0o200) || (group === owner && mode & 0o020)) return [];
  const at = listener.mode ?? listener.section;
  const span = listener.mode ? listener.mode.node.valueSpan : listener.section.node.typeSpan;
  const fixable = listener.mode && (user === owner || group === owner);
  return [{
    code: 'dovecot-socket-permissions',
    file: at.file,
    span,
    label: s.label,
    message: (labels) => `smtpd (${listLabels(labels)}) connects to this socket as the user "${owner}", but mode ${modeText.padStart(4, '0')}${listener.mode ? '' : ' (the default)'} with user "${user || 'root'}" and group "${group || 'root'}" gives ${owner} no write permission: smtpd logs "SASL: Connect to Dovecot auth socket ... failed: Permission denied" and exits before its greeting, so the service takes no mail at all. Use mode = 0660 with user = ${owner} and group = ${owner}.`,
    ...(fixable ? { fix: { kind: 'replace' as const, span, text: '0660', title: 'Set mode = 0660' } } : {}),
  }];
}

/** Dovecot's mechanisms as smtpd offers them after its security options; unknown names pass through. */
function allowedBy(options: readonly string[]): (m: { name: string; info?: DovecotMechanism }) => boolean {
  const has = (o: string) => options.includes(o);
  return ({ info }) => !info || !(info.private || (has('noplaintext') && info.plaintext) || (has('nodictionary') && info.dictionary) || (has('noactive') && info.active) || (has('noanonymous') && info.anonymous) || (has('mutual_auth') && !info.mutualAuth));
}

function mechanismCandidates(s: SmtpdService, config: DovecotConfig): Candidate[] {
  const { words, setting } = mechanisms(config);
  if (!words.length || words.some((w) => /[$%]/.test(w.name))) return [];
  const mechs = words.map((w) => ({ name: w.name, info: lookupDovecotMechanism(w.name) }));
  const tlsOnly = tlsOnlyAuth(s);
  const noTls = smtpdTlsLevel(s) === 'none';
  const phases = tlsOnly ? ['smtpd_sasl_tls_security_options'] : noTls ? ['smtpd_sasl_security_options'] : ['smtpd_sasl_security_options', 'smtpd_sasl_tls_security_options'];
  if (phases.some((name) => mechs.some(allowedBy(s.words(name))))) return [];
  // The line to change: the last phase's own setting if it is written down, else the one it inherits.
  const name = [...phases].reverse().find((n) => postfixPlace(s.origin(n))) ?? 'smtpd_sasl_security_options';
  const place = postfixPlace(s.origin(name));
  if (!place) return [];
  const list = mechs.map((m) => m.name.toUpperCase()).join(' ');
  return [{
    code: 'dovecot-no-mechanism-left',
    ...place,
    label: s.label,
    message: (labels) => `Dovecot offers ${list}, and ${name} = "${s.get(name).trim()}" excludes ${mechs.length === 1 ? 'it' : 'every one of them'}: ${listLabels(labels)} never offer${labels.length === 1 ? 's' : ''} AUTH, and no client can log in. Allow a mechanism here, or add one that these options accept to auth_mechanisms.`,
    ...(setting ? { related: [related(setting, setting.node.valueSpan, "Dovecot's mechanisms.")] } : {}),
  }];
}

function cleartextCandidates(s: SmtpdService, config: DovecotConfig, queue: string): Candidate[] {
  const out: Candidate[] = [];
  const target = targetOf(s, queue);
  if (target?.kind === 'unix') {
    const listener = config.listeners.find((l) => l.kind === 'unix' && l.path === target.path);
    if (listener) out.push(...permissionCandidates(s, listener));
  }
  const policy = cleartext(config);
  if (!policy.allowed || !policy.setting || policy.setting.node.template || tlsOnlyAuth(s) || s.words('smtpd_sasl_security_options').includes('noplaintext')) return out;
  const { words } = mechanisms(config);
  if (!words.some((w) => lookupDovecotMechanism(w.name)?.plaintext)) return out;
  const set = policy.setting;
  const to = set.node.key === 'auth_allow_cleartext' ? 'no' : 'yes';
  out.push({
    code: 'dovecot-cleartext-allowed',
    file: set.file,
    span: set.node.valueSpan,
    label: s.label,
    message: (labels) => `${set.node.key} = ${set.node.value} lets Dovecot accept PLAIN and LOGIN on sessions without TLS, and ${listLabels(labels)} offer${labels.length === 1 ? 's' : ''} AUTH before STARTTLS: passwords cross the network in clear and are accepted. With ${set.node.key} = ${to}, Dovecot takes them only once Postfix reports the session secured by TLS (Dovecot still counts clients on loopback as secure).`,
    ...(s.internalOnly ? { severity: 'information' as const } : {}),
    fix: { kind: 'replace', span: set.node.valueSpan, text: to, title: `Set ${set.node.key} = ${to}` },
  });
  return out;
}

function localDomainCandidates(s: SmtpdService, config: DovecotConfig): Candidate[] {
  const domain = s.get('smtpd_sasl_local_domain').trim();
  const origin = s.origin('smtpd_sasl_local_domain');
  if (!domain || !origin.file || !origin.nameSpan || origin.template || /[$%{]/.test(domain)) return [];
  const realm = config.setting('auth_default_realm') ?? config.setting('auth_default_domain');
  if (realm?.node.value.trim().toLowerCase() === domain.toLowerCase()) return [];
  const format = config.setting('auth_username_format')?.node.value.trim() ?? '';
  const drops = /^%L?n$|\|\s*username\b/.test(format);
  const key = config.setting('dovecot_config_version') || config.setting('auth_allow_cleartext') ? 'auth_default_domain' : 'auth_default_realm';
  return [{
    code: 'dovecot-local-domain-ignored',
    file: origin.file,
    span: origin.nameSpan,
    label: s.label,
    message: () => `Postfix does not pass smtpd_sasl_local_domain to Dovecot: a login as "user" reaches Dovecot as "user", not "user@${domain}". ${drops ? `(Dovecot's auth_username_format = ${format} drops the domain anyway.) ` : ''}To add a default domain, set ${key} = ${domain} in Dovecot${realm ? ` (now "${realm.node.value}")` : ''}, and remove this line.`,
    ...(realm ? { related: [related(realm, realm.node.valueSpan, "Dovecot's default domain.")] } : {}),
  }];
}

/** Password schemes that can serve every mechanism (the plain password can be recovered). */
const PLAIN_SCHEMES = new Set(['PLAIN', 'CLEARTEXT', 'CLEAR', 'PLAIN-TRUNC', 'PLAIN-HEX', 'PLAIN-BASE64']);

/** CRAM-MD5, DIGEST-MD5 and SCRAM need the password, or a hash in their own scheme; crypt hashes cannot serve them. */
function plainPasswordFindings(config: DovecotConfig): PlacedFinding[] {
  const { words, setting } = mechanisms(config);
  if (!setting || !config.passdbs.length) return [];
  const needing = words.filter((w) => w.span && lookupDovecotMechanism(w.name)?.needsScheme && !lookupDovecotMechanism(w.name)?.private);
  if (!needing.length) return [];
  // Every passdb must be one that cannot serve them: a verify-only driver, or a known non-plain scheme.
  const reasons: string[] = [];
  for (const p of config.passdbs) {
    if (p.section.node.children.some((c) => c.kind === 'setting' && (c.key === 'deny' || c.key === 'master') && c.value.trim() === 'yes')) continue;
    if (verifyOnlyDrivers.has(p.driver) || (p.driver === 'ldap' && /auth_bind\s*=\s*yes/.test(p.args))) reasons.push(`the ${p.driver} passdb only checks passwords it is given`);
    else if (p.scheme && !PLAIN_SCHEMES.has(p.scheme) && !needing.some((w) => lookupDovecotMechanism(w.name)?.needsScheme === p.scheme)) reasons.push(`the ${p.driver} passdb stores ${p.scheme} hashes`);
    else return [];
  }
  if (!reasons.length) return [];
  const kept = words.filter((w) => !needing.includes(w)).map((w) => w.name);
  const names = needing.map((w) => w.name.toUpperCase()).join(', ');
  const rel = config.passdbs.map((p) => related(p.section, p.section.node.typeSpan, 'This passdb cannot give the password back.'));
  return needing.map((w) => ({
    file: setting.file,
    code: 'dovecot-mechanism-needs-plain-password',
    span: w.span!,
    message: `${w.name.toUpperCase()} needs the password in plain text (or stored as {${lookupDovecotMechanism(w.name)!.needsScheme}}), but ${[...new Set(reasons)].join(' and ')}. Dovecot still offers it, Postfix passes it on, and clients that pick it fail. Remove ${names} from auth_mechanisms.`,
    related: rel,
    ...(kept.length ? { fix: { kind: 'replace' as const, span: setting.node.valueSpan, text: kept.join(' '), title: `Offer only ${kept.join(' ')}` } } : {}),
  }));
}
