// All findings for one main.cf: syntax, names, references, duplicates and values.
import { notExpandedParameters } from '../data/notExpanded';
import { allParameters, lookupParameter, lookupServiceFamily } from '../data/catalogue';
import type { Finding } from '../findings';
import type { Assignment, MainCfDocument } from '../parser/mainCf';
import { runSteps, type Steps } from '../steps';
import { CandidateIndex, Suggester } from '../suggest';
import { mapTypeNames } from './checkMapItem';
import { restrictionNames } from './checkRestrictions';
import { checkParameterValue } from './checkValue';
import { deprecatedFix } from './deprecatedRename';
import { inlineCommentFix } from './inlineCommentFix';
import { userDefinedNames, type MasterContext } from './userDefined';

/** Postfix sets these itself; postconf warns about assignments. */
const READ_ONLY = new Set(['process_id', 'process_name']);

/** Names Postfix fills in at run time in particular parameters (delivery, reject texts, filters). */
const RUNTIME_MACROS = new Set([
  'user', 'home', 'extension', 'recipient', 'domain', 'local', 'mailbox', 'shell', 'sender', 'nexthop',
  'original_recipient', 'client', 'client_address', 'client_name', 'client_port', 'client_protocol', 'helo_name',
  'reverse_client_name', 'rbl_class', 'rbl_code', 'rbl_domain', 'rbl_reason', 'rbl_txt', 'rbl_what', 'localpart',
  'server_name', 'code', 'action', 'reason', 'status', 'size', 'queue_id', 'sasl_method', 'sasl_username', 'sasl_sender',
]);

let parameterNames: CandidateIndex | undefined;
// A removed name is no answer to a typo: Postfix ignores it. Indexed once, not once per file (5,000 open files).
const knownNames = () => (parameterNames ??= new CandidateIndex(allParameters().filter((p) => !p.deprecated?.removed).map((p) => p.name)));

interface Suggesters {
  /** Postfix's parameter names, for a misspelt name. */
  names: Suggester;
  /** Those and the file's own names, for a misspelt $reference. */
  references: Suggester;
  restrictions: Suggester;
  mapTypes: Suggester;
}

/** Each built on first use: most files need none of them. */
function suggesters(doc: MainCfDocument): Suggesters {
  let names: Suggester | undefined;
  let references: Suggester | undefined;
  let restrictions: Suggester | undefined;
  let mapTypes: Suggester | undefined;
  return {
    get names() {
      return (names ??= new Suggester([], undefined, [knownNames()]));
    },
    get references() {
      return (references ??= new Suggester(doc.byName.keys(), undefined, [knownNames()]));
    },
    get restrictions() {
      return (restrictions ??= new Suggester(restrictionNames()));
    },
    get mapTypes() {
      return (mapTypes ??= new Suggester(mapTypeNames()));
    },
  };
}

/** Names checked between two yields: a few milliseconds of work, so a request waits no longer than that. */
const NAMES_PER_STEP = 20;

export function validateMainCf(doc: MainCfDocument, instance: MasterContext): Finding[] {
  return runSteps(validateMainCfSteps(doc, instance));
}

/** The same findings, computed in steps of NAMES_PER_STEP names. */
export function* validateMainCfSteps(doc: MainCfDocument, instance: MasterContext): Steps<Finding[]> {
  const findings: Finding[] = doc.problems.map((p) => {
    const fix = p.kind === 'inline-comment' ? inlineCommentFix(doc, p.span) : undefined;
    return { code: p.kind, span: p.span, message: p.message, ...(fix ? { fix } : {}) };
  });
  const userDefined = userDefinedNames(doc, instance);
  const restrictionClasses = userDefined.restrictionClasses;
  const commented = commentedAssignments(doc);
  const suggest = suggesters(doc);
  let names = 0;
  for (const [name, list] of doc.byName) {
    if (++names % NAMES_PER_STEP === 0) yield;
    const last = list[list.length - 1];
    if (last.template) continue;
    findings.push(...checkName(doc, last, instance, userDefined.referenced, restrictionClasses, suggest));
    for (let i = 0; i < list.length - 1; i++) {
      // In a template, `{% if %}` ... `{% else %}` branches set the same name on purpose.
      if (!templateLineBetween(doc, list[i].lastLine, last.firstLine)) findings.push(duplicate(list[i], last));
    }
    for (const a of list) {
      if (!notExpandedParameters.has(a.name)) {
        for (const error of a.value.referenceErrors) findings.push({ code: 'bad-reference', span: error.span, message: `Malformed reference: ${error.message}.` });
        findings.push(...checkReferences(a, doc, instance, suggest));
      }
    }
    const info = lookupParameter(name) ?? serviceFamilyInfo(name);
    // A value with a "#" comment already has its finding; judging the comment's words adds only noise.
    const checkable = list.filter((a) => !commented.has(a.firstLine));
    if (info) for (const a of checkable) findings.push(...checkParameterValue(info, a.value, { restrictionClasses, suggest }));
    else if (restrictionClasses.has(name)) findings.push(...checkParameterValue(classInfo(name), last.value, { restrictionClasses, suggest }));
  }
  if (doc.templateLines.length || doc.assignments.some((a) => a.template || a.value.hasTemplate)) {
    findings.push({ code: 'template-file', span: { start: 0, end: 0 }, message: 'This file holds template syntax (Jinja, ERB or installer placeholders). Template parts are skipped; the rest is checked.' });
  }
  return findings;
}

/** Whether a template line lies strictly between two lines; templateLines is sorted. */
function templateLineBetween(doc: MainCfDocument, after: number, before: number): boolean {
  const lines = doc.templateLines;
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (lines[mid] <= after) low = mid + 1;
    else high = mid;
  }
  return low < lines.length && lines[low] < before;
}

/** First lines of the assignments whose value holds a "#" comment; one pass over both sorted lists. */
function commentedAssignments(doc: MainCfDocument): Set<number> {
  const starts = doc.problems.filter((p) => p.kind === 'inline-comment').map((p) => p.span.start);
  const out = new Set<number>();
  if (starts.length === 0) return out;
  let i = 0;
  for (const a of doc.assignments) {
    while (i < starts.length && starts[i] < a.span.start) i++;
    if (i < starts.length && starts[i] <= a.span.end) out.add(a.firstLine);
  }
  return out;
}

function serviceFamilyInfo(name: string) {
  const match = lookupServiceFamily(name);
  return match ? { name, type: match.family.type, default: '', timeUnit: match.family.timeUnit } : undefined;
}

function classInfo(name: string) {
  return { name, type: 'restrictions' as const, default: '' };
}

function checkName(doc: MainCfDocument, a: Assignment, instance: MasterContext, referenced: ReadonlySet<string>, classes: ReadonlySet<string>, suggest: Suggesters): Finding[] {
  const info = lookupParameter(a.name);
  if (info) {
    const out: Finding[] = [];
    if (info.deprecated) out.push(deprecatedName(doc, a, info.deprecated));
    if (READ_ONLY.has(a.name) || info.readOnly) {
      out.push({ code: 'read-only-parameter', span: a.nameSpan, message: `Postfix sets "${a.name}" itself and ignores this assignment.` });
    }
    return out;
  }
  const family = lookupServiceFamily(a.name);
  if (family) {
    if (!instance.masterServices) {
      return [{ code: 'service-parameter-unchecked', span: a.nameSpan, message: `"${a.name}" applies to a master.cf service named "${family.service}"; open the master.cf of this instance to have that checked.` }];
    }
    if (!instance.masterServices.has(family.service)) {
      return [{ code: 'unknown-service-parameter', span: a.nameSpan, message: `"${a.name}" is meant for a master.cf service "${family.service}", but master.cf defines none: Postfix ignores it.` }];
    }
    return [];
  }
  if (referenced.has(a.name) || classes.has(a.name) || !/^[A-Za-z0-9_.-]+$/.test(a.name)) return [];
  const guess = suggest.names.suggest(a.name);
  return [{
    code: 'unknown-parameter',
    span: a.nameSpan,
    message: guess
      ? `Postfix has no parameter "${a.name}". Did you mean "${guess}"? As written, the line is ignored.`
      : `Postfix has no parameter "${a.name}", and nothing refers to it as $${a.name}: the line is ignored. If it is your own parameter, use it somewhere as $${a.name}.`,
    fix: guess ? { kind: 'replace', span: a.nameSpan, text: guess, title: `Change to "${guess}"` } : undefined,
  }];
}

function deprecatedName(doc: MainCfDocument, a: Assignment, dep: { since?: string; removed?: string; replacement?: string }): Finding {
  const when = dep.removed ? `was removed in Postfix ${dep.removed} and is ignored` : `is deprecated${dep.since ? ` since Postfix ${dep.since}` : ''}`;
  const { fix, overriddenBy, translation } = deprecatedFix(doc, a, dep.replacement);
  if (overriddenBy) {
    return {
      code: 'deprecated-parameter',
      span: a.nameSpan,
      message: `"${a.name}" ${when}, and ${overriddenBy.name} = ${overriddenBy.value} overrides it: this line has no effect.`,
      deprecated: true,
      unnecessary: true,
      ...(overriddenBy.line ? { related: [{ span: overriddenBy.line.nameSpan, message: 'the setting that wins' }] } : {}),
      ...(fix ? { fix } : {}),
    };
  }
  return {
    code: 'deprecated-parameter',
    span: a.nameSpan,
    message: `"${a.name}" ${when}.${translation ? ` Write ${translation} instead: it means the same.` : dep.replacement ? ` Use ${dep.replacement} instead${fix ? '' : ' (it takes other values: see its documentation)'}.` : ''}`,
    deprecated: true,
    ...(fix ? { fix } : {}),
  };
}

function duplicate(earlier: Assignment, winner: Assignment): Finding {
  const line = winner.firstLine + 1;
  return {
    code: 'duplicate-parameter',
    span: earlier.nameSpan,
    message: `"${earlier.name}" is set again on line ${line}, and the later line wins: this one has no effect.`,
    unnecessary: true,
    related: [{ span: winner.nameSpan, message: 'the setting that wins' }],
    fix: { kind: 'delete-lines', firstLine: earlier.firstLine, lastLine: earlier.lastLine, title: `Remove this overridden "${earlier.name}"`, safe: true },
  };
}

function checkReferences(a: Assignment, doc: MainCfDocument, instance: MasterContext, suggest: Suggesters): Finding[] {
  const out: Finding[] = [];
  for (const ref of a.value.references) {
    const name = ref.name;
    if (doc.byName.has(name) || lookupParameter(name) || RUNTIME_MACROS.has(name)) continue;
    const family = lookupServiceFamily(name);
    if (family && (!instance.masterServices || instance.masterServices.has(family.service))) continue;
    const guess = suggest.references.suggest(name);
    out.push({
      code: 'undefined-reference',
      span: ref.span,
      message: `No parameter "${name}" is defined, so $${name} expands to nothing.${guess ? ` Did you mean $${guess}?` : ''}`,
      fix: guess ? { kind: 'replace', span: ref.nameSpan, text: guess, title: `Change to $${guess}` } : undefined,
    });
  }
  return out;
}
