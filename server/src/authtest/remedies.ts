/**
 * What a front end tells the user to do about a refused certificate or a wrong TLS mode. The library's
 * own texts name no control; the CLI speaks of its flags, the editor of its settings and buttons.
 */
export interface Remedies {
  /** How to add a CA that vouches for the server (completes a sentence). */
  trustCa: string;
  /** What to do when the certificate is not trusted and the password was therefore not sent (a sentence). */
  untrusted: string;
  /** What to do when the certificate is not the one pinned (a sentence). */
  pinChanged: string;
  /** How to run the test with STARTTLS (completes a sentence). */
  useStarttls: string;
  /** How to run the test with TLS from the first byte (completes a sentence). */
  useImplicit: string;
}

export const CLI_REMEDIES: Remedies = {
  trustCa: 'pass the issuing CA with --ca FILE',
  untrusted: 'Trust it with --ca FILE, or accept it with --insecure.',
  pinChanged: 'Check which certificate the server has now.',
  useStarttls: 'run the test with --tls starttls',
  useImplicit: 'run the test with --tls implicit',
};

/** Puts a front end's words into a text's `{trustCa}`-style slots. */
export function withRemedies(text: string, remedies: Remedies): string {
  return text.replace(/\{(\w+)\}/g, (all, key: string) => (key in remedies ? remedies[key as keyof Remedies] : all));
}
