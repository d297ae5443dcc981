import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The main.cf lines every private Postfix of the real-daemon tests starts from: its own queue, data and
// log folders under `dir`, listening on 127.0.0.1 only, delivering nowhere.
export function privatePostfixBase(dir: string): string[] {
  return [
    'compatibility_level = 3.6',
    `queue_directory = ${dir}/queue`,
    `data_directory = ${dir}/data`,
    'myhostname = localhost',
    'mydestination =',
    'inet_interfaces = 127.0.0.1',
    'inet_protocols = ipv4',
    `maillog_file = ${dir}/log/postfix.log`,
    `maillog_file_prefixes = ${dir}/log`,
  ];
}

// For a private Postfix that only answers SMTP: whatever it accepts is thrown away, nothing is looked up.
export const PRIVATE_POSTFIX_DISCARD = ['default_transport = discard', 'local_transport = discard', 'relay_transport = discard', 'alias_maps =', 'alias_database ='];

// The internal services every private Postfix needs in master.cf (no chroot, nothing listening); the
// tests add their own smtpd or smtp entries. tlsmgr serves the smtp client's TLS session cache.
export const PRIVATE_POSTFIX_SERVICES = `pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
proxymap unix - - n - - proxymap
showq unix n - n - - showq
error unix - - n - - error
discard unix - - n - - discard
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
tlsmgr unix - - n 1000? 1 tlsmgr
postlog unix-dgram n - n - 1 postlogd
`;

/** A fresh folder for a private Postfix: etc, queue, data (owned by postfix) and log under a temp dir. */
export function makePrivatePostfixDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755); // Postfix's own user must reach its data folder
  for (const sub of ['etc', 'queue', 'data', 'log']) mkdirSync(join(dir, sub));
  chownSync(join(dir, 'data'), Number(spawnSync('id', ['-u', 'postfix'], { encoding: 'utf8' }).stdout.trim()), -1);
  return dir;
}
