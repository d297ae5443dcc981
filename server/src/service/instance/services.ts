// The effective settings of each smtpd service of an instance: main.cf plus that service's `-o`
// overrides in master.cf. Without a master.cf, main.cf alone stands for the one smtpd service.
import { isMainCfFile, type MainCfFile, type ParsedFile } from '../documents';
import type { RelatedPlace } from '../findings';
import { levelDefault } from '../mainCf/compatibility';
import { expandValue, rawValue } from '../mainCf/expand';
import { isMasterCfFile, type MasterCfFile } from '../master/masterCfFile';
import type { MasterOverride, MasterService } from '../master/parseMasterCf';
import { parseMainCf, type Assignment, type MainCfDocument } from '../parser/mainCf';
import type { Value } from '../parser/values';
import type { Span } from '../text';

/** Where a parameter's value comes from for one service. */
export interface Origin {
  /** The file that sets it; undefined when Postfix's default applies. */
  file?: ParsedFile;
  /** The name as written (assignment name or -o name). */
  nameSpan?: Span;
  /** The whole assignment or override. */
  span?: Span;
  value?: Value;
  /** Lines of a main.cf assignment, for delete fixes. */
  lines?: { first: number; last: number };
  template: boolean;
}

export interface SmtpdService {
  /** For messages: `service "submission"` or `smtpd`. */
  label: string;
  master?: MasterService;
  masterFile?: MasterCfFile;
  chroot: boolean | undefined;
  /** Reached only from this host or from inside Postfix (loopback address, unix or pass behind a proxy). */
  internalOnly: boolean;
  get(name: string): string;
  words(name: string): string[];
  yes(name: string): boolean;
  origin(name: string): Origin;
}

export interface InstanceView {
  main?: MainCfFile;
  master?: MasterCfFile;
  /** The Postfix release the files are for, whose defaults apply; undefined: the newest. */
  postfixVersion?: string;
}

export function instanceView(instance: readonly ParsedFile[]): InstanceView {
  return { main: instance.find(isMainCfFile), master: instance.find(isMasterCfFile) };
}

export const splitWords = (text: string) => text.split(/[\s,]+/).filter(Boolean);

// Without a main.cf every parameter has its default, expanded against the other defaults.
let noMainCf: MainCfDocument | undefined;

/** What Postfix uses for `name`: the file's value, else the default for the file's compatibility level and the target version. */
function mainGet(view: InstanceView, name: string, doc: MainCfDocument = view.main?.main ?? (noMainCf ??= parseMainCf(''))): string {
  const options = { postfixVersion: view.postfixVersion };
  const atLevel = doc.byName.has(name) ? undefined : levelDefault(doc, name, view.postfixVersion);
  return expandValue(doc, atLevel ?? rawValue(doc, name, view.postfixVersion) ?? '', options) ?? '';
}

function mainOrigin(main: MainCfFile | undefined, name: string): Origin {
  const list = main?.main.byName.get(name);
  const a = list?.[list.length - 1];
  if (!main || !a) return { template: false };
  return { file: main, nameSpan: a.nameSpan, span: a.span, value: a.value, lines: { first: a.firstLine, last: a.lastLine }, template: a.template || a.value.hasTemplate };
}

/** `-` in the chroot column is `y` below compatibility level 1 and before Postfix 3.0, `n` otherwise. */
function chrootOf(service: MasterService, view: InstanceView): boolean | undefined {
  if (service.columns[4]?.text !== '-') return service.effectiveChroot;
  return levelDefault(view.main?.main ?? (noMainCf ??= parseMainCf('')), 'chroot', view.postfixVersion) === 'y';
}

/**
 * main.cf as one service's process sees it. The daemon stores its `-o` values before it computes the
 * compatibility level, so `-o compatibility_level=…` sets the level-dependent defaults of that service
 * (master itself, which reads the chroot column, keeps main.cf's level).
 */
function serviceDocument(doc: MainCfDocument, level: MasterOverride | undefined): MainCfDocument {
  if (!level) return doc;
  const assignment: Assignment = { name: level.name, nameSpan: level.nameSpan, equalsOffset: level.nameSpan.end, value: level.value, span: level.span, firstLine: 0, lastLine: 0, template: level.template };
  return { ...doc, byName: new Map(doc.byName).set(level.name, [...(doc.byName.get(level.name) ?? []), assignment]) };
}

function makeService(view: InstanceView, service?: MasterService): SmtpdService {
  const overrides = new Map((service?.overrides ?? []).map((o) => [o.name, o]));
  const doc = serviceDocument(view.main?.main ?? (noMainCf ??= parseMainCf('')), overrides.get('compatibility_level'));
  const get = (name: string): string => {
    const o = overrides.get(name);
    if (!o) return mainGet(view, name, doc);
    return (view.main ? expandValue(doc, o.value.text, { postfixVersion: view.postfixVersion }) : o.value.text) ?? '';
  };
  const origin = (name: string): Origin => {
    const o = overrides.get(name);
    if (o) return { file: view.master, nameSpan: o.nameSpan, span: o.span, value: o.value, template: o.template || o.value.hasTemplate };
    return mainOrigin(view.main, name);
  };
  const interfaces = splitWords(mainGet(view, 'inet_interfaces').toLowerCase());
  const loopbackInterfaces = interfaces.length > 0 && interfaces.every((i) => i === 'loopback-only' || i === 'localhost' || i.startsWith('127.') || i === '::1' || i === '[::1]');
  // Behind a proxy (haproxy, or a front that hands over logins by XCLIENT), or open to mynetworks only.
  const proxied = get('smtpd_upstream_proxy_protocol').trim() !== '' || get('smtpd_authorized_xclient_hosts').trim() !== '';
  const mynetworksOnly = /^permit_mynetworks[\s,]+reject$/.test(get('smtpd_client_restrictions').trim());
  const internalOnly = proxied || mynetworksOnly || (service ? service.listensOnLoopbackOnly || service.type === 'unix' || loopbackInterfaces : loopbackInterfaces);
  return {
    label: service ? `service "${service.name}"` : 'smtpd',
    master: service,
    masterFile: service ? view.master : undefined,
    chroot: service ? chrootOf(service, view) : undefined,
    internalOnly,
    get,
    words: (name) => splitWords(get(name)),
    yes: (name) => get(name).trim().toLowerCase() === 'yes',
    origin,
  };
}

/** Every smtpd service; main.cf alone when there is no master.cf. */
export function smtpdServices(view: InstanceView): SmtpdService[] {
  if (!view.master) return view.main ? [makeService(view)] : [];
  return view.master.master.services.filter((s) => s.isSmtpd && !s.columns[0]?.template).map((s) => makeService(view, s));
}

/** main.cf seen as the client side (smtp) uses it. */
export function mainSettings(view: InstanceView): SmtpdService {
  return makeService(view);
}

export function relatedIn(file: ParsedFile, span: Span, message: string): RelatedPlace {
  return { uri: file.uri, span, range: file.lines.rangeOf(span), message };
}

/** The TLS level smtpd applies, with the pre-2.3 booleans as fallback. */
export function smtpdTlsLevel(s: SmtpdService): string {
  const level = s.get('smtpd_tls_security_level').trim().toLowerCase();
  if (level) return level;
  if (s.yes('smtpd_enforce_tls')) return 'encrypt';
  if (s.yes('smtpd_use_tls')) return 'may';
  return 'none';
}

/** AUTH is offered only after TLS on this service. */
export function tlsOnlyAuth(s: SmtpdService): boolean {
  return s.yes('smtpd_tls_auth_only') || smtpdTlsLevel(s) === 'encrypt' || s.yes('smtpd_tls_wrappermode');
}

/** Any master.cf service's settings (an smtp or lmtp transport too): main.cf plus its `-o` overrides. */
export function serviceSettings(view: InstanceView, service?: MasterService): SmtpdService {
  return makeService(view, service);
}
