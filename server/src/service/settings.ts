// The settings the service reads. `package.json` declares the same keys under
// contributes.configuration (a test keeps the two in step).
import { isRuleCode, rules, type RuleCode, type SeveritySetting } from './rules';
import { closestMatch } from './suggest';

/** Per-rule severity by code; rules not named keep their default. */
export type SeverityOverrides = Partial<Record<RuleCode, SeveritySetting>>;

export interface Settings {
  severity: SeverityOverrides;
  /** Past this many characters only the head of a file is read, and only its syntax is checked. */
  maxFileSize: number;
  /** Milliseconds to wait after typing before diagnostics are recomputed. */
  debounceMs: number;
  /** The Postfix version the files are for ("3.7", "3.9.1"); empty: the newest the catalogue knows. */
  postfixVersion: string;
  /** The Dovecot the files are for ("2.3", "2.4.1") when neither dovecot_config_version nor the live system says; empty: unknown. */
  dovecotVersion: string;
  /** The folder of the instance mail logs are explained against; empty: the workspace's own. */
  logInstance: string;
}

export const defaultSettings: Settings = {
  severity: {},
  maxFileSize: 2 * 1024 * 1024,
  debounceMs: 150,
  postfixVersion: '',
  dovecotVersion: '',
  logInstance: '',
};

/** Keys under the `postfixSasl` section, as VS Code sees them, with their defaults. */
export const settingKeys = {
  'postfixSasl.diagnostics.severity': defaultSettings.severity,
  'postfixSasl.maxFileSize': defaultSettings.maxFileSize,
  'postfixSasl.debounceMs': defaultSettings.debounceMs,
  'postfixSasl.postfixVersion': defaultSettings.postfixVersion,
  'postfixSasl.dovecotVersion': defaultSettings.dovecotVersion,
  'postfixSasl.logInstance': defaultSettings.logInstance,
} as const;

/** What was read, and one sentence per severity entry that was left out because it names no rule or no severity. */
export interface SettingsRead {
  settings: Settings;
  problems: string[];
}

/** What postfixVersion and --postfix-version accept. */
export const POSTFIX_VERSION = /^\d+\.\d+(\.\d+)?$/;
/** What dovecotVersion and --dovecot-version accept: the lines we have catalogues for. */
export const DOVECOT_VERSION = /^2\.[34](\.\d+)*$/;

const SEVERITY_SETTINGS: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'] satisfies SeveritySetting[];

/**
 * Accepts what a client sent under `postfixSasl`; anything malformed falls back to the default. Says which
 * entries it left out (a value of the wrong type, a code or severity that does not exist; null is unset),
 * so the CLI and the server can tell the user.
 */
export function readSettingsChecked(raw: unknown): SettingsRead {
  const section = (isObject(raw) ? raw : {}) as Record<string, unknown>;
  const diagnostics = (isObject(section.diagnostics) ? section.diagnostics : {}) as Record<string, unknown>;
  const shapes = [
    ...(raw === undefined || raw === null || isObject(raw) ? [] : ['the settings must be a JSON object such as {"diagnostics": {"severity": {...}}}']),
    ...(section.diagnostics == null || isObject(section.diagnostics) ? [] : ['diagnostics must be an object']),
    ...(diagnostics.severity == null || isObject(diagnostics.severity) ? [] : ['diagnostics.severity must be an object of rule codes and severities']),
    ...(['maxFileSize', 'debounceMs'] as const).filter((key) => section[key] != null && !isCount(section[key])).map((key) => `${key} must be a number of at least 0`),
  ];
  const severity: SeverityOverrides = {};
  const unknownCodes: string[] = [];
  const badValues: string[] = [];
  if (isObject(diagnostics.severity)) {
    for (const [code, value] of Object.entries(diagnostics.severity as Record<string, unknown>)) {
      if (!isRuleCode(code)) unknownCodes.push(code);
      else if (typeof value === 'string' && SEVERITY_SETTINGS.includes(value)) severity[code] = value as SeveritySetting;
      else badValues.push(code);
    }
  }
  const number = (v: unknown, fallback: number) => (isCount(v) ? v : fallback);
  const version = section.postfixVersion;
  const versionOk = version === undefined || version === '' || (typeof version === 'string' && POSTFIX_VERSION.test(version));
  const dovecot = section.dovecotVersion;
  const dovecotOk = dovecot === undefined || dovecot === '' || (typeof dovecot === 'string' && DOVECOT_VERSION.test(dovecot));
  return {
    settings: {
      severity,
      maxFileSize: number(section.maxFileSize, defaultSettings.maxFileSize),
      debounceMs: number(section.debounceMs, defaultSettings.debounceMs),
      postfixVersion: versionOk && typeof version === 'string' ? version : defaultSettings.postfixVersion,
      dovecotVersion: dovecotOk && typeof dovecot === 'string' ? dovecot : defaultSettings.dovecotVersion,
      logInstance: typeof section.logInstance === 'string' ? section.logInstance : defaultSettings.logInstance,
    },
    problems: [
      ...shapes,
      ...(versionOk ? [] : ['postfixVersion must be a Postfix version such as "3.7" or "3.9.1"']),
      ...(dovecotOk ? [] : ['dovecotVersion must be a Dovecot version such as "2.3" or "2.4.1"']),
      ...(section.logInstance == null || typeof section.logInstance === 'string' ? [] : ['logInstance must be the path of a folder']),
      ...unknownCodes.map(unknownCodeProblem),
      ...(badValues.length ? [`the severity of ${quoteList(badValues)} must be one of ${SEVERITY_SETTINGS.join(', ')}`] : []),
    ],
  };
}

/** A JSON object: an array or a number in its place is a mistake to report, not a section to read. */
function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

function unknownCodeProblem(code: string): string {
  const near = closestMatch(code, rules.map((r) => r.code));
  return `"${code.slice(0, 80)}" is not a rule code${near ? ` (did you mean "${near}"?)` : ''}`;
}

function quoteList(codes: string[]): string {
  return codes.map((c) => `"${c}"`).join(', ');
}
