// The knowledge base's single entry point: generated facts (postconf.proto + postconf -d) +
// deprecations + hand-written overlays, merged once on first use into O(1) lookup maps.
import { defaultHistory } from './defaultHistory';
import { deprecatedParameters } from './deprecated';
import { lookupTableTypes } from './mapTypes';
import { overlayTables } from './overlay';
import { rawParameterNames } from './rawParameters';
import { generatedParameters, newestDocumentedVersion, type GeneratedRow } from './parameters.generated';
import { restrictionTable } from './restrictions';
import { saslSecurityOptionWords } from './securityOptions';
import { serviceParameterFamilies } from './serviceFamilies';
import type { Deprecation, MapTypeInfo, OptionWordInfo, ParameterInfo, RestrictionInfo, ServiceParameterFamily } from './types';

/** The newest Postfix version whose parameters the catalogue knows. */
export const postfixVersion: string = newestDocumentedVersion;

export const serviceFamilies: readonly ServiceParameterFamily[] = serviceParameterFamilies;
export const restrictions: readonly RestrictionInfo[] = restrictionTable;
export const mapTypes: readonly MapTypeInfo[] = lookupTableTypes;
export const saslSecurityOptions: readonly OptionWordInfo[] = saslSecurityOptionWords;

function fromRow([name, type, value, since, timeUnit, obsoleteSince, replacement, removed]: GeneratedRow): ParameterInfo {
  const info: ParameterInfo = { name, type, default: value };
  if (timeUnit) info.timeUnit = timeUnit;
  if (since) info.since = since;
  if (obsoleteSince) {
    info.deprecated = { since: obsoleteSince };
    if (replacement) info.deprecated.replacement = replacement;
    if (removed) info.deprecated.removed = removed;
  }
  return info;
}

/** The proto's facts, completed (never contradicted in since) by our hand list. */
function mergeDeprecation(found: Deprecation | undefined, ours: Deprecation): Deprecation {
  const merged: Deprecation = { ...found, ...ours };
  if (found?.since) merged.since = found.since;
  else merged.since ??= ours.warnsSince;
  if (found?.removed && !ours.removed) merged.removed = found.removed;
  return merged;
}

function buildParameters(): Map<string, ParameterInfo> {
  const byName = new Map<string, ParameterInfo>();
  for (const row of generatedParameters) byName.set(row[0], fromRow(row));
  for (const name of rawParameterNames) {
    const info = byName.get(name);
    if (info) info.raw = true;
  }

  // Old names that postconf no longer prints still deserve a record, typed like their replacement.
  for (const [name, ours] of Object.entries(deprecatedParameters)) {
    const existing = byName.get(name);
    const deprecated = mergeDeprecation(existing?.deprecated, ours);
    if (existing) {
      existing.deprecated = deprecated;
      continue;
    }
    const replacement = deprecated.replacement ? byName.get(deprecated.replacement) : undefined;
    byName.set(name, {
      name,
      type: replacement?.type ?? 'string',
      default: '',
      ...(replacement?.values ? { values: replacement.values } : {}),
      ...(replacement?.timeUnit ? { timeUnit: replacement.timeUnit } : {}),
      deprecated,
    });
  }

  for (const table of Object.values(overlayTables)) {
    for (const [name, overlay] of Object.entries(table)) {
      const info = byName.get(name);
      if (!info) continue; // the catalogue test reports overlay names that match nothing
      if (overlay.type && overlay.type !== 'time') delete info.timeUnit;
      Object.assign(info, overlay);
    }
  }

  // lmtp_X is the LMTP copy of smtp_X: share value types (not docs) unless lmtp_X has its own overlay.
  for (const info of byName.values()) {
    if (!info.name.startsWith('lmtp_')) continue;
    const twin = byName.get('smtp_' + info.name.slice(5));
    if (twin?.values && !info.values) {
      info.type = twin.type;
      info.values = twin.values;
    }
  }
  return byName;
}

let parameterMap: Map<string, ParameterInfo> | undefined;
let parameterList: readonly ParameterInfo[] | undefined;

function parameters(): Map<string, ParameterInfo> {
  parameterMap ??= buildParameters();
  return parameterMap;
}

export function lookupParameter(name: string): ParameterInfo | undefined {
  return parameters().get(name);
}

/** Every known parameter, sorted by name. */
export function allParameters(): readonly ParameterInfo[] {
  parameterList ??= [...parameters().values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return parameterList;
}

/** Versions compare as compatibility levels do: 3.10 > 3.9; missing parts are 0. */
export function compareVersions(a: string, b: string): number {
  const pa = (a.trim() || '0').split('.').map((n) => parseInt(n, 10) || 0);
  const pb = (b.trim() || '0').split('.').map((n) => parseInt(n, 10) || 0);
  for (let k = 0; k < Math.max(pa.length, pb.length); k++) {
    const d = (pa[k] ?? 0) - (pb[k] ?? 0);
    if (d) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** The raw default of `name` in Postfix `version` (undefined: the newest), as that release's source writes it. */
export function defaultForVersion(name: string, version?: string): string | undefined {
  const history = defaultHistory[name];
  if (!history) return lookupParameter(name)?.default;
  const target = version ?? postfixVersion;
  let value = history[0][1];
  for (const [since, v] of history) if (compareVersions(since, target) <= 0) value = v;
  return value;
}

// Longest suffix first, so `smtp_destination_recipient_limit` is not read as service `smtp_destination`.
const familiesBySuffixLength = [...serviceParameterFamilies].sort((a, b) => b.suffix.length - a.suffix.length);

/** Matches `SERVICE_suffix` names derived from master.cf services; the caller checks that SERVICE exists. */
export function lookupServiceFamily(name: string): { family: ServiceParameterFamily; service: string } | undefined {
  for (const family of familiesBySuffixLength) {
    const tail = '_' + family.suffix;
    if (name.length > tail.length && name.endsWith(tail)) {
      return { family, service: name.slice(0, -tail.length) };
    }
  }
  return undefined;
}

const restrictionMap = new Map(restrictionTable.map((r) => [r.name, r]));
const mapTypeMap = new Map(lookupTableTypes.map((m) => [m.name, m]));

export function lookupRestriction(name: string): RestrictionInfo | undefined {
  // smtpd compares restriction names with strcasecmp: PERMIT_MYNETWORKS works.
  return restrictionMap.get(name) ?? restrictionMap.get(name.toLowerCase());
}

export function lookupMapType(name: string): MapTypeInfo | undefined {
  return mapTypeMap.get(name);
}
