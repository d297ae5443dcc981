// One Postfix instance: the files that configure it, found as the daemons find them, with the facts
// the cross-file rules ask about computed once. Built from a layout (see assemble.ts) and cached
// by the front ends per version of its members.
import { isCyrusSaslFile, type CyrusSaslFile } from '../cyrus/cyrusFile';
import { dovecotConfig, type DovecotConfig } from '../dovecot/config';
import { isDovecotFile, type DovecotFile } from '../dovecot/dovecotFile';
import { isMainCfFile, type MainCfFile, type ParsedFile } from '../documents';
import { isMasterCfFile, type MasterCfFile } from '../master/masterCfFile';
import { usesSaslauthd } from './backend';
import { smtpdServices, type SmtpdService } from './services';
import { isSaslauthdFile, type SaslauthdFile } from '../saslauthd/saslauthdFile';
import type { Layout, Member } from './assemble';
import { baseOf, normalPath } from './paths';
import { targetDovecotLine, targetPostfixVersion, type VersionFacts } from './targetVersion';
import type { DovecotLine } from '../dovecot/settingNames';

export interface Instance {
  layout: Layout;
  members: readonly Member[];
  /** The parsed members, main.cf first. */
  files: readonly ParsedFile[];
  main?: MainCfFile;
  master?: MasterCfFile;
  saslauthd?: SaslauthdFile;
  /** Every smtpd service with its effective settings (main.cf alone stands for one without master.cf). */
  readonly services: readonly SmtpdService[];
  /** The Cyrus SASL application file smtpd reads for this service. */
  cyrusFor(service: SmtpdService): CyrusSaslFile | undefined;
  /** Whether the Cyrus files check passwords through saslauthd; undefined when none is known. */
  readonly cyrusUsesSaslauthd: boolean | undefined;
  readonly dovecot: DovecotConfig | undefined;
  /** The Postfix release the files are judged for (see targetVersion.ts); undefined: the newest. */
  readonly postfixVersion: string | undefined;
  /** The Dovecot line (2.3 or 2.4) the Dovecot files are for, when something says; see targetVersion.ts. */
  readonly dovecotLine: DovecotLine | undefined;
  /** The installed Cyrus SASL plugins, when the front end read them off the machine (see Layout). */
  readonly cyrusPlugins: readonly string[] | undefined;
  /** queue_directory, normalised: the chroot of chrooted services. */
  readonly queueDirectory: string;
  memberOf(file: ParsedFile): Member | undefined;
}

const lazy = <T>(make: () => T): (() => T) => {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = make();
      done = true;
    }
    return value;
  };
};

export function buildInstance(layout: Layout, versions: VersionFacts = {}): Instance {
  const members = layout.members;
  const byPath = new Map(members.map((m) => [m.path, m]));
  const byFile = new Map(members.filter((m) => m.parsed).map((m) => [m.parsed!.file, m]));
  const files = [...byFile.keys()];
  const main = files.find(isMainCfFile);
  const master = files.find(isMasterCfFile);
  const fileAt = (path: string | undefined) => (path === undefined ? undefined : byPath.get(path)?.parsed?.file);
  const postfixVersion = lazy(() => targetPostfixVersion(versions, main?.main));
  const services = lazy(() => smtpdServices({ main, master, postfixVersion: postfixVersion() }));
  const cyrusFor = (s: SmtpdService): CyrusSaslFile | undefined => {
    const name = s.get('smtpd_sasl_path').trim() || 'smtpd';
    const found = fileAt(layout.cyrusFiles.get(name));
    if (found && isCyrusSaslFile(found)) return found;
    // A Cyrus file handed over together with main.cf (not found by the search) is taken at its word.
    return files.filter(isCyrusSaslFile).find((f) => byFile.get(f)?.reason === GIVEN && baseOf(f.uri) === `${name}.conf`);
  };
  const cyrusUses = lazy(() => {
    const cyrus = files.filter(isCyrusSaslFile);
    return cyrus.length === 0 ? undefined : cyrus.some(usesSaslauthd);
  });
  const dovecot = lazy(() => {
    const dovecotFiles = files.filter(isDovecotFile);
    if (!dovecotFiles.length) return undefined;
    const includes = (file: DovecotFile, written: string): DovecotFile[] => {
      const paths = layout.includes.get(byFile.get(file)?.path ?? '')?.get(written) ?? [];
      return paths.map(fileAt).filter((f): f is DovecotFile => f !== undefined && isDovecotFile(f));
    };
    const atPath = (configured: string) => files.filter(isDovecotFile).find((f) => normalPath(byFile.get(f)!.configured) === normalPath(configured));
    return dovecotConfig(dovecotFiles, { includes, atPath });
  });
  const dovecotLine = lazy(() => {
    const declared = dovecot()?.setting('dovecot_config_version')?.node.value ?? files.filter(isDovecotFile).flatMap((f) => f.dovecot.settings.filter((s) => s.key === 'dovecot_config_version'))[0]?.value;
    return targetDovecotLine(versions, declared);
  });
  const queue = lazy(() => normalPath(smtpdServices({ main, postfixVersion: postfixVersion() })[0]?.get('queue_directory').trim() || '/var/spool/postfix'));
  return {
    layout,
    members,
    files,
    main,
    master,
    saslauthd: files.find(isSaslauthdFile),
    get services() {
      return services();
    },
    cyrusFor,
    get cyrusUsesSaslauthd() {
      return cyrusUses();
    },
    get dovecot() {
      return dovecot();
    },
    get postfixVersion() {
      return postfixVersion();
    },
    get dovecotLine() {
      return dovecotLine();
    },
    cyrusPlugins: layout.cyrusPlugins,
    get queueDirectory() {
      return queue();
    },
    memberOf: (file) => byFile.get(file),
  };
}

/** The reason of a file that was handed over with the instance rather than found by the search. */
export const GIVEN = 'given together with the instance';
