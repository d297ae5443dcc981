// The option words Postfix accepts in *_sasl_security_options and *_sasl_tls_security_options.
import type { OptionWordInfo } from './types';

export const saslSecurityOptionWords: readonly OptionWordInfo[] = [
  {
    name: 'noanonymous',
    doc: 'Refuse mechanisms that log in without an identity (ANONYMOUS). Keep it on any server that relays for authenticated users: without it anyone can "authenticate".',
  },
  {
    name: 'noplaintext',
    doc: 'Refuse mechanisms that send the password in the clear (PLAIN, LOGIN). Use it only where TLS is not guaranteed; with TLS use `*_sasl_tls_security_options` instead, or clients that only speak PLAIN/LOGIN cannot log in.',
  },
  {
    name: 'nodictionary',
    doc: 'Refuse mechanisms that an offline dictionary attack can break.',
  },
  {
    name: 'noactive',
    doc: 'Refuse mechanisms that an active (non-dictionary) attack can break.',
  },
  {
    name: 'mutual_auth',
    doc: 'Allow only mechanisms that also prove the server\'s identity to the client.',
  },
];
