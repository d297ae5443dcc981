// Generates the benchmark's inputs in a scratch folder: main.cf files of several sizes that real
// Postfix reads without a warning (each beside Debian's stock master.cf), a master.cf with 200
// services, and a workspace of 50 instances.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Parameters that `postconf -d` prints but that postconf warns about when main.cf sets them. */
const READ_ONLY = new Set(['config_directory', 'service_name', 'process_name', 'process_id']);

/** The long lists a large site keeps, and the share of the extra lines each one gets. */
const LISTS: Array<{ name: string; kind: 'network' | 'domain'; share: number }> = [
  { name: 'mynetworks', kind: 'network', share: 0.4 },
  { name: 'relay_domains', kind: 'domain', share: 0.3 },
  { name: 'mydestination', kind: 'domain', share: 0.1 },
  { name: 'permit_mx_backup_networks', kind: 'network', share: 0.1 },
  { name: 'smtpd_client_event_limit_exceptions', kind: 'network', share: 0.1 },
];

const STOCK_MASTER = '/etc/postfix/master.cf';

/** `postconf -d` as name/value pairs, without the parameters that cannot be set. */
export function postconfDefaults(): Array<[string, string]> {
  const out = execFileSync('postconf', ['-d'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pairs: Array<[string, string]> = [];
  for (const line of out.split('\n')) {
    const eq = line.indexOf(' = ');
    const name = eq > 0 ? line.slice(0, eq) : line.replace(/ =$/, '');
    if (!name || READ_ONLY.has(name)) continue;
    pairs.push([name, eq > 0 ? line.slice(eq + 3) : '']);
  }
  return pairs;
}

function listItem(kind: 'network' | 'domain', list: number, i: number): string {
  if (kind === 'network') return `10.${(list * 50 + Math.floor(i / 256)) % 256}.${i % 256}.0/24`;
  return `host${i}.list${list}.example.net`;
}

/**
 * Every real parameter once with its default, and the lines past that as continuation lines of long
 * network and domain lists (one item a line), so the file has exactly `lines` lines.
 */
export function largeMainCf(lines: number, defaults: Array<[string, string]>): string {
  const extra = Math.max(0, lines - defaults.length);
  const counts = LISTS.map((l) => Math.floor(extra * l.share));
  counts[0] += extra - counts.reduce((a, b) => a + b, 0);
  const out: string[] = [];
  for (const [name, raw] of defaults) {
    // At the default level 0 the default relay restrictions are empty and smtpd refuses to start.
    const value = name === 'compatibility_level' ? '3.6' : raw;
    const li = LISTS.findIndex((l) => l.name === name);
    if (li < 0 || counts[li] === 0) {
      out.push(value === '' ? `${name} =` : `${name} = ${value}`);
      continue;
    }
    const list = LISTS[li];
    const head = list.name === 'mynetworks' ? '127.0.0.0/8 [::1]/128' : list.kind === 'network' ? '127.0.0.0/8' : list.name === 'mydestination' ? '$myhostname localhost' : 'example.org';
    out.push(`${name} = ${head},`);
    for (let i = 0; i < counts[li]; i++) out.push(`    ${listItem(list.kind, li, i)}${i < counts[li] - 1 ? ',' : ''}`);
  }
  return out.join('\n') + '\n';
}

/** A commented main.cf of about 700 lines, as a mid-sized SASL submission host keeps it. */
export function typicalMainCf(defaults: Array<[string, string]>): string {
  const wanted = /^(smtpd_sasl|smtp_sasl|smtpd_tls|smtp_tls|smtpd_.*restrictions|broken_sasl|my|relay|inet_|alias|virtual_|message_size|mailbox|recipient_delimiter|compatibility)/;
  const picked = defaults.filter(([name]) => wanted.test(name) && name !== 'mynetworks').slice(0, 120);
  const out: string[] = ['# Postfix main.cf of mail.example.com (SASL submission and relay).', '# See /usr/share/postfix/main.cf.dist for a commented, complete version.', ''];
  for (const [name, value] of picked) {
    out.push(`# ${name}: see postconf(5).`, `# Changed here only after review; the default is "${value.slice(0, 60)}".`, '#', `${name} = ${value}`, '');
  }
  out.push('# Networks we relay for.', 'mynetworks = 127.0.0.0/8 [::1]/128,');
  for (let i = 0; out.length < 699; i++) out.push(`    ${listItem('network', 9, i)},`);
  out.push('    192.168.0.0/16');
  return out.join('\n') + '\n';
}

/** Debian's stock master.cf and 200 services in all: submission listeners and relay transports. */
export function masterCf200(stock: string): string {
  const present = stock.split('\n').filter((l) => /^[a-z0-9]/i.test(l)).length;
  const out = [stock.trimEnd(), '', '# Generated: per-customer submission listeners and relay transports.'];
  for (let i = 0; present + i < 200; i++) {
    if (i % 2 === 0) {
      out.push(`127.0.0.1:${20000 + i} inet n - y - - smtpd`, `  -o syslog_name=postfix/sub${i}`, '  -o smtpd_tls_security_level=encrypt', '  -o smtpd_sasl_auth_enable=yes', '  -o smtpd_client_restrictions=permit_sasl_authenticated,reject');
    } else {
      out.push(`relay${i} unix - - y - - smtp`, `  -o smtp_helo_name=relay${i}.example.com`, '  -o smtp_tls_security_level=may');
    }
  }
  return out.join('\n') + '\n';
}

const SMTPD_CONF = 'pwcheck_method: saslauthd\nmech_list: PLAIN LOGIN\n';

export interface Inputs {
  root: string;
  /** Folders holding main.cf + master.cf, by name. */
  dirs: Record<'one' | 'typical' | 'large20k' | 'large100k', string>;
  lines: Record<'one' | 'typical' | 'large20k' | 'large100k', number>;
  master200: string;
  workspace: string;
  instances: number;
}

export function generateInputs(root: string, sizes: { large20k: number; large100k: number; instances: number }): Inputs {
  const defaults = postconfDefaults();
  const stock = existsSync(STOCK_MASTER) ? readFileSync(STOCK_MASTER, 'utf8') : '';
  const mains = {
    one: 'myhostname = mail.example.com\n',
    typical: typicalMainCf(defaults),
    large20k: largeMainCf(sizes.large20k, defaults),
    large100k: largeMainCf(sizes.large100k, defaults),
  };
  const dirs = {} as Inputs['dirs'];
  const lines = {} as Inputs['lines'];
  for (const [key, text] of Object.entries(mains) as Array<[keyof typeof mains, string]>) {
    const dir = join(root, key);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'main.cf'), text);
    writeFileSync(join(dir, 'master.cf'), stock);
    if (key === 'large20k') {
      // The large instance has its Cyrus file too: an edit of main.cf re-checks every member.
      mkdirSync(join(dir, 'sasl'), { recursive: true });
      writeFileSync(join(dir, 'sasl', 'smtpd.conf'), SMTPD_CONF);
    }
    dirs[key] = dir;
    lines[key] = text.split('\n').length - 1;
  }
  const masterDir = join(root, 'master200');
  mkdirSync(masterDir, { recursive: true });
  const master200 = join(masterDir, 'master.cf');
  writeFileSync(master200, masterCf200(stock));
  writeFileSync(join(masterDir, 'main.cf'), mains.typical);
  const workspace = join(root, 'workspace');
  for (let i = 0; i < sizes.instances; i++) {
    const dir = join(workspace, `postfix-${String(i).padStart(2, '0')}`);
    mkdirSync(join(dir, 'sasl'), { recursive: true });
    writeFileSync(join(dir, 'main.cf'), mains.typical.replace('mail.example.com', `mail${i}.example.com`));
    writeFileSync(join(dir, 'master.cf'), stock);
    writeFileSync(join(dir, 'sasl', 'smtpd.conf'), SMTPD_CONF);
  }
  return { root, dirs, lines, master200, workspace, instances: sizes.instances };
}

/** Postfix's own verdict: the warnings `postconf -c DIR -n` prints (none is what we promise). */
export function postconfWarnings(dir: string): string {
  const r = spawnSync('postconf', ['-c', dir, '-n'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return (r.stderr ?? '') + (r.status === 0 ? '' : `exit status ${r.status}`);
}
