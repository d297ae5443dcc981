// The Cyrus SASL plugins installed on this machine, read once per run when the live system is
// checked. Outside service/: it looks at the machine; the mechanism model gets the names as data.
import type { FileReader } from '../service/instance/reader';
import { cyrusPluginsFromFiles } from '../service/smtpd/mechanisms/backend';

/** Where libsasl2 loads its plugins from: Debian and Ubuntu (multiarch), Fedora and RHEL, Arch and the source default. */
export const CYRUS_PLUGIN_FOLDERS = ['/usr/lib/x86_64-linux-gnu/sasl2', '/usr/lib/aarch64-linux-gnu/sasl2', '/usr/lib64/sasl2', '/usr/lib/sasl2'];

/**
 * The plugin names (plain, login, scram ...) of the first folder that holds a plugin; undefined when
 * none does. A folder without plugins is passed over: Debian keeps /usr/lib/sasl2 for the
 * Berkeley DB notes of libsasl2-modules-db, and its library never loads plugins from there.
 */
export function installedCyrusPlugins(reader: FileReader, folders: readonly string[] = CYRUS_PLUGIN_FOLDERS): string[] | undefined {
  for (const folder of folders) {
    const plugins = cyrusPluginsFromFiles(reader.list(folder) ?? []);
    if (plugins.length) return plugins;
  }
  return undefined;
}
