// Hover on an smtpd service (its name in master.cf) and on smtpd_sasl_auth_enable: which mechanisms
// the service announces before and after TLS and why, then what its restriction lists do to each
// kind of client. Both come from the models the rules ask, so the hover says what the checks used.
import { isMainCfFile, type ParsedFile } from '../documents';
import type { Instance } from '../instance/instance';
import type { SmtpdService } from '../instance/services';
import { isMasterCfFile } from '../master/masterCfFile';
import type { Span } from '../text';
import { serviceMechanisms, type Phase, type ServiceMechanisms } from './mechanisms/model';
import { LACKS } from './mechanisms/properties';
import { describeVerdicts } from './restrictions/describe';
import { restrictionVerdicts } from './restrictions/verdicts';

const inside = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

/** The services a hover at `offset` is about: the one whose name is there, or those smtpd_sasl_auth_enable there sets. */
function servicesAt(instance: Instance, file: ParsedFile, offset: number): SmtpdService[] {
  if (isMasterCfFile(file)) {
    const own = instance.services.filter((s) => s.masterFile?.uri === file.uri && s.master);
    const named = own.find((s) => s.master!.tokens[0] && inside(s.master!.tokens[0].span, offset));
    if (named) return [named];
    return own.filter((s) => s.master!.overrides.some((o) => o.name === 'smtpd_sasl_auth_enable' && inside(o.span, offset)));
  }
  if (isMainCfFile(file) && (file.main.byName.get('smtpd_sasl_auth_enable') ?? []).some((a) => inside(a.span, offset))) {
    // Those that inherit this line; a service with its own -o says so on its own line.
    return instance.services.filter((s) => s.origin('smtpd_sasl_auth_enable').file === file);
  }
  return [];
}

const list = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(' ');

function phaseLine(label: string, s: SmtpdService, p: Phase | undefined, m: ServiceMechanisms): string {
  if (!p) return `- ${label}: ${label.startsWith('Before') ? 'none: the port speaks TLS from its first byte' : 'no TLS session can start'}`;
  if (!p.announced) return `- ${label}: not announced (AUTH waits for TLS)`;
  const options = `${p.options} = "${s.get(p.options).trim()}"`;
  if (p.offered === undefined) return `- ${label}: what ${m.backend?.source ?? 'the back end'} offers, minus what ${options} excludes (the list is not known here)`;
  const removed = p.removed.length ? `; ${options} removes ${p.removed.map((r) => `\`${r.name}\` (${LACKS[r.lacks]})`).join(', ')}` : '';
  return `- ${label}: ${p.offered.length ? list(p.offered) : '**nothing**'}${removed}`;
}

function mechanismLines(m: ServiceMechanisms): string[] {
  const s = m.service;
  const lines = [`**AUTH on ${s.label}**`, ''];
  if (!m.authEnabled || !m.type) return [...lines, `AUTH is never offered: ${m.never}.`];
  lines.push(`- Back end: ${m.type === 'cyrus' ? 'Cyrus SASL' : 'Dovecot'}, ${m.backend?.unreachable ?? m.backend?.source}`);
  lines.push(phaseLine('Before TLS', s, m.beforeTls, m), phaseLine('After TLS', s, m.afterTls, m));
  if (m.never) lines.push('', `AUTH is never offered: ${m.never}.`);
  else if (m.fatal === 'after-tls') lines.push('', 'smtpd exits right after STARTTLS ("fatal: no SASL authentication mechanisms").');
  return lines;
}

export function serviceHover(instance: Instance, file: ParsedFile, offset: number): string | undefined {
  const services = servicesAt(instance, file, offset);
  if (!services.length) return undefined;
  return services
    .map((s) => {
      const verdicts = describeVerdicts(restrictionVerdicts(instance, s));
      return [...mechanismLines(serviceMechanisms(s, instance)), ...(verdicts.length ? ['', `**Mail through ${s.label}**`, '', ...verdicts] : [])].join('\n');
    })
    .join('\n\n---\n\n');
}
