// The real Postfix is the oracle for the mechanism model: one private Postfix on 127.0.0.1 runs one
// smtpd per case (master.cf -o overrides, private Cyrus files in $config_directory/sasl, a private
// sasldb). Each case's EHLO AUTH line before and after STARTTLS must be what the model predicts for
// the same files, a service the model says dies must drop the connection and log the fatal line,
// and our check must raise the case's code as an error. Ports 30500-30549 only.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { checkPaths, type JsonFinding } from '../../server/src/cli/check';
import { diskReader } from '../../server/src/diskReader';
import { parseText } from '../../server/src/service/analyze';
import { buildInstance } from '../../server/src/service/instance/instance';
import { locateLayouts } from '../../server/src/service/instance/locate';
import type { RuleCode } from '../../server/src/service/rules';
import { defaultSettings } from '../../server/src/service/settings';
import { cyrusPluginsFromFiles } from '../../server/src/service/smtpd/mechanisms/backend';
import { instanceMechanisms, type ServiceMechanisms } from '../../server/src/service/smtpd/mechanisms/model';
import { PRIVATE_POSTFIX_DISCARD, PRIVATE_POSTFIX_SERVICES, privatePostfixBase } from '../helpers/privatePostfix';

const PORT_BASE = 30500;
const PLUGIN_DIR = '/usr/lib/x86_64-linux-gnu/sasl2';
const USER = 'alice';
const PASSWORD = `Pw-${process.pid}-oracle`;

interface Case {
  name: string;
  overrides: string[];
  /** Connect with TLS from the first byte (wrappermode). */
  wrapper?: boolean;
  /** The code we must raise, as an error, on the service's line (or in its Cyrus file). */
  code?: RuleCode;
  /** Log CRAM-MD5 in after EHLO: it must work although pwcheck_method is saslauthd. */
  cramLogin?: boolean;
}

const CYRUS_FILES: Record<string, (dir: string) => string> = {
  plain: () => 'pwcheck_method: saslauthd\nmech_list: PLAIN LOGIN\n',
  cram: (dir) => `pwcheck_method: saslauthd\nsasldb_path: ${dir}/sasldb2\nmech_list: PLAIN LOGIN CRAM-MD5 DIGEST-MD5\n`,
  all: (dir) => `pwcheck_method: saslauthd\nsasldb_path: ${dir}/sasldb2\n`,
};

const cases: Case[] = [
  { name: 'plain', overrides: ['smtpd_sasl_path=plain'] },
  { name: 'plain-noplaintext', overrides: ['smtpd_sasl_path=plain', 'smtpd_sasl_security_options=noplaintext'], code: 'sasl-no-mechanisms' },
  { name: 'plain-auth-only', overrides: ['smtpd_sasl_path=plain', 'smtpd_sasl_security_options=noplaintext', 'smtpd_tls_auth_only=yes'] },
  { name: 'plain-tls-noplaintext', overrides: ['smtpd_sasl_path=plain', 'smtpd_sasl_tls_security_options=noplaintext'], code: 'sasl-no-mechanisms' },
  { name: 'cram', overrides: ['smtpd_sasl_path=cram'], cramLogin: true },
  { name: 'all', overrides: ['smtpd_sasl_path=all', 'smtpd_sasl_security_options='] },
  { name: 'nodictionary', overrides: ['smtpd_sasl_path=all', 'smtpd_sasl_security_options=nodictionary'], code: 'sasl-no-mechanisms' },
  { name: 'noactive', overrides: ['smtpd_sasl_path=all', 'smtpd_sasl_security_options=noactive'] },
  { name: 'mutual', overrides: ['smtpd_sasl_path=all', 'smtpd_sasl_security_options=mutual_auth'] },
  { name: 'forward-secrecy', overrides: ['smtpd_sasl_path=all', 'smtpd_sasl_security_options=forward_secrecy'], code: 'sasl-no-mechanisms' },
  { name: 'no-certificate', overrides: ['smtpd_sasl_path=plain', 'smtpd_tls_auth_only=yes', 'smtpd_tls_cert_file=', 'smtpd_tls_key_file='], code: 'sasl-auth-no-certificate' },
  { name: 'tls-none', overrides: ['smtpd_sasl_path=plain', 'smtpd_tls_security_level=none', 'smtpd_tls_auth_only=yes'], code: 'sasl-auth-tls-disabled' },
  { name: 'wrapper', overrides: ['smtpd_sasl_path=plain', 'smtpd_tls_wrappermode=yes', 'smtpd_sasl_security_options=noplaintext'], wrapper: true },
  { name: 'Dovecot', overrides: ['smtpd_sasl_type=Dovecot'], code: 'sasl-type-miscased' },
  { name: 'dovecot-default-path', overrides: ['smtpd_sasl_type=dovecot'], code: 'sasl-dovecot-default-path' },
];

const canRun = process.getuid?.() === 0 && spawnSync('postfix', ['-c', '/nonexistent', 'status'], { encoding: 'utf8' }).error === undefined && diskReader.list(PLUGIN_DIR) !== undefined;
const skip = canRun ? false : 'needs root, an installed Postfix and Cyrus SASL plugins (see .ci/run)';

/** What one connection saw: the AUTH words of each EHLO, and whether the server dropped the line. */
interface Seen {
  banner: boolean;
  before?: string[];
  after?: string[];
  starttls: boolean;
  dropped: boolean;
  cram?: string;
}

/** Line-by-line SMTP over a socket that can be swapped for its TLS form; every wait has a timeout. */
class Talk {
  private buffer = '';
  private waiting?: () => void;
  closed = false;
  constructor(private socket: Socket) {
    this.attach(socket);
  }

  private attach(socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      this.buffer += d;
      this.waiting?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiting?.();
    });
    socket.on('error', () => {
      this.closed = true;
      this.waiting?.();
    });
  }

  /** One reply (all its lines), or undefined when the server closed or said nothing in time. */
  async reply(): Promise<string[] | undefined> {
    const deadline = Date.now() + 4000;
    for (;;) {
      const lines = this.buffer.split('\r\n');
      const end = lines.findIndex((l) => /^\d{3}( |$)/.test(l));
      if (end !== -1) {
        this.buffer = lines.slice(end + 1).join('\r\n');
        return lines.slice(0, end + 1);
      }
      if (this.closed || Date.now() > deadline) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  send(line: string) {
    if (!this.closed) this.socket.write(`${line}\r\n`);
  }

  async startTls(): Promise<boolean> {
    const secure = tlsConnect({ socket: this.socket, rejectUnauthorized: false, servername: 'localhost' });
    const ok = await new Promise<boolean>((resolve) => {
      secure.once('secureConnect', () => resolve(true));
      secure.once('error', () => resolve(false));
      setTimeout(() => resolve(false), 4000);
    });
    this.socket = secure;
    this.buffer = '';
    this.attach(secure);
    return ok;
  }

  end() {
    this.socket.destroy();
  }
}

const authWords = (lines: string[] | undefined) => lines?.map((l) => /^250[ -]AUTH (.*)$/i.exec(l)?.[1]).find((x) => x !== undefined)?.trim().split(/\s+/) ?? [];

async function opened(port: number, wrapper: boolean): Promise<Talk | undefined> {
  const raw = connect({ host: '127.0.0.1', port });
  const ready = await new Promise<boolean>((resolve) => {
    raw.once('connect', () => resolve(true));
    raw.once('error', () => resolve(false));
    setTimeout(() => resolve(false), 4000);
  });
  if (!ready) return undefined;
  const talk = new Talk(raw);
  if (wrapper && !(await talk.startTls())) return undefined;
  return talk;
}

async function cramLogin(talk: Talk): Promise<string> {
  talk.send('AUTH CRAM-MD5');
  const challenge = (await talk.reply())?.[0];
  if (!challenge?.startsWith('334 ')) return challenge ?? 'no answer';
  const digest = createHmac('md5', PASSWORD).update(Buffer.from(challenge.slice(4), 'base64')).digest('hex');
  talk.send(Buffer.from(`${USER} ${digest}`).toString('base64'));
  return (await talk.reply())?.[0] ?? 'no answer';
}

async function probe(port: number, c: Case): Promise<Seen> {
  const seen: Seen = { banner: false, starttls: false, dropped: false };
  const talk = await opened(port, c.wrapper === true);
  if (!talk) return { ...seen, dropped: true };
  try {
    seen.banner = (await talk.reply())?.[0]?.startsWith('220') ?? false;
    if (!seen.banner) return { ...seen, dropped: true };
    talk.send('EHLO oracle.test');
    const first = await talk.reply();
    if (!first) return { ...seen, dropped: true };
    if (c.wrapper) {
      seen.after = authWords(first);
      return seen;
    }
    seen.before = authWords(first);
    if (c.cramLogin) seen.cram = await cramLogin(talk);
    if (!first.some((l) => /^250[ -]STARTTLS/i.test(l))) return seen;
    seen.starttls = true;
    talk.send('STARTTLS');
    if (!(await talk.reply())?.[0]?.startsWith('220') || !(await talk.startTls())) return { ...seen, dropped: true };
    talk.send('EHLO oracle.test');
    const second = await talk.reply();
    if (!second) return { ...seen, dropped: true };
    seen.after = authWords(second);
    talk.send('QUIT');
    return seen;
  } finally {
    talk.end();
  }
}

const sorted = (words: readonly string[] | undefined) => [...(words ?? [])].sort();

describe('real Postfix offers the mechanisms the model predicts', { skip }, () => {
  let dir = '';
  let log = '';
  let ours: JsonFinding[] = [];
  const seen = new Map<string, Seen>();
  const models = new Map<string, ServiceMechanisms>();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-mechs-'));
    chmodSync(dir, 0o755);
    for (const sub of ['etc', 'etc/sasl', 'queue', 'data', 'log', 'tls']) mkdirSync(join(dir, sub));
    const postfixUser = spawnSync('id', ['-u', 'postfix'], { encoding: 'utf8' }).stdout.trim();
    chownSync(join(dir, 'data'), Number(postfixUser), -1);
    const cert = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-keyout', join(dir, 'tls/key.pem'), '-out', join(dir, 'tls/cert.pem')], { encoding: 'utf8' });
    assert.equal(cert.status, 0, cert.stderr);
    const sasldb = spawnSync('saslpasswd2', ['-p', '-c', '-f', join(dir, 'sasldb2'), '-u', 'localhost', USER], { input: PASSWORD, encoding: 'utf8' });
    assert.equal(sasldb.status, 0, sasldb.stderr);
    chownSync(join(dir, 'sasldb2'), 0, Number(spawnSync('id', ['-g', 'postfix'], { encoding: 'utf8' }).stdout.trim()));
    chmodSync(join(dir, 'sasldb2'), 0o640);
    for (const [name, text] of Object.entries(CYRUS_FILES)) writeFileSync(join(dir, 'etc/sasl', `${name}.conf`), text(dir));
    writeFileSync(join(dir, 'etc', 'main.cf'), [
      ...privatePostfixBase(dir),
      ...PRIVATE_POSTFIX_DISCARD,
      'smtpd_sasl_auth_enable = yes',
      'smtpd_tls_security_level = may',
      `smtpd_tls_cert_file = ${dir}/tls/cert.pem`,
      `smtpd_tls_key_file = ${dir}/tls/key.pem`,
      'smtpd_sasl_security_options = noanonymous',
      'smtpd_sasl_tls_security_options = noanonymous',
      'smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination',
      '',
    ].join('\n'));
    const lines = cases.map((c, i) => `127.0.0.1:${PORT_BASE + i} inet n - n - - smtpd -o syslog_name=mechs-${c.name} ${c.overrides.map((o) => `-o ${o}`).join(' ')}`);
    writeFileSync(join(dir, 'etc', 'master.cf'), lines.join('\n') + '\n' + PRIVATE_POSTFIX_SERVICES);

    // The model of the same files, with the plugins this machine really has.
    const [layout] = locateLayouts([join(dir, 'etc')], { reader: diskReader, parse: (path, languageId, text) => parseText(path, languageId, text, defaultSettings) });
    const cyrusPlugins = cyrusPluginsFromFiles(readdirSync(PLUGIN_DIR));
    instanceMechanisms(buildInstance(layout), { cyrusPlugins }).forEach((m, i) => models.set(cases[i].name, m));
    ours = checkPaths([join(dir, 'etc')], defaultSettings);

    for (const args of [['check'], ['start']]) {
      const r = spawnSync('postfix', ['-c', join(dir, 'etc'), ...args], { encoding: 'utf8' });
      assert.equal(r.status, 0, `postfix ${args[0]}: ${r.stderr}`);
    }
    // Wait for the master to listen on a service that stays up, then talk to every service at once.
    for (let i = 0; i < 100 && !(await opened(PORT_BASE, false).then((t) => (t?.end(), t !== undefined))); i++) await new Promise((r) => setTimeout(r, 100));
    const results = await Promise.all(cases.map((c, i) => probe(PORT_BASE + i, c)));
    cases.forEach((c, i) => seen.set(c.name, results[i]));
    // A dead smtpd's fatal line reaches the log through postlogd a little later; under load, seconds later.
    const dying = cases.filter((c) => models.get(c.name)!.fatal || !models.get(c.name)!.type);
    for (let i = 0; i < 100; i++) {
      log = readFileSync(join(dir, 'log', 'postfix.log'), 'utf8');
      if (dying.every((c) => log.includes(`mechs-${c.name}/smtpd`) && log.split('\n').some((l) => l.includes(`mechs-${c.name}/smtpd`) && l.includes('fatal:')))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  after(() => {
    if (dir) spawnSync('postfix', ['-c', join(dir, 'etc'), 'stop'], { encoding: 'utf8' });
  });

  const fatalLines = (c: Case) => log.split('\n').filter((l) => l.includes(`mechs-${c.name}/smtpd`) && l.includes('fatal:'));

  for (const c of cases) {
    it(`${c.name}: EHLO says what the model predicts`, () => {
      const m = models.get(c.name)!;
      const s = seen.get(c.name)!;
      const detail = `model ${JSON.stringify({ before: m.beforeTls, after: m.afterTls?.offered, fatal: m.fatal, never: m.never })}, seen ${JSON.stringify(s)}`;
      if (m.fatal === 'before-tls' || !m.type) {
        assert.equal(s.dropped, true, detail);
        assert.ok(fatalLines(c).length > 0, `no fatal line for ${c.name}`);
        return;
      }
      assert.deepEqual(sorted(s.before), m.beforeTls?.announced ? sorted(m.beforeTls.offered) : [], `before TLS: ${detail}`);
      if (m.fatal === 'after-tls') {
        assert.equal(s.dropped, true, detail);
        assert.ok(fatalLines(c).some((l) => l.includes('no SASL authentication mechanisms')), `no fatal line for ${c.name}`);
      } else if (m.afterTls) {
        assert.deepEqual(sorted(s.after), sorted(m.afterTls.offered), `after TLS: ${detail}`);
        assert.deepEqual(fatalLines(c), []);
      } else {
        // Without a certificate smtpd still announces STARTTLS, but the handshake fails: no AUTH either way.
        assert.ok(!s.starttls || s.dropped, detail);
        assert.equal(s.after, undefined, detail);
      }
    });
  }

  it('CRAM-MD5 works with pwcheck_method: saslauthd when sasldb holds the user', () => {
    assert.match(seen.get('cram')?.cram ?? '', /^235 /);
    // The Cyrus file names its sasldb, so the finding that CRAM-MD5 needs a secret store stays quiet.
    const inCram = ours.filter((o) => o.file.endsWith('cram.conf')).map((o) => o.code);
    assert.ok(!inCram.includes('cyrus-mech-needs-secret'), inCram.join(', '));
  });

  it('the fatal lines are the ones our messages quote', () => {
    assert.ok(fatalLines(cases.find((c) => c.name === 'nodictionary')!).some((l) => l.includes('fatal: no SASL authentication mechanisms')));
    assert.ok(fatalLines(cases.find((c) => c.name === 'Dovecot')!).some((l) => l.includes('SASL per-process initialization failed')));
    assert.ok(log.includes("mechs-dovecot-default-path/smtpd") && log.includes("SASL: Connect to Dovecot auth socket 'smtpd' failed"));
  });

  for (const [i, c] of cases.entries()) {
    it(`${c.name}: our check ${c.code ? `says ${c.code} as an error` : 'raises no error'} for the service`, () => {
      const onLine = ours.filter((o) => o.file.endsWith('master.cf') && o.line === i + 1);
      if (c.code) assert.ok(onLine.some((o) => o.code === c.code && o.severity === 'error'), `we raised: ${onLine.map((o) => o.code).join(', ') || 'nothing'}`);
      else assert.deepEqual(onLine.filter((o) => o.severity === 'error').map((o) => o.code), []);
    });
  }
});
