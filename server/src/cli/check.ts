// `postfix-sasl check`: the editor's diagnostics on the command line, printed like a compiler's.
import { parseArgs } from 'node:util';
import type { ParsedFile } from '../service/documents';
import type { ResolvedFinding } from '../service/findings';
import { checkInstance } from '../service/instance/check';
import { buildInstance } from '../service/instance/instance';
import { configuredVersions } from '../service/instance/targetVersion';
import { typeNames, type LanguageId } from '../service/languages';
import { defaultSettings, DOVECOT_VERSION, POSTFIX_VERSION, readSettingsChecked, type Settings } from '../service/settings';
import type { CliIo } from './authTest';
import { writeReport } from './report';
import { describeArgsError, usageLine } from './usage';
import { displayPath, InputError, locateForCli } from './locateForCli';
import { diskReader, MAX_READ_BYTES, readBounded } from '../diskReader';
import { installedDovecotVersion, installedPostfixVersion } from './liveVersions';
import { installedCyrusPlugins } from './livePlugins';

export const CHECK_HELP = `Usage: postfix-sasl check [--format text|json] [--type TYPE] [--config FILE] [--postfix-version X.Y] [--dovecot-version 2.3|2.4] [--root DIR] [PATH...]

Checks Postfix and SASL configuration files: main.cf, master.cf, Cyrus SASL smtpd.conf,
saslauthd settings, sasl_passwd maps and Dovecot's configuration. Each file is checked with the
other files of its Postfix instance, found the way Postfix and its helpers find them (master.cf beside
main.cf, the Cyrus SASL file smtpd reads, saslauthd's and Dovecot's settings, the maps main.cf names).
With no PATH, checks the live system (postconf -h config_directory, else /etc/postfix).

Options:
  --format text|json   text (default): path:line:col: severity: message [code]
                       json: one array of {file, line, column, endLine, endColumn,
                       severity, code, message}; lines and columns start at 1
  --type TYPE          read every file as TYPE: ${Object.keys(typeNames).join(', ')}
  --config FILE        JSON settings, e.g. {"diagnostics": {"severity": {"unknown-parameter": "off"}}}
  --postfix-version X.Y  the Postfix the files are for: names it does not know yet are
                       flagged, defaults are that release's (the live system: the installed
                       Postfix's postconf -dh mail_version)
  --dovecot-version 2.3|2.4  the Dovecot the files are for, when dovecot_config_version does
                       not say: settings that release does not know or renamed are flagged
                       (the live system: the installed dovecot --version)
  --root DIR           DIR stands for /: absolute paths in the configuration are read under DIR
                       (a repository or a mounted image laid out like /); nothing outside it is read
  -h, --help           show this help

Exit codes: 0 no error found, 1 an error found, 2 usage error or unreadable path.
`;

/** The CLI reads whole files up to what one process parses comfortably; the editor's smaller default keeps typing fast. */
const CLI_MAX_FILE_SIZE = MAX_READ_BYTES;
/** A settings file is a few lines: /dev/zero or a log given by mistake is refused, not read whole. */
const MAX_SETTINGS_BYTES = 1024 * 1024;

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

function loadSettings(path: string | undefined): Settings {
  if (!path) return { ...defaultSettings, maxFileSize: CLI_MAX_FILE_SIZE };
  const bytes = readBounded(path, MAX_SETTINGS_BYTES);
  if (!bytes) throw new InputError(`cannot read the settings in ${path}: not a readable regular file`);
  if (bytes.length > MAX_SETTINGS_BYTES) throw new InputError(`cannot read the settings in ${path}: larger than ${MAX_SETTINGS_BYTES / 1024} KiB, not a settings file`);
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new InputError(`cannot read the settings in ${path}: ${(error as Error).message}`);
  }
  const section = (raw as Record<string, unknown>)?.postfixSasl ?? raw;
  const { settings, problems } = readSettingsChecked(section);
  // A misspelt code would otherwise leave its rule at the default while the user believes it changed.
  if (problems.length) throw new InputError(`${path}: ${problems.join('; ')}`);
  return { ...settings, maxFileSize: Math.max(settings.maxFileSize, CLI_MAX_FILE_SIZE) };
}

function toJson(path: string, file: ParsedFile, f: ResolvedFinding): JsonFinding {
  const range = file.lines.rangeOf(f.span);
  return { file: path, line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1, severity: f.severity, code: f.code, message: f.message };
}

export const checkPaths = (paths: readonly string[], settings: Settings, forcedType?: LanguageId, root?: string): JsonFinding[] => checkFiles(paths, settings, forcedType, root).findings;

/** Checks each instance the paths belong to (the live system when there are none): one run per instance. */
export function checkFiles(paths: readonly string[], settings: Settings, forcedType?: LanguageId, root?: string): { findings: JsonFinding[]; files: number } {
  const results: JsonFinding[] = [];
  let files = 0;
  // A file two instances share (master.cf beside main.cf and a main.cf variant) is reported once.
  const reported = new Set<string>();
  // The live system is judged for the Postfix installed on it.
  const live = paths.length === 0 && root === undefined;
  const versions = { ...configuredVersions(settings), ...(live ? { installedPostfix: installedPostfixVersion(), installedDovecot: installedDovecotVersion() } : {}) };
  // ... and for the Cyrus plugins installed on it; files from elsewhere get the usual set.
  const cyrusPlugins = live ? installedCyrusPlugins(diskReader) : undefined;
  for (const layout of locateForCli(paths, settings, forcedType, root)) {
    for (const { path, file, findings } of checkInstance(buildInstance(cyrusPlugins ? { ...layout, cyrusPlugins } : layout, versions), settings)) {
      if (reported.has(path)) continue;
      reported.add(path);
      files++;
      for (const f of findings) results.push(toJson(displayPath(path, paths), file, f));
    }
  }
  return { findings: results, files };
}

export function runCheckCli(argv: string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'text' }, type: { type: 'string' }, config: { type: 'string' }, 'postfix-version': { type: 'string' }, 'dovecot-version': { type: 'string' }, root: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    const message = describeArgsError(error);
    if (message === undefined) throw error;
    io.stderr.write(usageLine('postfix-sasl check', message));
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(CHECK_HELP);
    return 0;
  }
  const usage = (message: string) => {
    io.stderr.write(usageLine('postfix-sasl check', message));
    return 2;
  };
  const inputError = (message: string) => {
    io.stderr.write(`postfix-sasl check: ${message}\n`);
    return 2;
  };
  if (values.format !== 'text' && values.format !== 'json') return usage(`--format must be text or json, not "${values.format}"`);
  const forcedType = values.type === undefined ? undefined : typeNames[values.type];
  if (values.type !== undefined && !forcedType) return usage(`--type must be one of ${Object.keys(typeNames).join(', ')}`);
  const version = values['postfix-version'];
  if (version !== undefined && !POSTFIX_VERSION.test(version)) return usage(`--postfix-version must be a version such as 3.7, not "${version.slice(0, 40)}"`);
  const dovecotVersion = values['dovecot-version'];
  if (dovecotVersion !== undefined && !DOVECOT_VERSION.test(dovecotVersion)) return usage(`--dovecot-version must be 2.3 or 2.4 (or a release of them such as 2.4.1), not "${dovecotVersion.slice(0, 40)}"`);
  let result;
  try {
    const settings = loadSettings(values.config);
    const flags = { ...(version ? { postfixVersion: version } : {}), ...(dovecotVersion ? { dovecotVersion } : {}) };
    result = checkFiles(positionals, { ...settings, ...flags }, forcedType, values.root);
  } catch (error) {
    if (error instanceof InputError) return inputError(error.message);
    throw error;
  }
  writeReport(result.findings, result.files, values.format, io);
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}
