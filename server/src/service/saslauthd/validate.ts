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
  findings.push(...checkMechanism(doc), ...checkSecondMechanismFlag(doc));
  if (doc.flavor === 'debian') findings.push(...checkDebianStart(doc, context), ...checkDebianSocket(doc));
  return findings;
}

function checkMechanism(doc: SaslauthdDocument): Finding[] {
  const mech = saslauthdSettings(doc).mechanism;
  if (!mech || mech.text.includes('$') || mech.text.includes('{')) return [];
  const words = mech.text.split(/\s+/).filter(Boolean);
  const out: Finding[] = [];
  if (words.length > 1) {
    out.push({ code: 'saslauthd-several-mechanisms', span: mech.span, message: `saslauthd takes one mechanism: with "${mech.text}" it runs with ${words[0]} alone and ignores ${words.slice(1).join(', ')}: users whom only ${words.slice(1).join(' or ')} knows cannot log in. Keep the one you mean.` });
  }
  // saslauthd reads only the first word (the others are stray arguments it skips), so only that one can stop it.
  const first = words[0];
  if (first && !lookupSaslauthdMechanism(first)) {
    const start = doc.lines.text.indexOf(first, mech.span.start);
    const guess = closestMatch(first.toLowerCase(), saslauthdMechanisms.map((m) => m.name));
    const span = { start, end: start + first.length };
    out.push({
      code: 'saslauthd-unknown-mechanism',
      span,
      message: `saslauthd has no mechanism "${first}" and refuses to start.${guess ? ` Did you mean "${guess}"?` : ' Run saslauthd -v to list the ones it has.'}`,
      ...(guess ? { fix: { kind: 'replace' as const, span, text: guess, title: `Change to "${guess}"` } } : {}),
    });
  }
  return out;
}

/**
 * saslauthd prints its usage and exits when -a comes twice. The Debian and Red Hat scripts pass
 * "-a $MECHANISMS" / "-a $MECH" themselves, so there any -a in OPTIONS or FLAGS is the second one.
 */
function checkSecondMechanismFlag(doc: SaslauthdDocument): Finding[] {
  const given = doc.assignments.filter((a) => !a.template).flatMap((a) => a.flags.filter((f) => f.flag === '-a'));
  const scriptGivesOne = doc.flavor === 'debian' || doc.flavor === 'redhat';
  const extra = scriptGivesOne ? given : given.slice(1);
  const variable = doc.flavor === 'debian' ? 'MECHANISMS' : 'MECH';
  return extra.map((f) => ({
    code: 'saslauthd-mechanism-twice',
    span: f.span,
    message: scriptGivesOne
      ? `The start-up script already passes -a with ${variable}; a second -a makes saslauthd print its usage and exit, so it never runs. Set the mechanism in ${variable} only.`
      : 'A second -a makes saslauthd print its usage and exit, so it never runs. Give one -a.',
  }));
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
