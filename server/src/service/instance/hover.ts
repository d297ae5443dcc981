// Hover on a parameter that names a file: which file of the instance it resolved to, and where we
// looked when it is not there. Answers from the instance model, so it is what the checks used.
import { isMainCfFile, type ParsedFile } from '../documents';
import { isMasterCfFile } from '../master/masterCfFile';
import type { Span } from '../text';
import type { Member } from './assemble';
import type { Instance } from './instance';

const inside = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

/** The parameter written at `offset`: a main.cf assignment or a master.cf -o override. */
function parameterAt(file: ParsedFile, offset: number): { name: string; value: string } | undefined {
  if (isMainCfFile(file)) {
    const a = file.main.assignments.find((x) => inside(x.span, offset));
    return a && { name: a.name, value: a.value.text.trim() };
  }
  if (isMasterCfFile(file)) {
    for (const s of file.master.services) for (const o of s.overrides) if (inside(o.span, offset)) return { name: o.name, value: o.value.text.trim() };
  }
  return undefined;
}

function line(m: Member): string {
  const where = m.path === m.configured ? `\`${m.path}\`` : `\`${m.configured}\` (in this tree: \`${m.path}\`)`;
  return `- ${where}: ${m.reason}`;
}

export function resolvedFileHover(instance: Instance, file: ParsedFile, offset: number): string | undefined {
  const at = parameterAt(file, offset);
  if (!at) return undefined;
  const { layout } = instance;
  const lines: string[] = [];
  if (at.name === 'smtpd_sasl_path' || at.name === 'cyrus_sasl_config_path') {
    const names = at.name === 'smtpd_sasl_path' ? [at.value || 'smtpd'] : [...layout.cyrusFiles.keys()];
    for (const name of names) {
      const member = layout.members.find((m) => m.path === layout.cyrusFiles.get(name));
      if (member) lines.push(line(member));
      const missing = layout.missing.find((l) => l.what.startsWith(`${name}.conf (Cyrus SASL`));
      if (missing) lines.push(`- \`${name}.conf\` is not in any of: ${missing.looked.map((p) => `\`${p}\``).join(', ')}`);
    }
  } else if (at.name === 'smtpd_sasl_type') {
    lines.push(...layout.members.filter((m) => m.languageId === 'dovecot').slice(0, 10).map(line));
    const missing = layout.missing.find((l) => l.what === 'dovecot.conf');
    if (missing) lines.push(`- No dovecot.conf in: ${missing.looked.map((p) => `\`${p}\``).join(', ')}`);
  } else if (at.name === 'queue_directory') {
    lines.push(`- Chrooted services run in \`${instance.queueDirectory}\`; socket paths are resolved inside it.`);
  } else if (at.name === 'multi_instance_directories' || at.name === 'alternate_config_directories') {
    lines.push(...layout.further.map((dir) => `- Checked as an instance of its own: \`${dir}\``));
  } else {
    lines.push(...layout.members.filter((m) => m.parameter === at.name).map(line));
    lines.push(...layout.missing.filter((l) => l.what.endsWith(`(${at.name})`)).map((l) => `- Not found: \`${l.looked.join('`, `')}\``));
  }
  return lines.length ? `**Files of this instance**\n\n${lines.join('\n')}` : undefined;
}
