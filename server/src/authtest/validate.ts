import { readHostPort, type HostPort } from '../service/hostPort';
import { SmtpTestError } from './errors';

const FORBIDDEN = /[\r\n\0]/;

/** Refuses CR, LF and NUL before anything is sent: they would let a value inject SMTP commands. */
export function checkNoControl(what: 'host' | 'user' | 'password' | 'token' | 'EHLO name', value: string): void {
  if (FORBIDDEN.test(value)) {
    // Never echo the value: it may be the password.
    throw new SmtpTestError('input', `the ${what} contains CR, LF or NUL; refused before connecting`);
  }
}

/** The auth test's target: `host`, `host:port`, `[host]:port`, `[v6]:port`; CR, LF and NUL refused first. */
export function parseHostPort(input: string): HostPort {
  checkNoControl('host', input);
  const read = readHostPort(input);
  if (!read.ok) throw new SmtpTestError('input', read.reason);
  return read.value;
}
