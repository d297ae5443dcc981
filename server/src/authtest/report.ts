import { Capabilities, offeredMechanisms } from './capabilities';
import { AuthTestResult } from './runAuthTest';
import { formatTranscript } from './transcript';

const VERDICT_WORDS: Record<AuthTestResult['verdict'], string> = {
  pass: 'PASS',
  insecure: 'WORKS, UNSAFELY',
  'auth-failed': 'FAIL',
  'no-auth': 'NO AUTH',
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
  }
  if (t.legacyProtocolAccepted !== undefined) out.push(`  TLS 1.0/1.1: ${t.legacyProtocolAccepted ? `accepted (${t.legacyProtocolAccepted})` : 'refused'}`);
  return out;
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
}

/** The plain-text report: verdict first, then mechanisms, findings, TLS, capabilities, transcript. */
export function formatTextReport(r: AuthTestResult, withTranscript = true): string {
  const out = [`${VERDICT_WORDS[r.verdict]}: ${r.summary}`, `Server: ${r.host} port ${r.port}, TLS mode ${r.tlsMode}, user ${r.user}, ${r.ms} ms`, ''];
  if (r.mechanisms.length) {
    out.push('Mechanisms:');
    const rows = [['name', 'outcome', 'code', 'ms', 'message'], ...r.mechanisms.map((m) => [m.name, m.outcome, m.code === undefined ? '' : String(m.code), String(m.ms), m.message])];
    out.push(...table(rows).map((l) => `  ${l}`), '');
  }
  if (r.findings.length) {
    out.push('Findings:');
    for (const f of r.findings) {
      out.push(`  [${f.severity}] ${f.title} (${f.code})`, `      ${f.detail}`);
      for (const c of f.likelyCauses ?? []) out.push(`      - ${c}`);
    }
    out.push('');
  }
  out.push(...tlsLines(r));
  if (r.server.banner) out.push(`Banner: ${r.server.banner}`);
  if (r.tlsMode !== 'implicit') out.push(`Before TLS: ${capsLine(r.server.before)}`);
  if (r.tlsMode !== 'none') out.push(`After TLS:  ${capsLine(r.server.after)}`);
  if (withTranscript && r.transcript.length) out.push('', 'Transcript:', formatTranscript(r.transcript));
  return out.join('\n') + '\n';
}

const md = (s: string) => s.replace(/([\\`*_[\]|<>])/g, '\\$1');

/** The same report in markdown, for a VS Code preview. */
export function formatMarkdownReport(r: AuthTestResult): string {
  const out = [`# ${VERDICT_WORDS[r.verdict]}: ${md(r.summary)}`, '', `\`${r.host}\` port ${r.port}, TLS mode \`${r.tlsMode}\`, user \`${r.user}\`, ${r.ms} ms`, ''];
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
  out.push('## Server', '', ...tlsLines(r).map((l) => `- ${md(l.trim())}`));
  if (r.server.banner) out.push(`- Banner: ${md(r.server.banner)}`);
  if (r.tlsMode !== 'implicit') out.push(`- Before TLS: ${md(capsLine(r.server.before))}`);
  if (r.tlsMode !== 'none') out.push(`- After TLS: ${md(capsLine(r.server.after))}`);
  out.push('', '## Transcript', '', '```', formatTranscript(r.transcript).replace(/```/g, "'''"), '```', '');
  return out.join('\n');
}
