// Postfix as an SMTP AUTH client, judged per transport (main.cf plus a master.cf service's `-o`
// overrides) and per next hop, as questions to the smtp client model.
import { pluginToMechanism } from '../data/cyrusOptions';
import type { MainCfFile } from '../documents';
import type { Finding } from '../findings';
import type { Origin } from '../instance/services';
import { filterAdmitsPlaintext } from '../smtpClient/mechanisms';
import { implicitTlsPort, portOf } from '../smtpClient/destination';
import { mapPath, type ClientModel, type NextHop, type TransportModel } from '../smtpClient/model';
import { ENFORCED_LEVELS } from '../smtpClient/tls';
import { origin as originOf, paramOf } from '../smtpClient/transports';
import { mergeCandidates, type Candidate } from './collect';
import { placeOn, type PlacedFinding } from './placed';
import { addWordFix } from './serverRules';

/** 10/8, 172.16/12, 192.168/16, loopback: a relay reached over a private network. */
function privateHost(host: string): boolean {
  return /^(10\.|127\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(host) || host === 'localhost' || host === '::1';
}

/** Levels where the client goes on without TLS when the server offers none (or an attacker strips it). */
const OPPORTUNISTIC = new Set(['may', 'dane']);

const at = (o: Origin) => (o.file && o.nameSpan && !o.template ? { file: o.file, span: o.nameSpan } : undefined);

type Make = Omit<Candidate, 'file' | 'span' | 'label'>;

export function clientFindings(model: ClientModel, main: MainCfFile): PlacedFinding[] {
  const candidates: Candidate[] = [];
  for (const tm of model.transports) {
    const push = (where: ReturnType<typeof at>, make: Make) => {
      if (where) candidates.push({ ...make, ...where, label: tm.transport.label });
    };
    // A transport no next hop names (the stock smtp beside default_transport = relay) is judged by the instance's hops.
    const own = model.hops.filter((h) => h.transport === tm.transport);
    transportCandidates(tm, own.length ? own : model.hops, push);
  }
  for (const hop of model.hops) candidates.push(...hopCandidates(hop, main));
  return [...mergeCandidates(candidates), ...authNotEnabled(model), ...placeOn(main, mechanismFilter(main))];
}

function transportCandidates(tm: TransportModel, hops: readonly NextHop[], push: (where: ReturnType<typeof at>, make: Make) => void): void {
  const t = tm.transport;
  if (tm.tls.wrapperMode && !tm.tls.policyMaps && (tm.tls.level === 'none' || tm.tls.level === 'may')) {
    const level = paramOf(t, 'smtp_tls_security_level');
    push(at(originOf(t, 'smtp_tls_wrappermode')), {
      code: 'sasl-client-wrappermode-needs-encrypt',
      message: () => `${paramOf(t, 'smtp_tls_wrappermode')} = yes needs ${level} = encrypt (or stronger), but it is "${tm.tls.level}": the ${t.label} logs "requires ${level} = encrypt", skips every server, and the mail stays deferred. Set ${level} = encrypt.`,
    });
  }
  const enable = originOf(t, 'smtp_sasl_auth_enable');
  if (!tm.authEnabled || !at(enable)) return;
  const param = (name: string) => paramOf(t, name);
  const type = t.settings.get(param('smtp_sasl_type')).trim();
  if (type && type !== 'cyrus' && !/[$%{]/.test(type)) {
    push(at(originOf(t, 'smtp_sasl_type')) ?? at(enable), {
      code: 'sasl-client-type-unsupported',
      message: () => `${param('smtp_sasl_type')} = ${type}: Postfix's SMTP client can only log in through Cyrus SASL (Dovecot's SASL has no client side). The ${t.label} logs "unsupported SASL client implementation" and stops with a fatal error, so no mail leaves through it. Remove the line (the default is cyrus); smtpd_sasl_type = ${type} is the server side.`,
    });
  }
  if (!tm.passwordMaps.length) {
    push(at(enable), { code: 'sasl-client-no-password-maps', message: () => `${param('smtp_sasl_auth_enable')} = yes, but ${param('smtp_sasl_password_maps')} is empty: the ${t.label} stops with a fatal error ("specify a password table") before it sends any mail. Set ${param('smtp_sasl_password_maps')} = hash:/etc/postfix/sasl_passwd.` });
    return;
  }
  const mapsOrigin = originOf(t, 'smtp_sasl_password_maps');
  for (const { word } of tm.passwordMaps) {
    const path = mapPath(word);
    const compiled = /^(?:proxy:)?(hash|btree|lmdb|cdb):.*\.(db|lmdb|cdb)$/.exec(word);
    const item = mapsOrigin.value?.items.find((i) => i.text === word);
    if (!path || !compiled || !item || mapsOrigin.template || !mapsOrigin.file) continue;
    const source = word.slice(0, word.length - compiled[2].length - 1);
    push({ file: mapsOrigin.file, span: item.span }, {
      code: 'sasl-client-password-map-db-suffix',
      message: () => `"${word}" names the compiled file: Postfix adds the suffix itself and opens ${path}.${compiled[2]}, which does not exist. Every password lookup fails and the mail through the ${t.label} is deferred. Name the source file: ${source}.`,
      fix: { kind: 'replace', span: item.span, text: source, title: `Change to ${source}` },
    });
  }
  const options = tm.beforeTls.origin;
  if (tm.beforeTls.anonymous && at(options)) {
    push(at(options), {
      code: 'sasl-anonymous-allowed',
      message: () => `${param('smtp_sasl_security_options')} lacks "noanonymous": the client may log in anonymously when the relay offers it, and the relay then treats the mail as unauthenticated. Add noanonymous.`,
      fix: addWordFix(options, 'noanonymous', 'Add noanonymous'),
    });
  }
  const tlsOrigin = tm.afterTls.origin;
  // A filter of XOAUTH2 alone never wanted PLAIN or LOGIN: noplaintext takes nothing from it.
  if (tm.afterTls.options.includes('noplaintext') && filterAdmitsPlaintext(t)) {
    const anchor = at(tlsOrigin) ?? at(options) ?? at(enable);
    const insertAt = (tlsOrigin.span ?? options.span ?? enable.span)!.end;
    const inMain = !tlsOrigin.nameSpan && anchor?.file.languageId === 'postfix-main';
    push(anchor, {
      code: 'sasl-client-no-worthy-mechs',
      message: () => `${tlsOrigin.nameSpan ? param('smtp_sasl_tls_security_options') : `The default ${param('smtp_sasl_security_options')} (noplaintext, noanonymous), which also applies over TLS,`} forbids PLAIN and LOGIN even inside TLS. Most providers offer only those, and delivery fails with "no worthy mechs". Set ${param('smtp_sasl_tls_security_options')} = noanonymous.`,
      ...(inMain ? { fix: { kind: 'replace' as const, span: { start: insertAt, end: insertAt }, text: `\n${param('smtp_sasl_tls_security_options')} = noanonymous`, title: 'Allow PLAIN/LOGIN over TLS' } } : {}),
    });
  }
  const tls = tm.tls;
  if (tls.policyMaps) return;
  const levelAt = at(tls.origin) ?? at(enable);
  if (!ENFORCED_LEVELS.has(tls.level) && !OPPORTUNISTIC.has(tls.level)) {
    const onlyPrivate = hops.length > 0 && hops.every((h) => privateHost(h.destination.host));
    push(levelAt, {
      code: 'sasl-client-password-without-tls',
      message: () => `The ${t.label} sends passwords from ${param('smtp_sasl_password_maps')}, but ${param('smtp_tls_security_level')} is "${tls.level}": the login to the relay goes without TLS, readable on the way. Set ${param('smtp_tls_security_level')} = encrypt (or at least may).`,
      ...(onlyPrivate ? { severity: 'information' as const } : {}),
    });
  } else if (OPPORTUNISTIC.has(tls.level) && tm.beforeTls.plaintext) {
    const level = tls.fromLevelDefault ? `"${tls.level}" (the default of this compatibility_level)` : `"${tls.level}"`;
    push(at(options) ?? levelAt, {
      code: 'sasl-client-plaintext-on-opportunistic-tls',
      message: () => `${param('smtp_tls_security_level')} is ${level}, so the ${t.label} goes on without TLS when the relay offers no STARTTLS, and ${param('smtp_sasl_security_options')} (${tm.beforeTls.options.join(', ') || 'empty'}) allows PLAIN and LOGIN there: anyone on the path who strips STARTTLS from the reply reads the password. Set ${param('smtp_tls_security_level')} = encrypt for the relay, or add noplaintext here (and ${param('smtp_sasl_tls_security_options')} = noanonymous so TLS keeps PLAIN).`,
    });
  }
}

function hopCandidates(hop: NextHop, main: MainCfFile): Candidate[] {
  const d = hop.destination;
  if (d.opaque || !hop.source.span || !implicitTlsPort(d) || hop.tls.wrapperMode) return [];
  const t = hop.transport;
  const where = hop.source.table ? `line ${hop.source.table.line} of ${hop.source.table.path} (${hop.source.table.key})` : hop.source.parameter;
  return [{
    code: 'sasl-client-wrappermode-missing',
    file: main,
    span: hop.source.span,
    label: t.label,
    message: (labels) => `${d.written} (${where}) is port ${portOf(d)}, where the server speaks TLS from the first byte, but ${paramOf(t, 'smtp_tls_wrappermode')} is not "yes" for the ${labels.join(' and ')}: the client waits for a greeting that never comes, and the mail stays deferred. Set ${paramOf(t, 'smtp_tls_wrappermode')} = yes and ${paramOf(t, 'smtp_tls_security_level')} = encrypt (or use port 587 with STARTTLS).`,
  }];
}

/** Password maps that no transport uses: AUTH is never sent. */
function authNotEnabled(model: ClientModel): PlacedFinding[] {
  if (model.transports.some((tm) => tm.authEnabled)) return [];
  const out = new Map<string, PlacedFinding>();
  for (const tm of model.transports) {
    const o = originOf(tm.transport, 'smtp_sasl_password_maps');
    const where = at(o);
    if (!where || !tm.passwordMaps.length) continue;
    const auth = paramOf(tm.transport, 'smtp_sasl_auth_enable');
    out.set(`${where.file.uri}@${where.span.start}`, { ...where, code: 'sasl-client-auth-not-enabled', message: `${paramOf(tm.transport, 'smtp_sasl_password_maps')} is set, but ${auth} is not "yes" (the default is no): the client never sends AUTH, and a relay that wants a login refuses the mail. Set ${auth} = yes.` });
  }
  return [...out.values()];
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
