/** The stage of an auth test at which something went wrong; reports and exit codes key on it. */
export type Stage = 'input' | 'connect' | 'banner' | 'EHLO' | 'STARTTLS' | 'TLS' | 'AUTH' | 'MAIL' | 'QUIT';

/** An error that names its stage. Its message never holds the password: callers build it from server text and our own words. */
export class SmtpTestError extends Error {
  constructor(
    readonly stage: Stage,
    message: string,
    /** The SMTP reply code when the error is a reply, e.g. 554 on the banner. */
    readonly replyCode?: number,
  ) {
    super(`${stage}: ${message}`);
    this.name = 'SmtpTestError';
  }
  /** The message without the stage prefix. */
  get detail(): string {
    return this.message.slice(this.stage.length + 2);
  }
}

export function asSmtpTestError(err: unknown, stage: Stage): SmtpTestError {
  if (err instanceof SmtpTestError) return err;
  const e = err as NodeJS.ErrnoException | undefined;
  const text = e?.code ? `${e.code}: ${e.message}` : String(e?.message ?? err);
  return new SmtpTestError(stage, text);
}

/**
 * The certificate was refused before anything was sent under TLS: 'untrusted' (chain or name does not
 * verify, or no certificate), 'changed' (not the pinned one). Front ends offer their trust controls on it.
 */
export class CertificateRefused extends SmtpTestError {
  constructor(
    readonly kind: 'untrusted' | 'changed',
    message: string,
  ) {
    super('TLS', message);
    this.name = 'CertificateRefused';
  }
}

/** A step ran out of time; `partial` when some bytes of a reply had come. */
export class SmtpTimeout extends SmtpTestError {
  constructor(
    stage: Stage,
    message: string,
    readonly partial: boolean,
  ) {
    super(stage, message);
    this.name = 'SmtpTimeout';
  }
}
