import { Credentials, SaslClient, secretStep } from './types';

/** RFC 4616: one message, `\0user\0password`, sent as the initial response. */
export function plain(c: Credentials): SaslClient {
  return {
    name: 'PLAIN',
    initial: () => secretStep(`\0${c.user}\0${c.password}`),
    // A server that ignores the initial response sends an empty challenge: answer it the same way.
    challenge: () => secretStep(`\0${c.user}\0${c.password}`),
    checkSuccess: () => undefined,
  };
}
