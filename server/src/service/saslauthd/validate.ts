// Findings about one saslauthd settings file on its own. START=no is judged with the Cyrus file
// of the instance in view (no saslauthd is needed when Cyrus uses auxprop).
import { lookupSaslauthdFlag, lookupSaslauthdMechanism, lookupSaslauthdVariable, saslauthdMechanisms } from '../data/saslauthdOptions';
import type { Finding } from '../findings';
import { closestMatch } from '../suggest';
import { saslauthdSettings, shellValue, type SaslauthdDocument } from './parse';

export interface SaslauthdContext {
  /** The instance's Cyrus file asks saslauthd (true), uses something else (false), or is unknown. */
  cyrusUsesSaslauthd?: boolean;
}

export function validateSaslauthd(doc: SaslauthdDocument, context: SaslauthdContext = {}): Finding[] {
  const findings: Finding[] = doc.problems.map((p) => ({ code: 'saslauthd-syntax', span: p.span, message: p.message }));
  for (const a of doc.assignments) {
    if (a.template) continue;
    if (!lookupSaslauthdVariable(a.name) && /^[A-Z_]+$/.test(a.name)) {
      findings.push({ code: 'saslauthd-unknown-variable', span: a.nameSpan, message: `Neither the Red Hat nor the Debian start-up script reads "${a.name}"; it has no effect on saslauthd.` });
    }
    for (const f of a.flags) {
      const info = lookupSaslauthdFlag(f.flag);
      if (!info) findings.push({ code: 'saslauthd-unknown-flag', span: f.span, message: `saslauthd has no flag ${f.flag}; it prints its usage and does not start.` });
      else if (f.flag === '-d') findings.push({ code: 'saslauthd-debug-flag', span: f.span, message: '-d keeps saslauthd in the foreground: the start-up script waits for it forever (Debian warns that boot hangs). Run it with -d only by hand.' });
      else if (f.flag === '-m' && f.argument && /(^|\/)mux\/?$/.test(f.argument.text)) {
        const dir = f.argument.text.replace(/\/?mux\/?$/, '') || '/';
        findings.push({
          code: 'saslauthd-socket-is-mux',
          span: f.argument.span,
          message: `-m takes the directory; saslauthd creates the socket "mux" inside it. With "${f.argument.text}" the socket becomes ${f.argument.text}/mux, where nothing looks for it. Write "${dir}".`,
          fix: { kind: 'replace', span: f.argument.span, text: dir, title: `Change to "${dir}"` },
        });
      }
    }
  }
  findings.push(...checkMechanism(doc));
  if (doc.flavor === 'debian') findings.push(...checkDebianStart(doc, context), ...checkDebianSocket(doc));
  return findings;
}

function checkMechanism(doc: SaslauthdDocument): Finding[] {
  const mech = saslauthdSettings(doc).mechanism;
  if (!mech || mech.text.includes('$') || mech.text.includes('{')) return [];
  const words = mech.text.split(/\s+/).filter(Boolean);
  const out: Finding[] = [];
  if (words.length > 1) {
    out.push({ code: 'saslauthd-several-mechanisms', span: mech.span, message: `saslauthd takes one mechanism: with "${mech.text}" it runs with ${words[0]} alone and never tries ${words.slice(1).join(', ')}. Keep the one you mean.` });
  }
  let at = mech.span.start;
  for (const w of words) {
    const start = doc.lines.text.indexOf(w, at);
    at = start + w.length;
    if (lookupSaslauthdMechanism(w)) continue;
    const lower = w.toLowerCase();
    const guess = lookupSaslauthdMechanism(lower) ? lower : closestMatch(lower, saslauthdMechanisms.map((m) => m.name));
    const span = { start, end: start + w.length };
    out.push({
      code: 'saslauthd-unknown-mechanism',
      span,
      message: `saslauthd has no mechanism "${w}" and refuses to start.${guess ? ` Did you mean "${guess}"?` : ' Run saslauthd -v to list the ones it has.'}`,
      ...(guess ? { fix: { kind: 'replace' as const, span, text: guess, title: `Change to "${guess}"` } } : {}),
    });
  }
  return out;
}

function checkDebianStart(doc: SaslauthdDocument, context: SaslauthdContext): Finding[] {
  // Bookworm's stock file has no START line (systemd starts saslauthd); only a START that is
  // there and not "yes" stops the init script.
  const start = shellValue(doc, 'START');
  if (!start || start.template || start.value === 'yes' || context.cyrusUsesSaslauthd === false) return [];
  return [{
    code: 'saslauthd-not-started',
    span: start.valueSpan.end > start.valueSpan.start ? start.valueSpan : start.nameSpan,
    message: `START=${start.value || '(empty)'}: Debian's init script refuses to start saslauthd, so every login that goes through it fails. Set START=yes.`,
    ...(context.cyrusUsesSaslauthd ? {} : { severity: 'information' as const }),
    fix: { kind: 'replace', span: start.valueSpan, text: 'yes', title: 'Set START=yes' },
  }];
}

function checkDebianSocket(doc: SaslauthdDocument): Finding[] {
  const options = shellValue(doc, 'OPTIONS');
  if (!options || options.template || options.flags.some((f) => f.flag === '-m')) return [];
  return [{ code: 'saslauthd-missing-socket-dir', span: options.nameSpan, message: 'OPTIONS has no -m: Debian\'s init script needs the socket directory there and saslauthd does not run. Add "-m /var/run/saslauthd" (or a directory under the Postfix queue directory for a chrooted smtpd).' }];
}
