// One Dovecot configuration seen whole: dovecot.conf with the files its `!include`s reach (conf.d/*.conf,
// *.conf.ext). The instance model resolved the includes; a file no include reaches still counts, after
// the others.
import { normalPath, baseOf, pathOfUri } from '../instance/paths';
import type { Span } from '../text';
import type { DovecotFile } from './dovecotFile';
import { sectionSetting, type DovecotSection, type DovecotSetting } from './parse';

export interface Located<T> {
  file: DovecotFile;
  node: T;
}

export interface AuthListener {
  kind: 'unix' | 'inet';
  /** unix: the absolute socket path (base_dir applied); inet: the listener name. */
  path: string;
  section: Located<DovecotSection>;
  mode?: Located<DovecotSetting>;
  user?: Located<DovecotSetting>;
  group?: Located<DovecotSetting>;
  port?: Located<DovecotSetting>;
  address?: Located<DovecotSetting>;
}

export interface Passdb {
  section: Located<DovecotSection>;
  driver: string;
  args: string;
  /** The scheme of passwords without a {SCHEME} prefix, when the configuration says. */
  scheme?: string;
}

export interface DovecotConfig {
  files: DovecotFile[];
  /** A dovecot.conf is among them: unset settings have Dovecot's defaults. */
  complete: boolean;
  /** Top-level settings; the last one Dovecot reads wins. */
  setting(name: string): Located<DovecotSetting> | undefined;
  hasAuthService: boolean;
  listeners: AuthListener[];
  passdbs: Passdb[];
}

/** How the instance resolved the configuration's paths: the files an `!include` brought in, the file at a path. */
export interface DovecotPaths {
  includes(file: DovecotFile, written: string): DovecotFile[];
  atPath(configured: string): DovecotFile | undefined;
}

const isDovecotConf = (f: DovecotFile) => baseOf(pathOfUri(f.uri)) === 'dovecot.conf';

/** Files in the order Dovecot reads them, starting from dovecot.conf. */
function readingOrder(files: DovecotFile[], paths: DovecotPaths): DovecotFile[] {
  const order: DovecotFile[] = [];
  const visit = (f: DovecotFile, depth: number) => {
    if (order.includes(f) || depth > 20) return;
    order.push(f);
    for (const inc of f.dovecot.includes) for (const t of paths.includes(f, inc.path)) visit(t, depth + 1);
  };
  const roots = files.filter(isDovecotConf);
  for (const r of roots) visit(r, 0);
  for (const f of files) visit(f, 0);
  return order;
}

/** Nodes in reading order, with the included files' nodes where their `!include` stands. */
function* walk(file: DovecotFile, section: DovecotSection, paths: DovecotPaths, seen: Set<DovecotFile>): Generator<Located<DovecotSetting | DovecotSection>> {
  for (const child of section.children) {
    if (child.kind === 'include') {
      for (const t of paths.includes(file, child.path)) {
        if (seen.has(t)) continue;
        seen.add(t);
        yield* walk(t, t.dovecot.root, paths, seen);
      }
    } else yield { file, node: child };
  }
}

export function dovecotConfig(files: DovecotFile[], paths: DovecotPaths): DovecotConfig | undefined {
  if (!files.length) return undefined;
  const order = readingOrder(files, paths);
  const top = new Map<string, Located<DovecotSetting>>();
  const sections: Array<Located<DovecotSection>> = [];
  const seen = new Set<DovecotFile>();
  for (const f of order) {
    if (seen.has(f)) continue;
    seen.add(f);
    for (const item of walk(f, f.dovecot.root, paths, seen)) {
      if (item.node.kind === 'setting') top.set(item.node.key, item as Located<DovecotSetting>);
      else sections.push(item as Located<DovecotSection>);
    }
  }
  const complete = files.some(isDovecotConf);
  const baseDir = normalPath(top.get('base_dir')?.node.value || '/run/dovecot');
  const listeners: AuthListener[] = [];
  const authServices = sections.filter((s) => s.node.type === 'service' && s.node.name === 'auth');
  for (const service of authServices) {
    for (const child of service.node.children) {
      if (child.kind !== 'section' || (child.type !== 'unix_listener' && child.type !== 'inet_listener')) continue;
      const kind = child.type === 'unix_listener' ? 'unix' : 'inet';
      const name = child.name ?? '';
      const path = kind === 'unix' ? normalPath(name.startsWith('/') ? name : `${baseDir}/${name}`) : name;
      const at = (key: string) => {
        const s = sectionSetting(child, key);
        return s ? { file: service.file, node: s } : undefined;
      };
      // Dovecot merges listeners of the same name; later settings win.
      const existing = listeners.find((l) => l.kind === kind && l.path === path && (kind === 'unix' || name !== ''));
      const entry: AuthListener = existing ?? { kind, path, section: { file: service.file, node: child } };
      for (const key of ['mode', 'user', 'group', 'port', 'address'] as const) entry[key] = at(key) ?? entry[key];
      if (!existing) listeners.push(entry);
    }
  }
  const passdbs: Passdb[] = sections
    .filter((s) => s.node.type === 'passdb' && s.node.parent?.type === '')
    .map((s) => {
      const driver = (sectionSetting(s.node, 'driver')?.value ?? s.node.name ?? '').trim().toLowerCase();
      const args = sectionSetting(s.node, 'args')?.value ?? '';
      const scheme = /(?:^|\s)scheme=(\S+)/.exec(args)?.[1] ?? sectionSetting(s.node, 'default_password_scheme')?.value ?? sqlScheme(paths, args);
      return { section: s, driver, args, scheme: scheme?.toUpperCase() };
    });
  return { files, complete, setting: (name) => top.get(name), hasAuthService: authServices.length > 0, listeners, passdbs };
}

/** `default_pass_scheme` of a dovecot-sql/ldap/dict .conf.ext file that `args` names, when it is in the instance. */
function sqlScheme(paths: DovecotPaths, args: string): string | undefined {
  const path = args.trim().split(/\s+/).pop();
  if (!path || !path.startsWith('/')) return undefined;
  const f = paths.atPath(path);
  return f?.dovecot.settings.find((s) => s.key === 'default_pass_scheme' && s.parent.type === '')?.value;
}

/** `auth_mechanisms` words, lowercased, with their spans; Dovecot's default `plain` when unset. */
export function mechanisms(config: DovecotConfig): { words: Array<{ name: string; span?: Span }>; setting?: Located<DovecotSetting> } {
  const setting = config.setting('auth_mechanisms');
  if (!setting) return { words: config.complete ? [{ name: 'plain' }] : [] };
  const words: Array<{ name: string; span?: Span }> = [];
  const v = setting.node;
  const raw = v.fromFile || v.lastLine !== v.line ? undefined : setting.file.text.slice(v.valueSpan.start, v.valueSpan.end);
  const re = /[^\s,]+/g;
  for (let m = re.exec(v.value); m; m = re.exec(v.value)) {
    const span = raw === v.value ? { start: v.valueSpan.start + m.index, end: v.valueSpan.start + m.index + m[0].length } : undefined;
    words.push({ name: m[0].toLowerCase(), span });
  }
  return { words, setting };
}

/** Whether Dovecot accepts PLAIN/LOGIN on connections not secured by TLS, and the line that says so. */
export function cleartext(config: DovecotConfig): { allowed: boolean; setting?: Located<DovecotSetting> } {
  const allow = config.setting('auth_allow_cleartext');
  if (allow) return { allowed: allow.node.value.trim().toLowerCase() === 'yes', setting: allow };
  const disable = config.setting('disable_plaintext_auth');
  if (disable) return { allowed: disable.node.value.trim().toLowerCase() === 'no', setting: disable };
  return { allowed: false };
}

/** What the SASL rules of Postfix may want to know about the Dovecot side (see sasl/). */
export interface DovecotAuthFacts {
  mechanisms: string[];
  allowsCleartext: boolean;
  listeners: Array<{ kind: 'unix' | 'inet'; path: string; port?: string; mode?: string; user?: string; group?: string }>;
  passdbs: Array<{ driver: string; scheme?: string }>;
}

export function dovecotAuthFacts(config: DovecotConfig | undefined): DovecotAuthFacts | undefined {
  if (!config) return undefined;
  return {
    mechanisms: mechanisms(config).words.map((w) => w.name.toUpperCase()),
    allowsCleartext: cleartext(config).allowed,
    listeners: config.listeners.map((l) => ({ kind: l.kind, path: l.path, port: l.port?.node.value, mode: l.mode?.node.value, user: l.user?.node.value, group: l.group?.node.value })),
    passdbs: config.passdbs.map((p) => ({ driver: p.driver, scheme: p.scheme })),
  };
}
