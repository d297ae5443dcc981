// Findings about one sasl_passwd file on its own.
import type { Finding } from '../findings';
import type { SaslPasswdDocument } from './parse';

export function validateSaslPasswd(doc: SaslPasswdDocument): Finding[] {
  const findings: Finding[] = doc.problems.map((p) => ({ code: 'sasl-passwd-syntax', span: p.span, message: p.message }));
  const seen = new Map<string, number>();
  for (const e of doc.entries) {
    if (e.template) continue;
    const key = e.key.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      findings.push({
        code: 'sasl-passwd-duplicate-key',
        span: e.keySpan,
        message: `"${e.key}" is already on line ${first + 1}. postmap keeps the first entry, warns, and ignores this one. Keep one entry per destination.`,
        unnecessary: true,
        fix: { kind: 'delete-lines', firstLine: e.firstLine, lastLine: e.lastLine, title: 'Remove the ignored entry', safe: true },
      });
    } else seen.set(key, e.firstLine);
    if (!e.valueSpan) {
      findings.push({ code: 'sasl-passwd-missing-credentials', span: e.keySpan, message: `"${e.key}" has no "username:password": postmap refuses a key without a value. Add the credentials after a blank or a TAB.` });
    } else if (e.password && /\s#/.test(e.password.text)) {
      const hash = e.password.text.search(/\s#/);
      const single = e.password.span.end - e.password.span.start === e.password.text.length;
      findings.push({
        code: 'sasl-passwd-comment-in-password',
        span: single ? { start: e.password.span.start + hash + 1, end: e.password.span.end } : e.password.span,
        message: 'postmap reads "#" as a comment only at the start of a line: this text is part of the password, so the relay refuses the login. Move the comment to a line of its own.',
      });
    } else if (!e.password) {
      findings.push({ code: 'sasl-passwd-missing-credentials', span: e.valueSpan, message: `"${e.value}" has no ":" so Postfix uses it as the user name with an empty password, and the relay rejects the login. Write "username:password".` });
    }
  }
  return findings;
}
