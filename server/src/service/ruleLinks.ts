// Where each rule's page lives: docs/rules/CODE.md in the repository that package.json names (a
// test keeps the two in step). Editors show it as the link on the diagnostic's code.
const RULE_DOCS_BASE = 'https://github.com/postfix-sasl/postfix-sasl/blob/main/docs/rules/';

export function ruleDocUrl(code: string): string {
  return `${RULE_DOCS_BASE}${encodeURIComponent(code)}.md`;
}
