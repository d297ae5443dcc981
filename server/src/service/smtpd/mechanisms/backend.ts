// The mechanisms a service's SASL back end offers before Postfix applies its security options:
// Cyrus's mech_list (else every installed plugin), or Dovecot's auth_mechanisms.
import type { CyrusSaslFile } from '../../cyrus/cyrusFile';
import { cyrusValue, type CyrusEntry } from '../../cyrus/parse';
import { lookupDovecotMechanism } from '../../data/dovecotSettings';
import { mechanisms as dovecotMechanisms, type DovecotConfig } from '../../dovecot/config';
import { pathOfUri } from '../../instance/paths';
import { cyrusMechanismProperties, cyrusPluginMechanisms, dovecotMechanismProperties, USUAL_CYRUS_PLUGINS, type SecurityProperty } from './properties';

export interface BackendOffer {
  kind: 'cyrus' | 'dovecot';
  /** In the back end's order; undefined when we cannot tell (a template, no Dovecot configuration). */
  names: string[] | undefined;
  /** Where the list comes from, in words for the hover. */
  source: string;
  /** No mech_list, and the installed plugins were not given: Debian's usual set is assumed. */
  assumed: boolean;
  properties(name: string): readonly SecurityProperty[] | undefined;
  /** Why smtpd cannot reach the back end at all (then `names` is empty). */
  unreachable?: string;
  /** The Cyrus file smtpd reads, when one was found. */
  cyrus?: CyrusSaslFile;
  mechList?: CyrusEntry;
}

/** What the caller knows of the machine: the Cyrus plugins installed (names such as `plain`, `scram`). */
export interface MechanismEnvironment {
  cyrusPlugins?: readonly string[];
}

/** Plugin names from the file names of a Cyrus plugin folder (libplain.so, libscram.so.2 ...). */
export function cyrusPluginsFromFiles(files: readonly string[]): string[] {
  return [...new Set(files.map((f) => /^lib([a-z0-9]+)\.so(\.|$)/i.exec(f)?.[1]?.toLowerCase()).filter((n): n is string => !!n))];
}

export function cyrusOffer(cyrus: CyrusSaslFile | undefined, env: MechanismEnvironment): BackendOffer {
  const plugins = env.cyrusPlugins ?? USUAL_CYRUS_PLUGINS;
  const installed = new Set(plugins.flatMap((p) => cyrusPluginMechanisms.get(p) ?? []));
  const where = cyrus ? `\`${pathOfUri(cyrus.uri)}\`` : 'no Cyrus file found';
  const base = { kind: 'cyrus' as const, properties: cyrusMechanismProperties, ...(cyrus ? { cyrus } : {}) };
  const mechList = cyrus && cyrusValue(cyrus.cyrus, 'mech_list');
  if (mechList?.template) return { ...base, names: undefined, source: `mech_list in ${where}`, assumed: false, mechList };
  if (mechList) {
    // Cyrus offers a listed mechanism only when a loaded plugin serves it; a misspelt name is never offered.
    const listed = [...new Set(mechList.words.map((w) => w.text.toUpperCase()))];
    const names = listed.filter((n) => (env.cyrusPlugins ? installed.has(n) : cyrusMechanismProperties(n) !== undefined));
    return { ...base, names, source: `mech_list in ${where}`, assumed: false, mechList };
  }
  const names = [...installed];
  const source = env.cyrusPlugins ? `every installed Cyrus plugin (no mech_list in ${where})` : `every plugin of a usual Cyrus install (no mech_list in ${where})`;
  return { ...base, names, source, assumed: !env.cyrusPlugins };
}

export function dovecotOffer(config: DovecotConfig | undefined): BackendOffer {
  const base = { kind: 'dovecot' as const, properties: dovecotMechanismProperties, assumed: false };
  if (!config) return { ...base, names: undefined, source: "Dovecot's auth_mechanisms (its configuration is not part of this check)" };
  const { words, setting } = dovecotMechanisms(config);
  if (!words.length || words.some((w) => /[$%]/.test(w.name))) return { ...base, names: undefined, source: "Dovecot's auth_mechanisms" };
  // APOP and other private mechanisms are never announced to Postfix.
  const names = [...new Set(words.map((w) => w.name.toUpperCase()))].filter((n) => !lookupDovecotMechanism(n)?.private);
  return { ...base, names, source: setting ? "Dovecot's auth_mechanisms" : "Dovecot's default auth_mechanisms (plain)" };
}
