// Big inputs shared by the LSP robustness test and the benchmark: a realistic main.cf repeated to any
// size, and main.cf lines of 1,000,000 characters of the kinds that once made a scanner slow.

/** A realistic main.cf block, repeated to `bytes`. */
export function bigMainCf(bytes: number): string {
  const block = ['# generated', 'smtpd_sasl_auth_enable = yes', 'smtpd_recipient_restrictions = permit_mynetworks,', '    permit_sasl_authenticated, reject_unauth_destination', 'myorigin = $mydomain', 'relayhost = [smtp.example.com]:587', ''].join('\n') + '\n';
  return block.repeat(Math.ceil(bytes / block.length));
}

/** [label, a line of at least 1,000,000 characters] */
export const longLines: ReadonlyArray<readonly [string, string]> = [
  ['plain words', 'mydestination = ' + 'host.example, '.repeat(72_000)],
  ['template openers', 'smtpd_banner = ' + '{{ <% {% '.repeat(111_112)],
  ['references', 'myorigin = ' + '$mydomain '.repeat(100_000)],
  ['nested conditionals', 'x = ' + '${a?'.repeat(125_000) + '}'.repeat(125_000)],
];

/** A main.cf around one long line, cut to 1,000,000 characters. */
export const longLineMainCf = (line: string) => `myhostname = a.example\n${line.slice(0, 1_000_000)}\nrelayhost = [b.example]:587\n`;
