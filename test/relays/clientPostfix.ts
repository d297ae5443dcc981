// One private Postfix whose smtp client delivers to the test relays. Each case is a transport of its own
// in master.cf (its settings as -o overrides, its EHLO name and syslog name set to the case's name),
// chosen by the recipient's domain through transport_maps, so one start serves the whole table.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_POSTFIX_SERVICES, privatePostfixBase } from '../helpers/privatePostfix';

export interface ClientSetup {
  name: string;
  /** The relay the case's next hop points at. */
  port: number;
  /** smtp_* settings of the case; "{passwd}" stands for the path of its sasl_passwd. */
  settings: Record<string, string>;
  /** The lines of its sasl_passwd; "{pw}" stands for the run's throwaway password. */
  passwd?: string[];
  sender?: string;
  /**
   * The next hop as the checked main.cf writes it, when it differs from the relay's address: tests may
   * not listen on 465, so an implicit-TLS relay on its own port stands for "[host]:465".
   */
  checkedAs?: string;
}

export const nextHopOf = (c: ClientSetup) => `[127.0.0.1]:${c.port}`;
export const caseDir = (dir: string, c: ClientSetup) => join(dir, 'cases', c.name);
const domainOf = (c: ClientSetup) => `${c.name}.test`;
export const recipientOf = (c: ClientSetup) => `someone@${domainOf(c)}`;

function settingsOf(dir: string, c: ClientSetup): [string, string][] {
  return Object.entries(c.settings).map(([k, v]) => [k, v.replaceAll('{passwd}', join(caseDir(dir, c), 'sasl_passwd'))]);
}

/** The case as a user's main.cf would say it: the same settings, the next hop (or what it stands for) as relayhost. */
export function caseMainCf(dir: string, c: ClientSetup): string {
  return [...privatePostfixBase(dir), `relayhost = ${c.checkedAs ?? nextHopOf(c)}`, ...settingsOf(dir, c).map(([k, v]) => `${k} = ${v}`), ''].join('\n');
}

function transportLine(dir: string, c: ClientSetup): string {
  const options = [['syslog_name', `relays-${c.name}`], ['smtp_helo_name', `${c.name}.client`], ...settingsOf(dir, c)];
  const words = options.map(([k, v]) => (/[\s,]/.test(v) || v === '' ? `-o { ${k} = ${v} }` : `-o ${k}=${v}`));
  return `${c.name} unix - - n - - smtp ${words.join(' ')}`;
}

function run(cmd: string, args: string[], input?: string): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, timeout: 20_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args[0]}: exit ${r.status}: ${r.stderr.trim().slice(0, 300)}`);
}

export class ClientPostfix {
  readonly etc: string;

  /** `dir` is made by makePrivatePostfixDir (etc, queue, data and log in it). */
  constructor(readonly dir: string, private readonly cases: readonly ClientSetup[], private readonly password: string) {
    this.etc = join(dir, 'etc');
  }

  start(): void {
    const transport = join(this.etc, 'transport');
    writeFileSync(transport, this.cases.map((c) => `${domainOf(c)} ${c.name}:${nextHopOf(c)}`).join('\n') + '\n');
    writeFileSync(join(this.etc, 'main.cf'), [
      ...privatePostfixBase(this.dir),
      'default_transport = error:no route in this test',
      'local_transport = error:no local delivery in this test',
      'relay_transport = error:no relay in this test',
      'alias_maps =',
      'alias_database =',
      `transport_maps = texthash:${transport}`,
      // Nothing may resolve: every next hop is an address literal, and DNS is off besides.
      'smtp_dns_support_level = disabled',
      // One connection per message, so each relay session belongs to one case.
      'smtp_connection_cache_on_demand = no',
      'smtp_tls_loglevel = 1',
      '',
    ].join('\n'));
    for (const c of this.cases) {
      const folder = caseDir(this.dir, c);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'main.cf'), caseMainCf(this.dir, c));
      if (!c.passwd) continue;
      const passwd = join(folder, 'sasl_passwd');
      writeFileSync(passwd, c.passwd.map((l) => l.replaceAll('{pw}', this.password)).join('\n') + '\n', { mode: 0o600 });
      run('postmap', ['-c', this.etc, `hash:${passwd}`]);
    }
    writeFileSync(join(this.etc, 'master.cf'), PRIVATE_POSTFIX_SERVICES + this.cases.map((c) => transportLine(this.dir, c)).join('\n') + '\n');
    run('postfix', ['-c', this.etc, 'check']);
    run('postfix', ['-c', this.etc, 'start']);
  }

  /** Hands one message per case to the local sendmail; pickup and qmgr take it from there. */
  submitAll(): void {
    for (const c of this.cases) {
      const message = `From: ${c.sender ?? 'sender@example.org'}\nTo: ${recipientOf(c)}\nSubject: ${c.name}\n\nA test message for ${c.name}.\n`;
      run('sendmail', ['-C', this.etc, '-f', c.sender ?? 'sender@example.org', recipientOf(c)], message);
    }
  }

  log(): string {
    const path = join(this.dir, 'log', 'postfix.log');
    return existsSync(path) ? readFileSync(path, 'utf8') : '';
  }

  /** The log lines of one case's smtp client. */
  linesOf(c: ClientSetup, log = this.log()): string[] {
    return log.split('\n').filter((l) => l.includes(`relays-${c.name}/`));
  }

  stop(): void {
    spawnSync('postfix', ['-c', this.etc, 'stop'], { encoding: 'utf8', timeout: 20_000 });
  }
}
