// From a logged service and a setting to the lines of the instance that decide it. The one place
// that knows how a log line's program name maps to the instance's files: the explain command and the
// editor ask here.
import { cyrusValue } from '../cyrus/parse';
import type { ParsedFile } from '../documents';
import type { Instance } from '../instance/instance';
import { saslType, usesSaslauthd } from '../instance/backend';
import { mainSettings, type SmtpdService } from '../instance/services';
import type { SettingCondition, SettingTarget } from './messages';

export interface ConfigLocation {
  /** The file's uri as the instance has it (a path for the CLI). */
  file: string;
  /** 1-based. */
  line: number;
  /** The setting on that line, or the one to add there when `unset`. */
  setting: string;
  /** The setting is not written anywhere: the line is where it would go. */
  unset?: boolean;
}

/** `postfix/submission/smtpd` → `postfix/submission`; a bare `smtpd` → `postfix`. */
function syslogNameOf(service: string): string {
  const cut = service.lastIndexOf('/');
  return cut < 0 ? 'postfix' : service.slice(0, cut);
}

/**
 * The services whose settings decide a line: for smtpd, those that log under its program name (all
 * smtpd services when none does); for the SMTP client, main.cf; for saslauthd and Dovecot, every
 * smtpd service, since any of them may use that back end.
 */
function servicesFor(instance: Instance, service: string, daemon: string): SmtpdService[] {
  const main = instance.main ? [mainSettings({ main: instance.main })] : [];
  if (daemon === 'smtp' || daemon === 'lmtp') return main;
  const all = [...instance.services];
  if (daemon === 'smtpd') {
    const name = syslogNameOf(service);
    const matching = all.filter((s) => (s.get('syslog_name').trim() || 'postfix') === name);
    if (matching.length) return matching;
  }
  return all.length ? all : main;
}

const lineOf = (file: ParsedFile, offset: number) => file.lines.positionAt(offset).line + 1;

/**
 * The SMTP client's setting: an -o override on the master.cf transport that logged the line (by its
 * syslog_name, or by the transport name Postfix puts in the program name), else main.cf's.
 */
function clientSetting(instance: Instance, service: string, name: string): ConfigLocation | undefined {
  const master = instance.master;
  const prefix = syslogNameOf(service);
  const transports = (master?.master.services ?? []).filter((s) => /(^|\/)(smtp|lmtp)$/.test(s.command?.text ?? ''));
  for (const t of transports) {
    const syslogName = t.overrides.find((o) => o.name === 'syslog_name')?.value.text ?? 'postfix';
    if (syslogName !== prefix && `${syslogName}/${t.bareName}` !== prefix) continue;
    const o = t.overrides.find((x) => x.name === name);
    if (o && master) return { file: master.uri, line: lineOf(master, o.span.start), setting: name };
  }
  return instance.main ? postfixSetting(mainSettings({ main: instance.main }), name, instance) : undefined;
}

function postfixSetting(s: SmtpdService, name: string, instance: Instance): ConfigLocation | undefined {
  const origin = s.origin(name);
  if (origin.file && origin.span) return { file: origin.file.uri, line: lineOf(origin.file, origin.span.start), setting: name };
  // Unset: main.cf's end, where one line serves every service; else the service's own line.
  const main = instance.main;
  if (main) return { file: main.uri, line: main.lines.lineCount, setting: name, unset: true };
  return s.master && s.masterFile ? { file: s.masterFile.uri, line: s.master.firstLine + 1, setting: name, unset: true } : undefined;
}

function cyrusSetting(s: SmtpdService, key: string, instance: Instance): ConfigLocation | undefined {
  const file = instance.cyrusFor(s);
  if (!file) return undefined;
  // saslauthd's own lines concern only the files that send passwords to it.
  if (key === 'saslauthd') return usesSaslauthd(file) ? cyrusSetting(s, 'pwcheck_method', instance) : undefined;
  const entry = cyrusValue(file.cyrus, key);
  return entry ? { file: file.uri, line: entry.line + 1, setting: key } : { file: file.uri, line: file.lines.lineCount, setting: key, unset: true };
}

function dovecotSetting(s: SmtpdService, key: string, instance: Instance): ConfigLocation | undefined {
  if (saslType(s) !== 'dovecot') return undefined;
  const config = instance.dovecot;
  if (!config) return undefined;
  if (key === 'listener') {
    const path = s.get('smtpd_sasl_path').trim();
    const unix = config.listeners.filter((l) => l.kind === 'unix');
    const listener = unix.find((l) => path !== '' && (l.path === path || l.path.endsWith(`/${path}`))) ?? unix[0];
    return listener ? { file: listener.section.file.uri, line: listener.section.node.line + 1, setting: 'unix_listener' } : undefined;
  }
  if (key === 'passdb') {
    const passdb = config.passdbs[0];
    return passdb ? { file: passdb.section.file.uri, line: passdb.section.node.line + 1, setting: 'passdb' } : undefined;
  }
  const setting = config.setting(key);
  return setting ? { file: setting.file.uri, line: setting.node.line + 1, setting: key } : undefined;
}

/** Where each target is decided for the services that logged as `service`, without repeats. */
export function locateTargets(instance: Instance | undefined, service: string, daemon: string, targets: readonly SettingTarget[], param?: string): ConfigLocation[] {
  if (!instance) return [];
  const out: ConfigLocation[] = [];
  const seen = new Set<string>();
  const add = (l: ConfigLocation | undefined) => {
    if (!l) return;
    const id = `${l.file}\u0000${l.line}\u0000${l.setting}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push(l);
  };
  for (const s of servicesFor(instance, service, daemon)) {
    for (const target of targets) {
      const [kind, name] = [target.slice(0, target.indexOf(':')), target.slice(target.indexOf(':') + 1)];
      if (kind === 'postfix') add(daemon === 'smtp' || daemon === 'lmtp' ? clientSetting(instance, service, name) : postfixSetting(s, name, instance));
      else if (kind === 'param' && param && /^[a-z0-9_]+$/.test(param)) add(postfixSetting(s, param, instance));
      else if (kind === 'cyrus') add(cyrusSetting(s, name, instance));
      else if (kind === 'dovecot') add(dovecotSetting(s, name, instance));
      else if (kind === 'master' && s.master && s.masterFile) add({ file: s.masterFile.uri, line: s.master.firstLine + 1, setting: 'service' });
    }
  }
  return out;
}

/** The settings among `conditions` that hold for the services that logged as `service`, as targets. */
export function conditionsThatHold(instance: Instance, service: string, daemon: string, conditions: readonly SettingCondition[]): SettingTarget[] {
  const services = servicesFor(instance, service, daemon);
  return conditions.filter((c) => services.some((s) => c.values.includes(s.get(c.name).trim().toLowerCase()))).map((c) => `postfix:${c.name}` as const);
}
