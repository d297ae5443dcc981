// The settings files that start saslauthd (Red Hat /etc/sysconfig/saslauthd, Debian
// /etc/default/saslauthd), its authentication mechanisms and its command-line flags.
// Written by hand from the saslauthd manual and the distributions' files; docs are our own words.

export interface SaslauthdVariable {
  name: string;
  doc: string;
  family: 'redhat' | 'debian' | 'both';
  values?: readonly string[];
  /** The value holds saslauthd command-line flags. */
  flags?: boolean;
  /** The value names mechanisms. */
  mechanisms?: boolean;
}

export const saslauthdVariables: readonly SaslauthdVariable[] = [
  { name: 'MECH', family: 'redhat', mechanisms: true, doc: 'Red Hat: the authentication mechanism saslauthd uses (`-a`), such as `pam` or `shadow`.' },
  { name: 'FLAGS', family: 'redhat', flags: true, doc: 'Red Hat: more saslauthd flags, such as `-r` or `-O /etc/saslauthd.conf`.' },
  { name: 'SOCKETDIR', family: 'redhat', doc: 'Red Hat: directory for the socket (`-m`), default `/run/saslauthd`. For a chrooted Postfix it must lie under the queue directory.' },
  { name: 'START', family: 'debian', values: ['yes', 'no'], doc: 'Debian (before bookworm): the init script starts saslauthd only when this is `yes`.' },
  { name: 'DESC', family: 'debian', doc: 'Debian: description of this instance, shown by the init script.' },
  { name: 'NAME', family: 'debian', doc: 'Debian: short name of this instance (the pid file and the init messages use it).' },
  { name: 'MECHANISMS', family: 'debian', mechanisms: true, doc: 'Debian: the authentication mechanism, passed as `-a`. Only one may be given.' },
  { name: 'MECH_OPTIONS', family: 'debian', doc: 'Debian: options for the mechanism, passed as `-O` (for rimap the IMAP server, for ldap a file).' },
  { name: 'THREADS', family: 'debian', doc: 'Debian: number of worker processes (`-n`); 0 forks one per connection.' },
  { name: 'OPTIONS', family: 'debian', flags: true, doc: 'Debian: other flags. `-m` (the socket directory) is required; `-c` turns on the credential cache.' },
  { name: 'PARAMS', family: 'both', flags: true, doc: 'Extra flags read by some packagings.' },
  { name: 'SASLAUTHD_OPTS', family: 'both', flags: true, doc: 'Gentoo and Alpine (`/etc/conf.d/saslauthd`): every saslauthd flag, such as `-a pam -m /run/saslauthd`.' },
  { name: 'saslauthd_flags', family: 'both', flags: true, doc: 'FreeBSD (`rc.conf` or `rc.conf.d/saslauthd`): the flags the rc script passes to saslauthd, such as `-a pam`.' },
  { name: 'saslauthd_enable', family: 'both', values: ['YES', 'NO'], doc: 'FreeBSD: the rc script starts saslauthd only when this is `YES`.' },
];

export interface MechanismDoc {
  name: string;
  doc: string;
  /** Checks the password of local system accounts, so a realm appended to the user breaks it. */
  systemAccounts: boolean;
}

export const saslauthdMechanisms: readonly MechanismDoc[] = [
  { name: 'pam', systemAccounts: true, doc: 'Ask PAM with the service name `smtp` (`/etc/pam.d/smtp`). A user name with `@realm` is unknown to PAM.' },
  { name: 'shadow', systemAccounts: true, doc: 'Check `/etc/shadow` directly (saslauthd runs as root).' },
  { name: 'getpwent', systemAccounts: true, doc: 'Check the password returned by getpwent(); useless on systems with shadow passwords.' },
  { name: 'kerberos5', systemAccounts: false, doc: 'Get a Kerberos 5 ticket with the password.' },
  { name: 'rimap', systemAccounts: false, doc: 'Log in to an IMAP server (`-O host`) with the password.' },
  { name: 'ldap', systemAccounts: false, doc: 'Bind to LDAP; settings in `/etc/saslauthd.conf`.' },
  { name: 'sasldb', systemAccounts: false, doc: 'Check the sasldb file that `saslpasswd2` writes.' },
  { name: 'httpform', systemAccounts: false, doc: 'Post the credentials to a web form.' },
  { name: 'sia', systemAccounts: true, doc: 'Digital UNIX SIA.' },
  { name: 'dce', systemAccounts: false, doc: 'DCE login.' },
];

export interface FlagInfo {
  flag: string;
  /** Name of the argument, when the flag takes one. */
  argument?: string;
  doc: string;
}

export const saslauthdFlags: readonly FlagInfo[] = [
  { flag: '-a', argument: 'mechanism', doc: 'The authentication mechanism (required).' },
  { flag: '-O', argument: 'option', doc: 'An option for the mechanism (the IMAP host for rimap, a configuration file for ldap).' },
  { flag: '-m', argument: 'directory', doc: 'Directory in which saslauthd creates its `mux` socket. A directory, not the socket path.' },
  { flag: '-n', argument: 'threads', doc: 'Number of worker processes; 0 forks one per request.' },
  { flag: '-s', argument: 'size', doc: 'Size of the credential cache in kilobytes.' },
  { flag: '-t', argument: 'seconds', doc: 'Lifetime of cached credentials.' },
  { flag: '-c', doc: 'Cache successful logins.' },
  { flag: '-r', doc: 'Join user and realm into `user@realm` before checking. PAM and shadow then see an unknown user.' },
  { flag: '-l', doc: 'Do not lock the accept() call.' },
  { flag: '-d', doc: 'Debug: stay in the foreground. An init script then never returns.' },
  { flag: '-v', doc: 'Print the version and the mechanisms, then exit.' },
  { flag: '-h', doc: 'Print help and exit.' },
];

const byFlag = new Map(saslauthdFlags.map((f) => [f.flag, f]));
const byVariable = new Map(saslauthdVariables.map((v) => [v.name, v]));
const byMechanism = new Map(saslauthdMechanisms.map((m) => [m.name, m]));

export const lookupSaslauthdFlag = (flag: string) => byFlag.get(flag);
export const lookupSaslauthdVariable = (name: string) => byVariable.get(name);
/** saslauthd compares -a's mechanism without regard to case (2.1.28 runs pam for "-a PAM"). */
export const lookupSaslauthdMechanism = (name: string) => byMechanism.get(name.toLowerCase());
