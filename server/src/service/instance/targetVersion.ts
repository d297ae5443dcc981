// Which Postfix release an instance's files are judged for: the installed one when the live system
// is checked (its `postconf -h mail_version`, found by the front end and handed in as data), else the
// one the user named (postfixSasl.postfixVersion / --postfix-version), else the newest we know.
// A compatibility_level names the release the file was written for, so a named version below it is
// raised to it; an installed version is a fact and stays.
import { compareVersions } from '../data/catalogue';
import type { MainCfDocument } from '../parser/mainCf';
import type { Settings } from '../settings';
import { compatibilityLevel } from '../mainCf/compatibility';
import { dovecotLineOf, type DovecotLine } from '../dovecot/settingNames';

/** What the settings (or the CLI's flags) say, for an instance off the live system. */
export function configuredVersions(settings: Pick<Settings, 'postfixVersion' | 'dovecotVersion'>): VersionFacts {
  return { configuredPostfix: settings.postfixVersion, configuredDovecot: settings.dovecotVersion };
}

export interface VersionFacts {
  /** The installed Postfix's mail_version, when the live system is checked. */
  installedPostfix?: string;
  /** The setting or command-line flag; empty or undefined when not given. */
  configuredPostfix?: string;
  /** The installed `dovecot --version`, when the live system is checked. */
  installedDovecot?: string;
  /** postfixSasl.dovecotVersion; empty or undefined when not given. */
  configuredDovecot?: string;
}

/** The Dovecot line a configuration is for: its own dovecot_config_version, else the installed one, else the setting; undefined when none says. */
export function targetDovecotLine(facts: VersionFacts, declared: string | undefined): DovecotLine | undefined {
  return dovecotLineOf(declared) ?? dovecotLineOf(facts.installedDovecot) ?? dovecotLineOf(facts.configuredDovecot);
}

/** major.minor[.patch] of a version text such as `3.7.11` or `3.12-20260821`; undefined when it is none. */
export function releaseOf(text: string | undefined): string | undefined {
  return /^\s*(\d+\.\d+(?:\.\d+)?)/.exec(text ?? '')?.[1];
}

/** The target release; undefined means the newest (no version-dependent findings). */
export function targetPostfixVersion(facts: VersionFacts, main: MainCfDocument | undefined): string | undefined {
  const installed = releaseOf(facts.installedPostfix);
  if (installed) return installed;
  const configured = releaseOf(facts.configuredPostfix);
  if (!configured || !main) return configured;
  const { level, set } = compatibilityLevel(main);
  const floor = set ? releaseOfLevel(level) : undefined;
  return floor && compareVersions(floor, configured) > 0 ? floor : configured;
}

/** The oldest release that knows a compatibility level: 1 and 2 came with Postfix 3.0, later levels are release numbers. */
function releaseOfLevel(level: string): string | undefined {
  if (!/^\d+(\.\d+)*$/.test(level) || compareVersions(level, '1') < 0) return undefined;
  return compareVersions(level, '3') < 0 ? '3.0' : level;
}
