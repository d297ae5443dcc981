// Every diagnostic we can raise, with a stable code. Codes are part of the public interface: the
// settings, `# postfix-sasl: ignore CODE` comments and the CLI's JSON all use them. Never rename one.

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface Rule {
  code: string;
  defaultSeverity: Severity;
  /** One line: what the rule is about (for the README and the settings description). */
  summary: string;
}

export const rules = [
  // Syntax
  { code: 'missing-equals', defaultSeverity: 'error', summary: 'A line that is neither a comment nor "name = value".' },
  { code: 'orphan-continuation', defaultSeverity: 'error', summary: 'An indented line with no parameter line before it.' },
  { code: 'invalid-name', defaultSeverity: 'error', summary: 'A parameter name with characters other than letters, digits and "_".' },
  { code: 'inline-comment', defaultSeverity: 'warning', summary: 'A "#" after a blank inside a value: Postfix reads it as part of the value.' },
  { code: 'bad-reference', defaultSeverity: 'error', summary: 'A malformed $name, ${name...} or ${{...}} expression.' },
  // Names
  { code: 'unknown-parameter', defaultSeverity: 'warning', summary: 'A name Postfix does not know and nothing references (often a typo).' },
  { code: 'unknown-service-parameter', defaultSeverity: 'warning', summary: 'A SERVICE_name parameter whose service is not in master.cf.' },
  { code: 'service-parameter-unchecked', defaultSeverity: 'information', summary: 'A SERVICE_name parameter that cannot be checked because no master.cf is known.' },
  { code: 'deprecated-parameter', defaultSeverity: 'warning', summary: 'A parameter name that Postfix deprecated or removed.' },
  { code: 'read-only-parameter', defaultSeverity: 'warning', summary: 'A parameter that Postfix sets itself; assigning it has no effect.' },
  { code: 'duplicate-parameter', defaultSeverity: 'warning', summary: 'A parameter set twice: the later line wins and the earlier one is dead.' },
  { code: 'undefined-reference', defaultSeverity: 'warning', summary: 'A $name that no parameter defines: it expands to nothing.' },
  // Values
  { code: 'invalid-boolean', defaultSeverity: 'error', summary: 'A yes/no parameter with another value: the daemon stops with a fatal error.' },
  { code: 'invalid-integer', defaultSeverity: 'error', summary: 'A numeric parameter that is not a whole number.' },
  { code: 'invalid-time', defaultSeverity: 'error', summary: 'A time parameter that is not a number with an optional s, m, h, d or w unit.' },
  { code: 'invalid-size', defaultSeverity: 'error', summary: 'A size parameter that is not a plain number of bytes (Postfix has no K/M/G suffixes).' },
  { code: 'invalid-enum', defaultSeverity: 'error', summary: 'A value outside the fixed set the parameter accepts.' },
  { code: 'unknown-option-word', defaultSeverity: 'error', summary: 'A word that is not one of the options the parameter accepts.' },
  { code: 'unknown-restriction', defaultSeverity: 'error', summary: 'A word in a restriction list that is not a restriction, a restriction class or a lookup table.' },
  { code: 'deprecated-restriction', defaultSeverity: 'warning', summary: 'A restriction name that Postfix deprecated or removed.' },
  { code: 'restriction-missing-argument', defaultSeverity: 'error', summary: 'A restriction such as check_client_access without its table or domain.' },
  { code: 'unknown-map-type', defaultSeverity: 'warning', summary: 'A lookup table type that Postfix does not know.' },
  { code: 'relay-restrictions-unsafe', defaultSeverity: 'error', summary: 'Neither smtpd_relay_restrictions nor smtpd_recipient_restrictions blocks relaying: smtpd refuses to start.' },
  { code: 'open-relay', defaultSeverity: 'error', summary: 'A restriction list that permits everyone before relaying is checked.' },
  // Files
  { code: 'template-file', defaultSeverity: 'information', summary: 'The file holds template syntax, which is skipped; the rest is checked.' },
  { code: 'binary-file', defaultSeverity: 'error', summary: 'The file is not text.' },
  { code: 'file-too-large', defaultSeverity: 'information', summary: 'The file is larger than the size limit, so only its syntax is checked.' },
] as const satisfies readonly Rule[];

export type RuleCode = (typeof rules)[number]['code'];

const byCode = new Map<string, Rule>(rules.map((r) => [r.code, r]));

export function lookupRule(code: string): Rule | undefined {
  return byCode.get(code);
}
