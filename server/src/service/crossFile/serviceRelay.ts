// The relay safety check for smtpd services whose master.cf `-o` overrides replace a relay or
// recipient restriction list: such an smtpd refuses to start just as main.cf's would.
import { lookupParameter } from '../data/catalogue';
import type { Finding } from '../findings';
import type { Instance } from '../instance/instance';
import { openRelayMessage, RELAY_LISTS, relayVerdict, UNSAFE_MESSAGE } from '../mainCf/checkRelaySafety';
import { expandValue, rawValue } from '../mainCf/expand';
import { userDefinedNames } from '../mainCf/userDefined';
import type { MainCfDocument } from '../parser/mainCf';
import type { MasterService } from '../master/parseMasterCf';
import { placeOn, type PlacedFinding } from './placed';

export function checkServiceRelay(instance: Instance): PlacedFinding[] {
  const file = instance.master;
  if (!file) return [];
  const main = instance.main?.main;
  const classes = main ? userDefinedNames(main, {}).restrictionClasses : new Set<string>();
  const findings: Finding[] = [];
  for (const service of file.master.services) {
    if (!service.isSmtpd) continue;
    const overridden = service.overrides.filter((o) => (RELAY_LISTS as readonly string[]).includes(o.name));
    if (overridden.length === 0 || overridden.some((o) => o.template)) continue;
    const finding = judgeService(service, main, classes);
    if (finding) findings.push(finding);
  }
  return placeOn(file, findings);
}

function judgeService(service: MasterService, main: MainCfDocument | undefined, classes: ReadonlySet<string>): Finding | undefined {
  const overrides = RELAY_LISTS.map((name) => [...service.overrides].reverse().find((o) => o.name === name));
  const texts: string[] = [];
  for (let i = 0; i < RELAY_LISTS.length; i++) {
    const override = overrides[i];
    // Without main.cf a $reference cannot be expanded: give up rather than guess.
    const raw = override ? override.value.text : main ? rawValue(main, RELAY_LISTS[i]) ?? '' : lookupParameter(RELAY_LISTS[i])?.default ?? '';
    const text = main ? expandValue(main, raw) : raw.includes('$') ? undefined : raw;
    if (text === undefined) return undefined;
    texts.push(text);
  }
  const verdict = relayVerdict(texts, classes);
  if (verdict.kind === 'safe') return undefined;
  if (verdict.kind === 'open') {
    const override = overrides[verdict.list];
    if (!override) return undefined; // main.cf's own finding covers it
    const item = override.value.items.find((i) => i.text === 'permit');
    return { code: 'open-relay', span: item?.span ?? override.nameSpan, message: openRelayMessage(RELAY_LISTS[verdict.list]) };
  }
  const at = overrides.find((o) => o)!;
  return { code: 'relay-restrictions-unsafe', span: at.nameSpan, message: `Service "${service.name}": ${UNSAFE_MESSAGE}` };
}
