/** One client message: what goes on the wire (base64, '' or '*') and what the transcript shows. */
export interface SaslStep {
  response: string;
  display: string;
  /** Values derived from the password that this step puts on the wire (a digest, a proof), for the redactor. */
  secrets?: string[];
}

export interface Credentials {
  user: string;
  password: string;
  /** The bearer token for XOAUTH2 and OAUTHBEARER; never the password. */
  token?: string;
}

/** A SASL client for one exchange. Built per attempt; holds its own state. */
export interface SaslClient {
  readonly name: string;
  /** The initial response for `AUTH NAME <initial>`, or undefined to wait for the first challenge. */
  initial(): SaslStep | undefined;
  /** Answers a 334 challenge (already decoded). Throws MechanismError when the server's data is wrong. */
  challenge(data: Buffer): SaslStep;
  /** On 235: an explanation if the mechanism expected to verify the server and could not, else undefined. */
  checkSuccess(): string | undefined;
}

/** The server's SASL data broke the mechanism (bad nonce, bad signature...): we cancel with `*`. */
export class MechanismError extends Error {}

export const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
export const secretStep = (s: string | Buffer): SaslStep => ({ response: b64(s), display: '<redacted>' });
export const openStep = (s: string | Buffer): SaslStep => ({ response: b64(s), display: b64(s) });
