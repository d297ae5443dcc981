// Findings about one Cyrus SASL application file on its own.
import { auxpropPlugins, cyrusOptions, isCyrusOptionFamily, lookupCyrusOption, lookupMechanism, pluginToMechanism, pwcheckMethods, saslV1Methods } from '../data/cyrusOptions';
import type { Finding } from '../findings';
import { closestMatch } from '../suggest';
import { cyrusValue, type CyrusEntry, type CyrusSaslDocument } from './parse';

const METHODS = new Set(pwcheckMethods.map((m) => m.name));
const PLUGINS = new Set(auxpropPlugins.map((p) => p.name));

export function validateCyrusSasl(doc: CyrusSaslDocument): Finding[] {
  const findings: Finding[] = doc.problems.map((p) => ({ code: 'cyrus-syntax', span: p.span, message: p.message }));
  for (const [key, list] of doc.byKey) {
    for (const later of list.slice(1)) {
      findings.push({
        code: 'cyrus-duplicate-option',
        span: later.keySpan,
        message: `"${key}" is already set on line ${list[0].line + 1}. Cyrus SASL uses the first one and ignores this line. Keep a single line.`,
        unnecessary: true,
        fix: { kind: 'delete-lines', firstLine: later.line, lastLine: later.line, title: `Remove the ignored "${key}" line`, safe: true },
      });
    }
    const first = list[0];
    if (first.template) continue;
    if (!lookupCyrusOption(key) && !isCyrusOptionFamily(key)) {
      const guess = closestMatch(key, optionNames());
      findings.push({
        code: 'cyrus-unknown-option',
        span: first.keySpan,
        message: `Cyrus SASL and its usual plugins do not read "${key}"; the line has no effect.${guess ? ` Did you mean "${guess}"?` : ''}`,
        ...(guess ? { fix: { kind: 'replace' as const, span: first.keySpan, text: guess, title: `Change to "${guess}"` } } : {}),
      });
    }
  }
  const method = cyrusValue(doc, 'pwcheck_method');
  if (method) findings.push(...checkMethods(method));
  const mechs = cyrusValue(doc, 'mech_list');
  // A named secret store (auxprop_plugin, sasldb_path) serves CRAM-MD5 and the like whatever pwcheck_method says.
  const secretStore = cyrusValue(doc, 'auxprop_plugin') ?? cyrusValue(doc, 'sasldb_path');
  if (mechs) findings.push(...checkMechList(mechs, secretStore ? undefined : method));
  const path = cyrusValue(doc, 'saslauthd_path');
  if (path && !path.template && !/(^|\/)mux$/.test(path.value)) {
    const fixed = path.value.replace(/\/+$/, '') + '/mux';
    findings.push({
      code: 'cyrus-saslauthd-path-not-mux',
      span: path.valueSpan,
      message: `saslauthd_path names the socket itself, which saslauthd always calls "mux". With "${path.value}" the library cannot connect and every login fails. Write "${fixed}".`,
      fix: { kind: 'replace', span: path.valueSpan, text: fixed, title: `Change to "${fixed}"` },
    });
  }
  const plugins = cyrusValue(doc, 'auxprop_plugin');
  for (const w of plugins?.words ?? []) {
    if (w.template || PLUGINS.has(w.text.toLowerCase())) continue;
    findings.push({ code: 'cyrus-unknown-auxprop-plugin', span: w.span, message: `"${w.text}" is not an auxprop plugin of Cyrus SASL (sasldb, sql, ldapdb). Lookups of secrets through it fail.` });
  }
  return findings;
}

const optionNames = () => cyrusOptions.map((o) => o.name);

function checkMethods(entry: CyrusEntry): Finding[] {
  const out: Finding[] = [];
  for (const w of entry.words) {
    if (w.template) continue;
    const name = w.text.toLowerCase();
    if (METHODS.has(name)) {
      if (name === 'alwaystrue') out.push({ code: 'cyrus-pwcheck-alwaystrue', span: w.span, message: '"alwaystrue" accepts any password for any user: everyone can log in and relay through this server. Use saslauthd or auxprop.' });
      continue;
    }
    const v1 = saslV1Methods.get(name);
    if (v1) {
      out.push({ code: 'cyrus-sasl-v1-method', span: w.span, message: `"${w.text}" is a SASL version 1 method; Cyrus SASL 2 refuses it and every login fails. Use ${v1}.` });
      continue;
    }
    out.push({ code: 'cyrus-unknown-pwcheck-method', span: w.span, message: `Cyrus SASL does not know the password check "${w.text}"; plaintext logins fail. Use saslauthd, auxprop or authdaemond.` });
  }
  return out;
}

function checkMechList(entry: CyrusEntry, method: CyrusEntry | undefined): Finding[] {
  const out: Finding[] = [];
  for (const w of entry.words) {
    if (w.template || lookupMechanism(w.text) || /^SCRAM-SHA-\d+(-PLUS)?$/i.test(w.text)) continue;
    const plugin = pluginToMechanism.get(w.text.toLowerCase());
    out.push({
      code: 'cyrus-unknown-mechanism',
      span: w.span,
      message: plugin
        ? `"${w.text}" is the name of a plugin, not of a mechanism, so nothing is offered for it. Write "${plugin}".`
        : `"${w.text}" is not a SASL mechanism name, so it is never offered. Check the spelling (PLAIN, LOGIN, CRAM-MD5, DIGEST-MD5, SCRAM-SHA-256 ...).`,
      ...(plugin ? { fix: { kind: 'replace' as const, span: w.span, text: plugin, title: `Change to "${plugin}"` } } : {}),
    });
  }
  const methods = new Set((method?.words ?? []).map((w) => w.text.toLowerCase()));
  const checkedByDaemon = methods.size > 0 && [...methods].every((m) => m === 'saslauthd' || m === 'authdaemond');
  if (!checkedByDaemon || method?.template) return out;
  const needsSecret = entry.words.filter((w) => !w.template && (lookupMechanism(w.text)?.sharedSecret || /^SCRAM-/i.test(w.text)));
  if (needsSecret.length === 0) return out;
  const kept = entry.words.filter((w) => !needsSecret.includes(w)).map((w) => w.text).join(' ');
  const list = needsSecret.map((w) => w.text).join(', ');
  for (const w of needsSecret) {
    out.push({
      code: 'cyrus-mech-needs-secret',
      span: w.span,
      message: `${w.text} does not go through pwcheck_method (${[...methods].join(' ')} checks only PLAIN and LOGIN): Cyrus reads the user's secret from an auxprop store, by default sasldb (/etc/sasldb2), and no auxprop_plugin or sasldb_path is set here. Users kept only in the system or PAM fail with it ("535 authentication failed"); users also in sasldb log in. Remove ${list} from mech_list, or keep every user in sasldb and name it (auxprop_plugin: sasldb, sasldb_path).`,
      related: [{ span: method!.valueSpan, message: 'Passwords are checked here.' }],
      ...(kept ? { fix: { kind: 'replace' as const, span: entry.valueSpan, text: kept, title: `Offer only ${kept}` } } : {}),
    });
  }
  return out;
}
