#!/usr/bin/env node
// Regenerates server/src/service/data/parameters.generated.ts from Postfix's own facts:
//
//   node scripts/generate-catalogue.mjs PATH/TO/postconf.proto [--postconf /usr/sbin/postconf]
//
// postconf.proto (in the Postfix source, proto/postconf.proto; never copied into this project) gives
// every parameter name, the version that introduced it ("This feature is available in Postfix X.Y and
// later") and what replaced an obsolete one. The installed `postconf -d` gives the defaults of the
// names it knows, since its text is the real default; for newer names the proto's default is used when
// it is a literal value. Only these facts are written out, none of the proto's prose. postconf runs
// with -c pointing at an empty configuration directory, so that names derived from master.cf service
// names (relay_destination_concurrency_limit ...) stay out: serviceFamilies.ts describes them once per
// family. Types are inferred from the name and the default; overlay/*.ts corrects the heuristics.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inferType } from './catalogue-types.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(root, 'server/src/service/data/parameters.generated.ts');
const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const protoPath = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--postconf');
if (!protoPath) {
  console.error('usage: node scripts/generate-catalogue.mjs PATH/TO/postconf.proto [--postconf postconf]');
  process.exit(2);
}
const postconf = flag('--postconf') ?? 'postconf';

// Defaults that postconf computes from the host it runs on (or its own pid); left empty so the
// output is the same on every machine.
const HOST_DEPENDENT = new Set(['myhostname', 'mydomain', 'mynetworks', 'process_id']);

function runPostconf() {
  const dir = mkdtempSync(join(tmpdir(), 'postconf-empty-'));
  try {
    writeFileSync(join(dir, 'main.cf'), '');
    writeFileSync(join(dir, 'master.cf'), '');
    const env = { ...process.env, LANG: 'C', LC_ALL: 'C' };
    const text = execFileSync(postconf, ['-c', dir, '-d'], { encoding: 'utf8', env, maxBuffer: 16 << 20 });
    const params = new Map();
    for (const line of text.split('\n')) {
      const m = /^(\S+) =(?: (.*))?$/.exec(line);
      if (m) params.set(m[1], m[2] ?? '');
    }
    return params;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ENTITIES = { lt: '<', gt: '>', amp: '&', ge: '≥', le: '≤', quot: '"' };
const plain = (html) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(\w+);/g, (m, e) => ENTITIES[e] ?? m)
    .replace(/\s+/g, ' ')
    .trim();

const VERSION = String.raw`\d+\.\d+(?:\.\d+)?`;
const versionKey = (v) => v.split('.').map(Number).reduce((acc, n, i) => acc + n * 1000 ** (2 - i), 0);
const oldest = (versions) => versions.sort((a, b) => versionKey(a) - versionKey(b))[0];

/** The version a parameter came in: the oldest one its text says it is available in (back-ports name several). */
function sinceOf(text, ownText) {
  // The parameter's own sentence first: a value's "Available in Postfix 3.11" must not date the name.
  const own = new RegExp(String.raw`This feature is (?:available|supported) (?:in|with|since) Postfix (?:version )?(?:≥ ?)?((?:${VERSION}(?:, (?:and )?)?)+)`).exec(ownText);
  if (own) return oldest(own[1].match(new RegExp(VERSION, 'g')));
  const m = new RegExp(String.raw`(?:available|supported) (?:in|with|since) Postfix (?:version )?(?:≥ ?)?((?:${VERSION}(?:, (?:and )?)?)+)`, 'i').exec(text);
  if (m) return oldest(m[1].match(new RegExp(VERSION, 'g')));
  const later = new RegExp(String.raw`(?:Postfix|version) (${VERSION}) and later`, 'i').exec(text);
  return later && /^This feature|^The LMTP-specific|^The tlsproxy|^The postscreen/i.test(text.slice(Math.max(0, later.index - 200), later.index).split('. ').pop() ?? '') ? later[1] : undefined;
}

/** What the text says replaced an obsolete parameter: [version, replacement or undefined, removed]. */
function obsoleteOf(name, text, defaultText) {
  const patterns = [
    new RegExp(String.raw`Renamed to (\w+) in Postfix (${VERSION})`, 'i'),
    new RegExp(String.raw`With Postfix (?:version )?(${VERSION}),? this parameter is renamed to (\w+)`, 'i'),
    new RegExp(String.raw`(?:was|is) replaced by (\w+) in Postfix (?:version )?(${VERSION})`, 'i'),
    new RegExp(String.raw`Postfix (?:version )?(${VERSION}) renamed this parameter to (\w+)`, 'i'),
    new RegExp(String.raw`As of Postfix (?:version )?(${VERSION}), this parameter is deprecated; use (\w+)`, 'i'),
    new RegExp(String.raw`With Postfix (?:version )?(${VERSION}) and later,? (?:this is replaced by [^:]*: |use )(\w+)`, 'i'),
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    if (!m) continue;
    const [a, b] = [m[1], m[2]];
    const [version, replacement] = /^\d/.test(a) ? [a, b] : [b, a];
    if (replacement !== name) return { since: version, replacement };
  }
  const gone = new RegExp(String.raw`(?:^|\. )Obsolete Postfix < (${VERSION})`, 'i').exec(`${defaultText} ${text}`.trim());
  if (gone) return { since: gone[1], removed: gone[1] };
  const removed = new RegExp(String.raw`removed (?:with|in) Postfix (?:version )?(${VERSION})`, 'i').exec(text);
  if (removed) return { since: removed[1], removed: removed[1] };
  return undefined;
}

/** The proto's %PARAM entries; an entry with no text of its own shares the next one's (smtp_x / lmtp_x pairs). */
function readProto(path) {
  const entries = [];
  for (const chunk of readFileSync(path, 'utf8').split(/^%PARAM /m).slice(1)) {
    const newline = chunk.indexOf('\n');
    const head = chunk.slice(0, newline).trim();
    const name = head.split(/\s+/)[0];
    const body = chunk.slice(newline).split(/^%CLASS /m)[0];
    // ownText leaves out the <dl> lists of values, whose own "available in" lines date a value, not the name.
    entries.push({ name, defaultText: plain(head.slice(name.length)), text: plain(body), ownText: plain(body.replace(/<dl[\s\S]*?<\/dl>/g, ' ')) });
  }
  for (let i = entries.length - 2; i >= 0; i--) if (!entries[i].text) Object.assign(entries[i], { text: entries[i + 1].text, ownText: entries[i + 1].ownText });
  return entries;
}

/** The proto's default when it is a value rather than words about one ("see postconf -d output"). */
function literalDefault(text) {
  if (/^(empty|no default)$/i.test(text)) return '';
  const newest = /^Postfix ≥ ?[\d.]+: ([^,;]*)/.exec(text);
  if (newest) return newest[1].trim();
  if (/\bsee\b|postconf -d|Postfix [<≥]|: \w+, \w+:/.test(text)) return '';
  return text;
}

/** Suffixes of the master.cf service families, read from our data file (names only). */
function familySuffixes() {
  const text = readFileSync(join(root, 'server/src/service/data/serviceFamilies.ts'), 'utf8');
  return [...text.matchAll(/suffix: '([^']+)'/g)].map((m) => m[1]);
}

const installed = runPostconf();
const installedVersion = installed.get('mail_version') ?? 'unknown';
const proto = readProto(protoPath);
const suffixes = familySuffixes();
const isFamilyMember = (name) => !installed.has(name) && suffixes.some((s) => name.endsWith('_' + s) && name.length > s.length + 1);

const rows = new Map();
for (const { name, defaultText, text, ownText } of proto) {
  if (isFamilyMember(name)) continue;
  const obsolete = obsoleteOf(name, text, defaultText);
  // An obsolete name that the installed Postfix does not know has no value there: its old default would
  // wrongly fill in ${old_name?...} tests such as postscreen_dnsbl_max_ttl's.
  const known = installed.has(name) ? installed.get(name) : obsolete ? '' : literalDefault(defaultText);
  rows.set(name, { name, value: HOST_DEPENDENT.has(name) ? '' : known, since: sinceOf(text, ownText), obsolete });
}
for (const [name, value] of installed) if (!rows.has(name)) rows.set(name, { name, value: HOST_DEPENDENT.has(name) ? '' : value });
// The proto's "latest" version: the newest since-version it names.
const protoVersion = [...rows.values()].map((r) => r.since).filter(Boolean).sort((a, b) => versionKey(b) - versionKey(a))[0] ?? '';

const names = [...rows.keys()].sort();
const values = new Map(names.map((n) => [n, rows.get(n).value]));
const inferred = new Map(names.map((name) => [name, inferType(name, values.get(name))]));
// A default that is just `$other` (tlsproxy_tls_ask_ccert = $smtpd_tls_ask_ccert) shares the other's type.
function resolvedType(name, seen = new Set()) {
  const ref = /^\$\{?(\w+)\}?$/.exec(values.get(name) ?? '');
  if (!ref || !values.has(ref[1]) || seen.has(name)) return inferred.get(name);
  seen.add(name);
  return resolvedType(ref[1], seen);
}
const perVersion = new Map();
const lines = names.map((name) => {
  const { value, since, obsolete } = rows.get(name);
  const [type, unit] = resolvedType(name);
  perVersion.set(since ?? 'not stated', (perVersion.get(since ?? 'not stated') ?? 0) + 1);
  const row = [name, type, value, since ?? ''];
  if (unit || obsolete) row.push(unit ?? '');
  if (obsolete) row.push(obsolete.since, obsolete.replacement ?? '', obsolete.removed ?? '');
  return `  ${JSON.stringify(row).replace(/","/g, '", "')},`;
});

const out = `// Generated by scripts/generate-catalogue.mjs; do not edit. Facts from postconf.proto of Postfix ${protoVersion}
// (names, since-versions, what replaced obsolete names) and \`postconf -d\` of Postfix ${installedVersion} (defaults).
// Rows: [name, inferred type, default, since, time unit, obsolete since, replacement, removed in].
// Host-dependent defaults (${[...HOST_DEPENDENT].join(', ')}) are left empty; since is empty where the proto states none.
import type { TimeUnit, ValueType } from './types';

export const generatedFromVersion = '${installedVersion}';
export const newestDocumentedVersion = '${protoVersion}';

export type GeneratedRow = readonly [
  name: string,
  type: ValueType,
  defaultValue: string,
  since: string,
  timeUnit?: TimeUnit | '',
  obsoleteSince?: string,
  replacement?: string,
  removed?: string,
];

export const generatedParameters: readonly GeneratedRow[] = [
${lines.join('\n')}
];
`;
writeFileSync(outFile, out);
console.log(`wrote ${lines.length} parameters (postconf.proto of ${protoVersion}, defaults of ${installedVersion}) to ${outFile}`);
const sorted = [...perVersion].sort((a, b) => (a[0] === 'not stated' ? -1 : b[0] === 'not stated' ? 1 : versionKey(a[0]) - versionKey(b[0])));
console.log('parameters per since-version: ' + sorted.map(([v, n]) => `${v}: ${n}`).join(', '));
const obsolete = names.filter((n) => rows.get(n).obsolete);
console.log(`obsolete per the proto: ${obsolete.length} (${obsolete.map((n) => `${n} -> ${rows.get(n).obsolete.replacement ?? 'removed'} ${rows.get(n).obsolete.since}`).join(', ')})`);
