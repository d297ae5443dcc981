// The CLI against SMTP servers that nobody in this project wrote: nodemailer's smtp-server and Python's
// aiosmtpd, each with STARTTLS and AUTH PLAIN/LOGIN, started here on 127.0.0.1 ports 30300-30302.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cliRun';
import type { AuthTestResult } from '../../server/src/authtest';
import { base64Forms } from '../../server/src/authtest/redact';
import { makeCert } from './helpers/certs';
import { INDEPENDENT_PORTS as P, Running, startAiosmtpd, startNodemailer } from './helpers/independentServers';

const ACCOUNT = { user: 'indie', password: 'Indie-Secret-Pw-6021' };
const WRONG = 'Indie-Wrong-Pw-3309';
const dir = mkdtempSync(join(tmpdir(), 'authtest-indie-'));
const cert = makeCert('localhost', 'DNS:localhost,IP:127.0.0.1');
const files = { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') };
writeFileSync(files.cert, cert.cert);
writeFileSync(files.key, cert.key, { mode: 0o600 });

const running: Running[] = [];
const why: Record<'nodemailer' | 'aiosmtpd', string | false> = { nodemailer: false, aiosmtpd: false };
before(async () => {
  const [nm, aio] = await Promise.all([startNodemailer(P.nodemailer, cert, ACCOUNT), startAiosmtpd({ hidden: P.aiosmtpdHidden, strict: P.aiosmtpdStrict }, files, ACCOUNT)]);
  for (const [name, r] of [['nodemailer', nm], ['aiosmtpd', aio]] as const) {
    if (typeof r === 'string') why[name] = r;
    else running.push(r);
  }
});
after(async () => {
  await Promise.all(running.map((r) => r.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** The CLI with the password in $PW; standard output and error together. */
async function cli(argv: string[], password: string) {
  const r = await runCli(argv, { PW: password });
  return { code: r.code, out: r.out + r.err };
}

interface Case {
  name: string;
  port: number;
  args: string[];
  password: string;
  exit: number;
  outcomes: Array<[string, string, number?]>;
  findings: string[];
  absent?: string[];
}

const SERVERS = [
  // smtp-server lists AUTH before TLS and answers it there with 538; aiosmtpd either hides it until TLS
  // (auth_require_tls) or lists it and refuses everything but EHLO/STARTTLS/QUIT with 530 (require_starttls).
  { server: 'nodemailer' as const, name: 'nodemailer smtp-server', port: P.nodemailer, clear: { exit: 1, outcome: ['PLAIN', 'rejected', 538], finding: 'auth-requires-tls' }, listsAuthBeforeTls: true },
  { server: 'aiosmtpd' as const, name: 'aiosmtpd, AUTH only after TLS', port: P.aiosmtpdHidden, clear: { exit: 5, outcome: ['PLAIN', 'not-offered'], finding: 'no-auth-offered' }, listsAuthBeforeTls: false },
  { server: 'aiosmtpd' as const, name: 'aiosmtpd, require_starttls', port: P.aiosmtpdStrict, clear: { exit: 1, outcome: ['PLAIN', 'rejected', 530], finding: 'auth-requires-tls' }, listsAuthBeforeTls: true },
];

for (const s of SERVERS) {
  const cases: Case[] = [
    {
      name: 'right password: both mechanisms work, with the self-signed warning',
      port: s.port,
      args: ['--mech', 'PLAIN,LOGIN'],
      password: ACCOUNT.password,
      exit: 6,
      outcomes: [['PLAIN', 'ok', 235], ['LOGIN', 'ok', 235]],
      findings: ['certificate-self-signed', ...(s.listsAuthBeforeTls ? ['auth-before-tls'] : [])],
      absent: ['auth-rejected', ...(s.listsAuthBeforeTls ? [] : ['auth-before-tls'])],
    },
    {
      name: 'wrong password: both refused with 535',
      port: s.port,
      args: ['--mech', 'PLAIN,LOGIN'],
      password: WRONG,
      exit: 1,
      outcomes: [['PLAIN', 'rejected', 535], ['LOGIN', 'rejected', 535]],
      findings: ['auth-rejected'],
    },
    {
      name: 'AUTH without STARTTLS: the server wants TLS first, which is no verdict on the password',
      port: s.port,
      args: ['--tls', 'none', '--mech', 'PLAIN'],
      password: ACCOUNT.password,
      exit: s.clear.exit,
      outcomes: [s.clear.outcome as Case['outcomes'][number]],
      findings: [s.clear.finding],
      absent: ['auth-rejected', 'auth-accepted-in-clear'],
    },
  ];
  describe(s.name, () => {
    for (const c of cases) {
      test(c.name, { skip: why[s.server] || undefined }, async (t) => {
        if (why[s.server]) return t.skip(String(why[s.server]));
        const argv = [`127.0.0.1:${c.port}`, '--user', ACCOUNT.user, '--password-env', 'PW', '--ca', files.cert, ...c.args];
        const json = await cli([...argv, '--format', 'json'], c.password);
        const text = await cli(argv, c.password);
        const quiet = await cli([...argv, '--quiet'], c.password);
        assert.deepEqual([json.code, text.code, quiet.code], [c.exit, c.exit, c.exit], json.out);
        const r = JSON.parse(json.out) as AuthTestResult;
        assert.deepEqual(r.mechanisms.map((m) => [m.name, m.outcome, ...(m.code === undefined ? [] : [m.code])]), c.outcomes);
        const codes = r.findings.map((f) => f.code);
        for (const f of c.findings) assert.ok(codes.includes(f), `${f} missing from ${codes.join(', ')}`);
        for (const f of c.absent ?? []) assert.ok(!codes.includes(f), `${f} should not be among ${codes.join(', ')}`);
        for (const out of [json.out, text.out, quiet.out]) {
          for (const secret of [c.password, ...base64Forms(c.password)]) assert.ok(!out.includes(secret), 'the password, or a base64 form of it, is in the output');
        }
      });
    }
  });
}
