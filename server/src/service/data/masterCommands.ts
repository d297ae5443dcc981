// The programs that master.cf can run (the command column), found in Postfix's daemon directory.
// Hand-written: the docs are ours, the usual type and settings follow Postfix's stock master.cf.

export type MasterServiceType = 'inet' | 'unix' | 'unix-dgram' | 'fifo' | 'pass';

export interface MasterCommandInfo {
  name: string;
  /** The type it is normally run as in a stock master.cf. */
  usualType: MasterServiceType;
  /** Other types it can be run as. */
  otherTypes?: readonly MasterServiceType[];
  /** Postfix version that added it, where it matters. */
  since?: string;
  /** Markdown written by us. */
  doc: string;
}

export const masterCommands: readonly MasterCommandInfo[] = [
  { name: 'smtpd', usualType: 'inet', otherTypes: ['pass', 'unix'], doc: 'The SMTP server: talks to clients on port 25, to mail programs on submission (587) and submissions (465), and to content filters re-injecting mail. As a `pass` service it takes connections that postscreen handed over. SASL (SMTP AUTH) and the smtpd_* restrictions run here.' },
  { name: 'smtp', usualType: 'unix', doc: 'The SMTP client: delivers mail to other servers, or to a relay host. The `relay` service is normally a second copy of it. Client-side SASL (smtp_sasl_*) runs here.' },
  { name: 'lmtp', usualType: 'unix', doc: 'The LMTP client: hands mail to a local mail store such as Dovecot or Cyrus over LMTP.' },
  { name: 'qmgr', usualType: 'unix', otherTypes: ['fifo'], doc: 'The queue manager: schedules every delivery. There must be exactly one, with maxproc 1.' },
  { name: 'oqmgr', usualType: 'unix', otherTypes: ['fifo'], doc: 'The old queue manager, without the preemptive scheduler; an alternative to `qmgr`.' },
  { name: 'nqmgr', usualType: 'unix', otherTypes: ['fifo'], doc: 'Old name of the current queue manager, from before Postfix 2.1 made it the default `qmgr`; some systems still install it under this name too.' },
  { name: 'pickup', usualType: 'unix', otherTypes: ['fifo'], doc: 'Collects mail that local programs dropped into the maildrop queue (sendmail command) and passes it to cleanup. Runs with maxproc 1.' },
  { name: 'cleanup', usualType: 'unix', doc: 'Puts every new message into shape before it is queued: adds missing headers, rewrites addresses, runs header/body checks and milters.' },
  { name: 'tlsmgr', usualType: 'unix', doc: 'Keeps the TLS session cache and the random-number pool that smtpd and smtp share. Runs with maxproc 1.' },
  { name: 'trivial-rewrite', usualType: 'unix', doc: 'Resolves and rewrites addresses: decides which transport and next hop each recipient goes to. Normally run as the `rewrite` service.' },
  { name: 'bounce', usualType: 'unix', doc: 'Writes delivery status reports: runs as the `bounce`, `defer` and `trace` services.' },
  { name: 'verify', usualType: 'unix', doc: 'Keeps the address verification cache used by reject_unverified_sender and reject_unverified_recipient.' },
  { name: 'flush', usualType: 'unix', doc: 'Keeps per-destination logs of deferred mail for ETRN and `sendmail -qR`.' },
  { name: 'proxymap', usualType: 'unix', doc: 'Opens lookup tables on behalf of other processes (`proxy:` maps), which lets chrooted daemons reach tables outside the chroot and share database connections. Runs as `proxymap` (read) and `proxywrite` (write).' },
  { name: 'showq', usualType: 'unix', doc: 'Lists the mail queue for `mailq` and `postqueue -p`.' },
  { name: 'error', usualType: 'unix', doc: 'A delivery agent that always fails (or defers as the `retry` service): used for recipients that are refused by configuration.' },
  { name: 'discard', usualType: 'unix', doc: 'A delivery agent that throws the mail away and reports it as delivered.' },
  { name: 'local', usualType: 'unix', doc: 'Delivers to local UNIX accounts: aliases, .forward files, mailbox files or commands. Must run outside the chroot (it needs the real file system).' },
  { name: 'virtual', usualType: 'unix', doc: 'Delivers to mailboxes of virtual domains (virtual_mailbox_maps), without UNIX accounts.' },
  { name: 'pipe', usualType: 'unix', doc: 'Hands each message to an external command, given after `flags=`, `user=` and `argv=` arguments; used for maildrop, Dovecot LDA, mailman and the like.' },
  { name: 'anvil', usualType: 'unix', doc: 'Counts connections and request rates per client, for the smtpd_client_*_limit settings and postscreen. Runs with maxproc 1.' },
  { name: 'scache', usualType: 'unix', doc: 'Keeps open SMTP client connections for reuse (connection caching). Runs with maxproc 1.' },
  { name: 'postlogd', usualType: 'unix-dgram', since: '3.4', doc: 'Writes the Postfix log to a file or stdout instead of syslog (maillog_file); runs as the `postlog` service with maxproc 1.' },
  { name: 'postscreen', usualType: 'inet', since: '2.8', doc: 'Screens connections on port 25 before smtpd sees them (DNS blocklists, pregreet and protocol tests), then passes good clients to the `smtpd pass` service. Runs with maxproc 1.' },
  { name: 'dnsblog', usualType: 'unix', since: '2.8', doc: 'Does DNS blocklist lookups for postscreen.' },
  { name: 'tlsproxy', usualType: 'unix', since: '2.8', doc: 'Speaks TLS on behalf of postscreen (STARTTLS) and, since 3.4, of the SMTP client for TLS wrapper mode.' },
  { name: 'spawn', usualType: 'unix', otherTypes: ['inet'], doc: 'Starts an external command for each connection, with its standard input and output on the socket (used for policy servers such as policyd-spf).' },
  { name: 'qmqpd', usualType: 'inet', doc: 'The QMQP server, for mail from qmail-style clients such as ezmlm setups.' },
];

const byName = new Map(masterCommands.map((c) => [c.name, c]));

/** The command by name, or by the last part of a path (`/usr/lib/postfix/sbin/smtpd`). */
export function lookupMasterCommand(command: string): MasterCommandInfo | undefined {
  return byName.get(command) ?? byName.get(command.slice(command.lastIndexOf('/') + 1));
}

/** Service names of the stock master.cf whose command differs from the name. */
export const stockServiceNames: ReadonlyArray<{ name: string; type: MasterServiceType; command: string }> = [
  { name: 'smtp', type: 'inet', command: 'smtpd' },
  { name: 'submission', type: 'inet', command: 'smtpd' },
  { name: 'submissions', type: 'inet', command: 'smtpd' },
  { name: 'smtps', type: 'inet', command: 'smtpd' },
  { name: 'rewrite', type: 'unix', command: 'trivial-rewrite' },
  { name: 'defer', type: 'unix', command: 'bounce' },
  { name: 'trace', type: 'unix', command: 'bounce' },
  { name: 'proxywrite', type: 'unix', command: 'proxymap' },
  { name: 'relay', type: 'unix', command: 'smtp' },
  { name: 'retry', type: 'unix', command: 'error' },
  { name: 'postlog', type: 'unix-dgram', command: 'postlogd' },
];
