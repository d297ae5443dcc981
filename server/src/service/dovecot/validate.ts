// Findings about one Dovecot file on its own: lines Dovecot cannot read, 2.3 and 2.4 names in one
// file, and auth_mechanisms words Dovecot does not know.
import { dovecotMechanisms, lookupDovecotMechanism, lookupDovecotSetting, type DovecotSettingInfo } from '../data/dovecotSettings';
import type { Finding, FindingFix } from '../findings';
import { closestMatch } from '../suggest';
import type { DovecotDocument, DovecotSetting } from './parse';
import { checkSettingNames, type DovecotLine } from './settingNames';

/** `line`: the Dovecot the configuration is for, when known; else the file's own names say which it mixes. */
export function validateDovecot(doc: DovecotDocument, line?: DovecotLine): Finding[] {
  const findings: Finding[] = doc.problems.map((p) => ({ code: 'dovecot-syntax', span: p.span, message: p.message }));
  findings.push(...(line ? checkSettingNames(doc, line, (s) => counterpartFix(s, lookupDovecotSetting(s.key))) : mixedVersions(doc)));
  for (const s of doc.settings) if (s.key === 'auth_mechanisms' && s.parent.type === '' && !s.template) findings.push(...unknownMechanisms(s));
  return findings;
}

/** A name is 2.3's or 2.4's by the table; `args` in a passdb or userdb is 2.3 only. */
function versionOf(s: DovecotSetting): { info?: DovecotSettingInfo; version: '2.3' | '2.4' } | undefined {
  const info = lookupDovecotSetting(s.key);
  if (!info || info.version === 'both') return undefined;
  const inDb = s.parent.type === 'passdb' || s.parent.type === 'userdb';
  if (info.within && !info.within.some((w) => w === s.parent.type)) return undefined;
  if (!info.within && inDb) return undefined;
  return { info, version: info.version };
}

function mixedVersions(doc: DovecotDocument): Finding[] {
  const tagged = doc.settings.map((s) => ({ s, v: versionOf(s) })).filter((x): x is { s: DovecotSetting; v: NonNullable<ReturnType<typeof versionOf>> } => !!x.v);
  const old = tagged.filter((x) => x.v.version === '2.3');
  const next = tagged.filter((x) => x.v.version === '2.4');
  if (!old.length || !next.length) return [];
  // The file says which version it is written for; else the version most of its names belong to.
  const declared = tagged.find((x) => x.s.key === 'dovecot_config_version');
  const wrong = declared || next.length > old.length ? old : next.length < old.length ? next : tagged[0].v.version === '2.3' ? next : old;
  const rightVersion = wrong === old ? '2.4' : '2.3';
  const example = (wrong === old ? next : old)[0].s;
  return wrong.map(({ s, v }) => ({
    code: 'dovecot-mixed-versions',
    span: s.keySpan,
    message: `"${s.key}" is a Dovecot ${v.version} name, but this file is written for ${rightVersion} ("${example.key}" on line ${example.line + 1}${declared ? ', and dovecot_config_version' : ''}). Dovecot ${rightVersion} refuses it ("Unknown setting").${v.info?.counterpart ? ` In ${rightVersion} it is "${v.info.counterpart}".` : s.key === 'args' ? ' Dovecot 2.4 has named settings instead, such as passwd_file_path.' : ''}`,
    ...(counterpartFix(s, v.info) ? { fix: counterpartFix(s, v.info)! } : {}),
  }));
}

/** The same setting written in the other version's words: the cleartext switch flips its sense, and 2.4's file paths drop the "<". */
function counterpartFix(s: DovecotSetting, info: DovecotSettingInfo | undefined): FindingFix | undefined {
  if (!info?.counterpart || s.template || s.lastLine !== s.line) return undefined;
  const to = info.counterpart;
  let value = s.value;
  if (to === 'auth_allow_cleartext' || to === 'disable_plaintext_auth') {
    const v = value.trim().toLowerCase();
    if (v !== 'yes' && v !== 'no') return undefined;
    value = v === 'yes' ? 'no' : 'yes';
  } else if (to.startsWith('ssl_server_')) {
    if (!s.fromFile) return undefined;
  } else if (info.name.startsWith('ssl_server_')) {
    value = `<${value}`;
  }
  return { kind: 'replace', span: { start: s.keySpan.start, end: s.valueSpan.end }, text: `${to} = ${value}`, title: `Write "${to} = ${value}"` };
}

function unknownMechanisms(s: DovecotSetting): Finding[] {
  const out: Finding[] = [];
  if (s.fromFile || s.lastLine !== s.line || /[$%]/.test(s.value) || s.valueSpan.end - s.valueSpan.start !== s.value.length) return out;
  for (const m of s.value.matchAll(/[^\s,]+/g)) {
    const word = m[0];
    if (lookupDovecotMechanism(word)) continue;
    const span = { start: s.valueSpan.start + m.index!, end: s.valueSpan.start + m.index! + word.length };
    const guess = closestMatch(word.toLowerCase(), dovecotMechanisms.map((x) => x.name));
    out.push({
      code: 'dovecot-unknown-mechanism',
      span,
      message: `Dovecot has no mechanism "${word}"; its auth process stops with "Unknown authentication mechanism" and every login fails.${guess ? ` Did you mean "${guess}"?` : ''}`,
      ...(guess ? { fix: { kind: 'replace' as const, span, text: guess, title: `Change to "${guess}"` } } : {}),
    });
  }
  return out;
}
