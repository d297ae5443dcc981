// Checks of `-o name=value` overrides: the same name and value rules as main.cf, seen with the
// main.cf of the instance when there is one (its own parameters and restriction classes).
import { notExpandedParameters } from '../data/notExpanded';
import { allParameters, lookupParameter, lookupServiceFamily } from '../data/catalogue';
import { plainRenames } from '../data/legacySwitches';
import type { Deprecation, ParameterInfo } from '../data/types';
import type { Finding } from '../findings';
import { checkParameterValue } from '../mainCf/checkValue';
import { userDefinedNames } from '../mainCf/userDefined';
import type { MainCfDocument } from '../parser/mainCf';
import { closestMatch } from '../suggest';
import type { MasterCfDocument, MasterOverride, MasterService } from './parseMasterCf';

export interface OverrideContext {
  /** main.cf of the same instance, when it is known. */
  main?: MainCfDocument;
}

/** Names that Postfix fills in at run time in reply texts and filters; -o values use a few of them. */
const RUNTIME_MACROS = new Set(['client_address', 'client_name', 'client_port', 'helo_name', 'sender', 'recipient', 'nexthop', 'domain', 'user', 'extension', 'code', 'action', 'reason']);
const NAME_OK = /^[A-Za-z0-9_]+$/;

let parameterNames: string[] | undefined;
const knownNames = () => (parameterNames ??= allParameters().map((p) => p.name));

export function checkOverrides(doc: MasterCfDocument, context: OverrideContext): Finding[] {
  const services = new Set(doc.services.map((s) => s.bareName));
  const masterReferences = new Set(doc.services.flatMap((s) => s.overrides.flatMap((o) => o.value.references.map((r) => r.name))));
  const user = context.main ? userDefinedNames(context.main, { externalReferences: masterReferences }) : { referenced: masterReferences, restrictionClasses: new Set<string>() };
  const findings: Finding[] = [];
  for (const service of doc.services) {
    const classes = restrictionClassesOf(service, user.restrictionClasses);
    for (const override of service.overrides) {
      if (override.template) continue;
      findings.push(...checkName(override, services, user.referenced, classes, context.main));
      findings.push(...checkValue(override, services, classes));
      findings.push(...checkReferences(override, service, services, context.main));
    }
  }
  return findings;
}

/** main.cf's smtpd_restriction_classes, unless the service overrides it. */
function restrictionClassesOf(service: MasterService, fromMain: ReadonlySet<string>): ReadonlySet<string> {
  const own = service.overrides.filter((o) => o.name === 'smtpd_restriction_classes').pop();
  if (!own) return fromMain;
  return new Set(own.value.items.filter((i) => !i.template).map((i) => i.text));
}

function infoFor(name: string, services: ReadonlySet<string>, classes: ReadonlySet<string>): ParameterInfo | undefined {
  const info = lookupParameter(name);
  if (info) return info;
  const family = lookupServiceFamily(name);
  if (family && services.has(family.service)) return { name, type: family.family.type, default: '', timeUnit: family.family.timeUnit };
  if (classes.has(name)) return { name, type: 'restrictions', default: '' };
  return undefined;
}

function checkName(o: MasterOverride, services: ReadonlySet<string>, referenced: ReadonlySet<string>, classes: ReadonlySet<string>, main: MainCfDocument | undefined): Finding[] {
  const info = lookupParameter(o.name);
  if (info) return info.deprecated ? [deprecatedName(o, info.deprecated)] : [];
  if (!NAME_OK.test(o.name)) {
    return [{ code: 'master-option-syntax', span: o.nameSpan, message: `"${o.name.slice(0, 60)}" is not a parameter name: names use only letters, digits and "_".` }];
  }
  const family = lookupServiceFamily(o.name);
  if (family) {
    if (services.has(family.service)) return [];
    return [{ code: 'unknown-service-parameter', span: o.nameSpan, message: `"${o.name}" is meant for a service "${family.service}", but this master.cf defines none: the setting has no effect.` }];
  }
  if (main?.byName.has(o.name) || referenced.has(o.name) || classes.has(o.name)) return [];
  const guess = closestMatch(o.name, knownNames());
  if (guess) {
    return [{
      code: 'unknown-parameter',
      span: o.nameSpan,
      message: `Postfix has no parameter "${o.name}". Did you mean "${guess}"? As written, the override changes nothing.`,
      fix: { kind: 'replace', span: o.nameSpan, text: guess, title: `Change to "${guess}"` },
    }];
  }
  // Without main.cf, an unknown name may well be the user's own parameter used there.
  if (!main) return [];
  return [{
    code: 'unknown-parameter',
    span: o.nameSpan,
    message: `Postfix has no parameter "${o.name}", and neither main.cf nor master.cf uses it as $${o.name}: the override changes nothing.`,
  }];
}

function deprecatedName(o: MasterOverride, dep: Deprecation): Finding {
  const when = dep.removed ? `was removed in Postfix ${dep.removed} and is ignored` : `is deprecated${dep.since ? ` since Postfix ${dep.since}` : ''}`;
  // Only a plain rename: the old TLS switches take yes/no where the new names take levels.
  const simple = dep.replacement !== undefined && plainRenames.has(o.name);
  return {
    code: 'deprecated-parameter',
    span: o.nameSpan,
    message: `"${o.name}" ${when}.${dep.replacement ? ` Use ${dep.replacement} instead.` : ''}`,
    deprecated: true,
    fix: simple ? { kind: 'replace', span: o.nameSpan, text: dep.replacement!, title: `Rename to ${dep.replacement}`, safe: true } : undefined,
  };
}

function checkValue(o: MasterOverride, services: ReadonlySet<string>, classes: ReadonlySet<string>): Finding[] {
  const out: Finding[] = notExpandedParameters.has(o.name) ? [] : o.value.referenceErrors.map((e) => ({ code: 'bad-reference', span: e.span, message: `Malformed reference: ${e.message}.` }));
  const info = infoFor(o.name, services, classes);
  if (info) out.push(...checkParameterValue(info, o.value, { restrictionClasses: classes }));
  return out;
}

function checkReferences(o: MasterOverride, service: MasterService, services: ReadonlySet<string>, main: MainCfDocument | undefined): Finding[] {
  // Whether a $name is defined is only known with the instance's main.cf.
  if (!main || notExpandedParameters.has(o.name)) return [];
  const out: Finding[] = [];
  for (const ref of o.value.references) {
    const name = ref.name;
    if (main.byName.has(name) || lookupParameter(name) || RUNTIME_MACROS.has(name)) continue;
    if (service.overrides.some((other) => other.name === name)) continue;
    const family = lookupServiceFamily(name);
    if (family && services.has(family.service)) continue;
    const guess = closestMatch(name, [...main.byName.keys(), ...knownNames()]);
    out.push({
      code: 'undefined-reference',
      span: ref.span,
      message: `Neither main.cf nor Postfix defines "${name}", so $${name} expands to nothing in this override.${guess ? ` Did you mean $${guess}?` : ''}`,
      fix: guess ? { kind: 'replace', span: ref.nameSpan, text: guess, title: `Change to $${guess}` } : undefined,
    });
  }
  return out;
}
