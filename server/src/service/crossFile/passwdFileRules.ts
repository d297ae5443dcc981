// Rules about the live sasl_passwd file on disk: who can read it, and whether postmap ran after
// the last edit. Only for the file main.cf really names (by its path), never for a copy.
import type { Finding } from '../findings';
import type { Member } from '../instance/assemble';
import type { SaslPasswdFile } from '../saslPasswd/saslPasswdFile';

export function passwdFileFindings(file: SaslPasswdFile, member: Member): Finding[] {
  const mode = member.stat.mode;
  if (mode === undefined || !member.exact || member.parameter !== 'smtp_sasl_password_maps') return [];
  const disk = { path: member.configured, mode, mtimeMs: member.stat.mtimeMs, compiled: member.compiled ?? [] };
  const whole = { start: 0, end: Math.min(file.text.length, file.lines.lineEnd(0)) };
  const out: Finding[] = [];
  if (disk.mode & 0o044) {
    out.push({
      code: 'sasl-passwd-readable',
      span: whole,
      message: `${disk.path} is readable by ${disk.mode & 0o004 ? 'every local user' : 'its group'} (mode ${(disk.mode & 0o777).toString(8).padStart(3, '0')}), and it holds the relay passwords in clear. Make it readable by root only: chmod 600 ${disk.path} (and the compiled table too).`,
    });
  }
  const stale = disk.compiled.filter((c) => c.mtimeMs < disk.mtimeMs);
  if (stale.length) {
    out.push({
      code: 'sasl-passwd-map-stale',
      span: whole,
      message: `${stale.map((c) => c.path).join(' and ')} is older than this file: Postfix reads the compiled table, so the last edits are not in use. Run postmap on ${disk.path}.`,
    });
  }
  return out;
}
