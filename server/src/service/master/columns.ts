// What each master.cf column means, in our words: one table for hover and completion.
import type { MasterServiceType } from '../data/masterCommands';
import type { ColumnName } from './parseMasterCf';

export interface ColumnInfo {
  name: ColumnName | 'command';
  doc: string;
  /** What `-` stands for; undefined where `-` is not allowed. */
  dash?: string;
  /** Values to offer, with what each one means here. */
  values: ReadonlyArray<{ text: string; doc: string }>;
}

export const serviceTypeDocs: Record<MasterServiceType, string> = {
  inet: 'A TCP socket. The service column is `[host:]port`, where port is a number or a name from /etc/services (smtp, submission, submissions).',
  unix: 'A UNIX-domain stream socket in the queue directory (private/ or public/, after the private column). Most internal services and delivery agents.',
  'unix-dgram': 'A UNIX-domain datagram socket (Postfix 3.4 and later); used by the postlog service.',
  fifo: 'A named pipe in the queue directory; older layouts use it for pickup and qmgr.',
  pass: 'A UNIX-domain socket that receives already-open connections from another process: postscreen hands good clients to the `smtpd pass` service this way (Postfix 2.8 and later).',
};

export const columns: Record<ColumnName | 'command', ColumnInfo> = {
  service: {
    name: 'service',
    doc: 'The service name. For `inet` it is the address to listen on: `port`, `host:port` or `[ipv6]:port` (`127.0.0.1:submission` listens on loopback only). For the other types it names the socket, and for delivery agents the transport (`relay`, `lmtp`) that transport maps refer to.',
    values: [],
  },
  type: {
    name: 'type',
    doc: 'How the service is reached: `inet`, `unix`, `unix-dgram`, `fifo` or `pass`.',
    values: Object.entries(serviceTypeDocs).map(([text, doc]) => ({ text, doc })),
  },
  private: {
    name: 'private',
    doc: 'Whether only Postfix may reach the socket (`y`: under private/) or every local user (`n`: under public/). Network services are open to the network whatever it says: write `n` for `inet`.',
    dash: 'y (private)',
    values: [
      { text: 'y', doc: 'Private: only Postfix programs can connect.' },
      { text: 'n', doc: 'Public: any local user can connect (needed for pickup, showq, flush and every inet service).' },
      { text: '-', doc: 'The default: y.' },
    ],
  },
  unpriv: {
    name: 'unpriv',
    doc: 'Whether the daemon runs as the unprivileged mail_owner (`y`) or as root (`n`). Only delivery agents that switch to the recipient\'s user need root: local, virtual, pipe.',
    dash: 'y (unprivileged)',
    values: [
      { text: 'y', doc: 'Runs as mail_owner (normally `postfix`).' },
      { text: 'n', doc: 'Runs as root: only for local, virtual and pipe.' },
      { text: '-', doc: 'The default: y.' },
    ],
  },
  chroot: {
    name: 'chroot',
    doc: 'Whether the daemon runs inside a chroot jail in the queue directory. A chrooted smtpd sees only files below the queue directory: a saslauthd or Dovecot socket outside it cannot be reached, and /etc files it needs must be copied in.',
    dash: 'y below main.cf\'s compatibility_level 1 (Postfix 3.0 and later; always y before 3.0), n from level 1 on; Debian\'s stock file writes y explicitly',
    values: [
      { text: 'y', doc: 'Chrooted in the queue directory.' },
      { text: 'n', doc: 'Not chrooted: sees the whole file system.' },
      { text: '-', doc: 'The default: n from compatibility_level 1 on, y below it.' },
    ],
  },
  wakeup: {
    name: 'wakeup',
    doc: 'Every how many seconds master wakes the service up (pickup 60, qmgr 300). A trailing `?` wakes it only when it is in use (flush, tlsmgr). `0` or `-`: never.',
    dash: 'never',
    values: [
      { text: '-', doc: 'Never woken up.' },
      { text: '60', doc: 'Every minute (pickup).' },
      { text: '300', doc: 'Every five minutes (qmgr).' },
      { text: '1000?', doc: 'Every 1000 seconds, only when in use (flush, tlsmgr).' },
    ],
  },
  maxproc: {
    name: 'maxproc',
    doc: 'How many processes of this service may run at once. `0` means no limit. Services that must be unique (qmgr, pickup, tlsmgr, anvil, scache, postscreen, postlog) use `1`.',
    dash: 'default_process_limit (100)',
    values: [
      { text: '-', doc: 'default_process_limit (100).' },
      { text: '1', doc: 'One process only.' },
      { text: '0', doc: 'No limit.' },
    ],
  },
  command: {
    name: 'command',
    doc: 'The program to run, from daemon_directory unless it is an absolute path, with its arguments. `-o name=value` overrides a main.cf parameter for this service only; `-o { name = value }` allows spaces in the value (Postfix 3.0 and later); `-v` logs more.',
    values: [],
  },
};
