// `postfix-sasl explain` on a generated mail.log (100 MB; 5 MB with --quick), streamed from the file:
// wall time and the child's peak RSS (GNU time's %M), next to the peak RSS on a log a tenth the size
// (flat memory: the two are about the same).
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from './cli';
import { now, row, type Row } from './stats';

// A day of a busy server: connections, logins (some failing, some with a password in the user name),
// relay refusals, the SMTP client's deferrals, Dovecot and saslauthd lines, and noise of other services.
const TEMPLATES = [
  (i: number) => `postfix/smtpd[${i % 30000}]: connect from client${i % 5000}.example[192.0.2.${i % 250}]`,
  (i: number) => `postfix/submission/smtpd[${i % 30000}]: warning: client${i % 5000}.example[198.51.100.${i % 250}]: SASL LOGIN authentication failed: authentication failure, sasl_username=user${i % 900}@example.org`,
  (i: number) => `postfix/submission/smtpd[${i % 30000}]: warning: SASL authentication failure: Password verification failed`,
  (i: number) => `postfix/smtpd[${i % 30000}]: NOQUEUE: reject: RCPT from unknown[203.0.113.${i % 250}]: 554 5.7.1 <x${i}@example.net>: Relay access denied; from=<a@example.com> to=<x${i}@example.net> proto=ESMTP helo=<h>`,
  (i: number) => `postfix/smtp[${i % 30000}]: 4A${i.toString(16)}: to=<u${i}@example.com>, relay=relay.example[192.0.2.1]:587, delay=1.2, delays=0.1/0/1/0, dsn=4.7.8, status=deferred (SASL authentication failed; server relay.example[192.0.2.1] said: 535 5.7.8 Error: authentication failed)`,
  (i: number) => `dovecot: auth: Info: passwd-file(user${i % 700},192.0.2.${i % 250}): Password mismatch`,
  (i: number) => `saslauthd[${i % 900}]: do_auth         : auth failure: [user=guess${i % 300}:Secret${i}] [service=smtp] [realm=] [mech=pam] [reason=PAM auth error]`,
  (i: number) => `postfix/qmgr[${i % 30000}]: 4A${i.toString(16)}: from=<a@example.com>, size=${i % 90000}, nrcpt=1 (queue active)`,
  (i: number) => `postfix/smtpd[${i % 30000}]: disconnect from client${i % 5000}.example[192.0.2.${i % 250}] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4`,
];

/** Lines `from` to `from + count` of the generated day. */
export function logLines(from: number, count: number): string[] {
  const chunk: string[] = [];
  for (let i = from; i < from + count; i++) {
    const s = i % 86400;
    const time = `Dec  1 ${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    chunk.push(`${time} mx ${TEMPLATES[i % TEMPLATES.length](i)}`);
  }
  return chunk;
}

export async function generateLog(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  let lines = 0;
  for (let i = 0; written < bytes; i += 2000) {
    const chunk = logLines(i, 2000);
    const text = `${chunk.join('\n')}\n`;
    written += text.length;
    lines += chunk.length;
    if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return lines;
}

/** Wall time (ms) and peak RSS (MB) of one explain run. */
function runExplain(path: string): { ms: number; rssMb: number } {
  const t = now();
  const r = spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, CLI, 'explain', '--format', 'json', path], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 16 * 1024 * 1024 });
  const ms = now() - t;
  const stderr = r.stderr.toString();
  if (r.status !== 0) throw new Error(`explain failed (status ${r.status}): ${stderr.slice(-500)}`);
  const kb = Number(/maxrss=(\d+)/.exec(stderr)?.[1]);
  return { ms, rssMb: kb / 1024 };
}

export async function measureExplain(root: string, quick: boolean, runs: number, rows: Row[]): Promise<void> {
  const S = 'explain (mail.log, streaming)';
  if (!existsSync('/usr/bin/time')) {
    rows.push({ section: S, name: 'explain', unit: 'ms', median: NaN, note: 'SKIPPED: /usr/bin/time (GNU time) is not installed' });
    return;
  }
  const size = quick ? 5e6 : 1e8;
  const big = join(root, 'mail.log');
  const small = join(root, 'mail-small.log');
  const lines = await generateLog(big, size);
  await generateLog(small, size / 10);
  const mb = Math.round(statSync(big).size / 1e6);
  runExplain(small); // warm up node and the page cache
  const times: number[] = [];
  let rssBig = 0;
  for (let i = 0; i < runs; i++) {
    const r = runExplain(big);
    times.push(r.ms);
    rssBig = Math.max(rssBig, r.rssMb);
  }
  const rssSmall = runExplain(small).rssMb;
  rows.push(row(S, `explain ${mb} MB (${lines} lines)`, times, quick ? undefined : { max: 5000, label: '≤ 5 s' }));
  rows.push({ section: S, name: `peak RSS, ${mb} MB log`, unit: 'MB', median: Math.round(rssBig), budget: { max: 150, label: '≤ 150 MB' } });
  rows.push({ section: S, name: `peak RSS, ${Math.round(mb / 10)} MB log (flat memory: about the same)`, unit: 'MB', median: Math.round(rssSmall) });
}
