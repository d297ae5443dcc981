import { Capabilities, offeredMechanisms } from './capabilities';
import { AuthTestResult, TestStop } from './runAuthTest';
import { formatTranscript } from './transcript';
import { forTerminal } from './terminalText';

const VERDICT_WORDS: Record<AuthTestResult['verdict'], string> = {
  pass: 'PASS',
  warnings: 'WORKS, WITH WARNINGS',
  insecure: 'WORKS, UNSAFELY',
  'auth-failed': 'FAIL',
  'no-auth': 'NO AUTH',
  'expectation-failed': 'EXPECTATION FAILED',
  'tls-failed': 'TLS FAILED',
  'connect-failed': 'NO CONNECTION',
  'input-error': 'NOT RUN',
};

function capsLine(c: Capabilities | undefined): string {
  if (!c) return '(not seen)';
  const mechs = offeredMechanisms(c);
  return `AUTH ${mechs.length ? mechs.join(' ') : '(none)'}; STARTTLS ${c.starttls ? 'yes' : 'no'}`;
}

function tlsLines(r: AuthTestResult): string[] {
  const t = r.tls;
  if (!t) return ['TLS: not used'];
  const out = [`TLS: ${t.protocol} ${t.cipher}; verification ${t.verification}; chain ${t.chainVerified ? 'verified' : `not verified (${t.chainError})`}; name ${t.nameMatches ? 'matches' : 'does not match'}`];
  if (t.certificate) {
    const c = t.certificate;
    out.push(`  certificate: ${c.subject}; SAN ${c.subjectAltNames.join(', ') || '(none)'}`);
    out.push(`  issuer: ${c.issuer}; valid ${c.validFrom} to ${c.validTo}${c.selfSigned ? '; self-signed' : ''}`);
    out.push(`  SHA-256 fingerprint: ${c.fingerprint256}`);
  }
  if (t.legacyProtocolAccepted !== undefined) out.push(`  TLS 1.0/1.1: ${t.legacyProtocolAccepted ? `accepted (${t.legacyProtocolAccepted})` : 'refused'}`);
  return out;
}

/** One line per envelope step run, e.g. `After AUTH: MAIL FROM:<a> 250 2.1.0 Ok; RCPT TO:<b> 554 ...`. */
function envelopeLines(r: AuthTestResult): string[] {
  const line = (label: string, steps: NonNullable<AuthTestResult['envelope']>['authenticated']) =>
    steps ? [`${label}: ${steps.map((s) => `${s.command}:<${s.address}> ${s.reply}`).join('; ') || 'not run'}`] : [];
  if (!r.envelope) return [];
  return [...line('Envelope after AUTH', r.envelope.authenticated), ...line('Envelope without AUTH', r.envelope.unauthenticated)];
}

/** The findings as report lines: severity, title and code, then the detail and likely causes. */
function findingLines(r: AuthTestResult): string[] {
  const out: string[] = [];
  for (const f of r.findings) {
    out.push(`  [${f.severity}] ${f.title} (${f.code})`, `      ${f.detail}`);
    for (const c of f.likelyCauses ?? []) out.push(`      - ${c}`);
  }
  return out;
}

/** --quiet: the verdict line and the findings, nothing else; terminal-safe like the full report. */
export function formatQuietReport(r: AuthTestResult): string {
  const out = [`${VERDICT_WORDS[r.verdict]}: ${r.summary}`, ...envelopeLines(r), ...findingLines(r)];
  return out.map(forTerminal).join('\n') + '\n';
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
}

/**
 * The plain-text report: verdict first, then mechanisms, findings, TLS, capabilities, transcript. Every
 * line is made safe for a terminal, so a line break or escape sequence in server text cannot forge a line.
 */
export function formatTextReport(r: AuthTestResult, withTranscript = true): string {
  const out = [`${VERDICT_WORDS[r.verdict]}: ${r.summary}`, `Server: ${r.host} port ${r.port}, TLS mode ${r.tlsMode}, user ${r.user}, ${r.ms} ms`, ''];
  if (r.mechanisms.length) {
    out.push('Mechanisms:');
    const rows = [['name', 'outcome', 'code', 'ms', 'message'], ...r.mechanisms.map((m) => [m.name, m.outcome, m.code === undefined ? '' : String(m.code), String(m.ms), forTerminal(m.message)])];
    out.push(...table(rows).map((l) => `  ${l}`), '');
  }
  if (r.findings.length) out.push('Findings:', ...findingLines(r), '');
  if (r.envelope) out.push(...envelopeLines(r), '');
  out.push(...tlsLines(r));
  if (r.server.banner) out.push(`Banner: ${r.server.banner}`);
  if (r.tlsMode !== 'implicit') out.push(`Before TLS: ${capsLine(r.server.before)}`);
  if (r.tlsMode !== 'none') out.push(`After TLS:  ${capsLine(r.server.after)}`);
  const safe = out.map(forTerminal);
  if (withTranscript && r.transcript.length) safe.push('', 'Transcript:', formatTranscript(r.transcript));
  return safe.join('\n') + '\n';
}

/**
 * Inline markdown for text that may come from the server: markup characters escaped, then one line with
 * every control, bidirectional and invisible character shown as an escape, as in the terminal, so no
 * server text can start a heading, a list or a table row, reorder what follows it or hide inside a word.
 */
const md = (s: string) => forTerminal(s.replace(/([\\`*_[\]|<>#])/g, '\\$1'));

const CERTIFICATE_REFUSED: Record<NonNullable<TestStop['certificate']>, string> = {
  untrusted: 'the certificate is not trusted',
  changed: 'the certificate is not the pinned one',
};

/**
 * One line for the top of a report and for a notification: PASS or FAIL, where, and what worked or where
 * it stopped. Built from the verdict, our own step names and the mechanism names only; no server text.
 */
export function reportHeadline(r: AuthTestResult): string {
  const where = `${r.host} port ${r.port} (${r.tlsMode})`;
  const ok = r.mechanisms.filter((m) => m.outcome === 'ok').map((m) => m.name);
  const failed = r.mechanisms.filter((m) => m.outcome !== 'ok' && m.outcome !== 'not-offered').map((m) => `${m.name} ${m.outcome}`);
  const worked = ok.length ? `${ok.join(', ')} worked` : '';
  switch (r.verdict) {
    case 'pass':
      return r.expectation ? `PASS: ${where}: AUTH withheld until STARTTLS, as expected` : `PASS: ${where}: ${worked}`;
    case 'expectation-failed':
      return `FAIL: ${where}: AUTH offered before STARTTLS, expected only after it`;
    case 'warnings': {
      const warnings = r.findings.filter((f) => f.severity === 'warning').length;
      return `PASS: ${where}: ${worked}, with ${warnings} warning${warnings === 1 ? '' : 's'}`;
    }
    case 'insecure':
      return `FAIL: ${where}: ${worked}, but unsafely (${r.findings.find((f) => f.severity === 'error')?.title ?? 'see the findings'})`;
    case 'auth-failed':
      return `FAIL: ${where}: ${[failed.join(', '), worked].filter(Boolean).join('; ')}`;
    case 'no-auth':
      return `FAIL: ${where}: ${r.tls ? 'TLS worked; ' : ''}no usable AUTH mechanism offered`;
    case 'input-error':
      return `NOT RUN: ${where}: the input was refused`;
    default: {
      const why = r.error?.certificate && CERTIFICATE_REFUSED[r.error.certificate];
      const reached = r.error?.stage === 'connect' || r.error?.stage === 'banner' ? '' : ' after the banner';
      const late = r.error?.timeout ? ': timed out' : '';
      return `FAIL: ${where}: stopped at ${r.error?.stage ?? 'an unknown step'}${reached}${late}${why ? `: ${why}, no password sent` : ''}`;
    }
  }
}

/** The same report in markdown, for a VS Code preview. */
export function formatMarkdownReport(r: AuthTestResult): string {
  const out = [`# ${md(reportHeadline(r))}`, '', `**${VERDICT_WORDS[r.verdict]}**: ${md(r.summary)}`, '', `${md(r.host)} port ${r.port}, TLS mode \`${r.tlsMode}\`, user ${md(r.user)}, ${r.ms} ms`, ''];
  if (r.mechanisms.length) {
    out.push('## Mechanisms', '', '| Mechanism | Outcome | Code | ms | Message |', '|---|---|---|---|---|');
    for (const m of r.mechanisms) out.push(`| ${m.name} | ${m.outcome} | ${m.code ?? ''} | ${m.ms} | ${md(m.message)} |`);
    out.push('');
  }
  if (r.findings.length) {
    out.push('## Findings', '');
    for (const f of r.findings) {
      out.push(`- **${f.severity}**: ${md(f.title)} (\`${f.code}\`). ${md(f.detail)}`);
      for (const c of f.likelyCauses ?? []) out.push(`  - ${md(c)}`);
    }
    out.push('');
  }
  if (r.envelope) out.push('## Envelope', '', ...envelopeLines(r).map((l) => `- ${md(l)}`), '');
  out.push('## Server', '', ...tlsLines(r).map((l) => `- ${md(l.trim())}`));
  if (r.server.banner) out.push(`- Banner: ${md(r.server.banner)}`);
  if (r.tlsMode !== 'implicit') out.push(`- Before TLS: ${md(capsLine(r.server.before))}`);
  if (r.tlsMode !== 'none') out.push(`- After TLS: ${md(capsLine(r.server.after))}`);
  out.push('', '## Transcript', '', '```', formatTranscript(r.transcript).replace(/```/g, "'''"), '```', '');
  return out.join('\n');
}
