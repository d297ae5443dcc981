// The relay safety check for smtpd services whose master.cf `-o` overrides replace a relay or
// recipient restriction list: such an smtpd refuses to start just as main.cf's would.
import { lookupParameter } from '../data/catalogue';
import { isMainCfFile, type ParsedFile } from '../documents';
import type { Finding } from '../findings';
import { judge, openRelayMessage, RELAY_LISTS, UNSAFE_MESSAGE } from '../mainCf/checkRelaySafety';
import { expandValue, rawValue } from '../mainCf/expand';
import { userDefinedNames } from '../mainCf/userDefined';
import { isMasterCfFile } from './masterCfFile';
import type { MasterService } from './parseMasterCf';

const words = (text: string) => text.split(/[\s,]+/).filter(Boolean);

export function checkServiceRelay(file: ParsedFile, instance: readonly ParsedFile[]): Finding[] {
  if (!isMasterCfFile(file)) return [];
  const main = instance.find(isMainCfFile)?.main;
  const classes = main ? userDefinedNames(main, {}).restrictionClasses : new Set<string>();
  const findings: Finding[] = [];
  for (const service of file.master.services) {
    if (!service.isSmtpd) continue;
    const overridden = service.overrides.filter((o) => (RELAY_LISTS as readonly string[]).includes(o.name));
    if (overridden.length === 0 || overridden.some((o) => o.template)) continue;
    const finding = judgeService(service, main, classes);
    if (finding) findings.push(finding);
  }
  return findings;
}

function judgeService(service: MasterService, main: Parameters<typeof rawValue>[0] | undefined, classes: ReadonlySet<string>): Finding | undefined {
  const lists = [];
  for (const name of RELAY_LISTS) {
    const override = [...service.overrides].reverse().find((o) => o.name === name);
    // Without main.cf a $reference cannot be expanded: give up rather than guess.
    const raw = override ? override.value.text : main ? rawValue(main, name) ?? '' : lookupParameter(name)?.default ?? '';
    const text = main ? expandValue(main, raw) : raw.includes('$') ? undefined : raw;
    if (text === undefined) return undefined;
    lists.push({ name, override, ...judge(words(text), classes) });
  }
  for (const list of lists) {
    if (list.verdict !== 'open') return undefined;
    if (list.permitAt !== undefined) {
      if (!list.override) return undefined; // main.cf's own finding covers it
      const item = list.override.value.items.find((i) => i.text === 'permit');
      return { code: 'open-relay', span: item?.span ?? list.override.nameSpan, message: openRelayMessage(list.name) };
    }
  }
  const at = lists.find((l) => l.override)!.override!;
  return { code: 'relay-restrictions-unsafe', span: at.nameSpan, message: `Service "${service.name}": ${UNSAFE_MESSAGE}` };
}
