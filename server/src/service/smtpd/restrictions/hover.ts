// Hover on a restriction list (a main.cf line or a master.cf -o override): what the lists of each
// smtpd service that uses this line do to each kind of client, from the restriction model.
import { isMainCfFile, type ParsedFile } from '../../documents';
import type { Instance } from '../../instance/instance';
import type { SmtpdService } from '../../instance/services';
import { isMasterCfFile } from '../../master/masterCfFile';
import type { Span } from '../../text';
import { describeVerdicts } from './describe';
import { passesStartupCheck } from './startupCheck';
import { restrictionVerdicts } from './verdicts';

const LISTS = new Set(['smtpd_client_restrictions', 'smtpd_helo_restrictions', 'smtpd_sender_restrictions', 'smtpd_relay_restrictions', 'smtpd_recipient_restrictions']);
/** Enough for a master.cf of several submission ports; the rest is summarised. */
const MAX_SERVICES = 4;

const inside = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

/** The restriction setting written at `offset`: its name and the span of the whole assignment or override. */
function settingAt(file: ParsedFile, offset: number): { name: string; span: Span } | undefined {
  if (isMainCfFile(file)) {
    const a = file.main.assignments.find((x) => inside(x.span, offset));
    return a && { name: a.name, span: a.span };
  }
  if (isMasterCfFile(file)) {
    for (const s of file.master.services) for (const o of s.overrides) if (inside(o.span, offset)) return { name: o.name, span: o.span };
  }
  return undefined;
}

const isRestrictionSetting = (service: SmtpdService, name: string) => LISTS.has(name) || service.words('smtpd_restriction_classes').includes(name);

export function restrictionHover(instance: Instance, file: ParsedFile, offset: number): string | undefined {
  if (!instance.main) return undefined;
  const at = settingAt(file, offset);
  if (!at) return undefined;
  // The services whose effective value of this setting is the line under the cursor.
  const services = instance.services.filter((s) => {
    const origin = s.origin(at.name);
    return origin.file === file && origin.span?.start === at.span.start && isRestrictionSetting(s, at.name);
  });
  if (!services.length) return undefined;
  const parts: string[] = [];
  for (const service of services.slice(0, MAX_SERVICES)) {
    const starts = passesStartupCheck(instance, service);
    const lines = starts === false ? ['- smtpd stops at start: no relay check before a permit in the relay or recipient list'] : describeVerdicts(restrictionVerdicts(instance, service));
    parts.push(`**${service.label}**, relaying a mail to another domain:\n\n${lines.join('\n')}`);
  }
  if (services.length > MAX_SERVICES) parts.push(`… and ${services.length - MAX_SERVICES} more services that use this line.`);
  return parts.join('\n\n');
}
