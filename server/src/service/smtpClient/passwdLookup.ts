// Which sasl_passwd key the smtp client looks up for a next hop, and which line answers. As in
// smtp_sasl_passwd_lookup() (src/smtp/smtp_sasl_glue.c): with smtp_sender_dependent_authentication
// the sender (full address, then @domain) first, then the name of the server connected to, then the
// next-hop destination exactly as written. Tables fold the key to lower case.
import type { PasswdEntry } from '../saslPasswd/parse';
import type { SaslPasswdFile } from '../saslPasswd/saslPasswdFile';
import type { Destination } from './destination';

export type KeyRole = 'sender' | 'host' | 'destination';

export interface PasswdAnswer {
  file: SaslPasswdFile;
  entry: PasswdEntry;
  as: KeyRole;
}

export interface PasswdLookup {
  /** The keys tried, in order; a host of undefined is any MX host of the domain, unknown here. */
  keys: Array<{ key: string | undefined; as: KeyRole }>;
  /** The first line that answers when no sender key does; undefined: none, or unknown. */
  answer?: PasswdAnswer;
  /** Every table of smtp_sasl_password_maps was read: a missing answer is really missing. */
  known: boolean;
}

/** Tables of smtp_sasl_password_maps in order; undefined stands for one we cannot read. */
export function lookupPasswd(dest: Destination, tables: ReadonlyArray<SaslPasswdFile | undefined>, senderDependent: boolean): PasswdLookup {
  const host = dest.bracketed ? dest.host : undefined;
  const keys: PasswdLookup['keys'] = [...(senderDependent ? [{ key: 'sender address, then @domain', as: 'sender' as const }] : []), { key: host, as: 'host' }, { key: dest.written.toLowerCase(), as: 'destination' }];
  const known = tables.every((t) => t !== undefined);
  for (const { key, as } of keys) {
    if (as === 'sender' || key === undefined) continue;
    for (const file of tables) {
      const entry = file?.passwd.entries.find((e) => !e.template && e.key.toLowerCase() === key);
      if (file && entry) return { keys, answer: { file, entry, as }, known };
    }
  }
  return { keys, known };
}

/** Sender-keyed lines (user@domain, @domain): read only with smtp_sender_dependent_authentication. */
export const isSenderKey = (e: PasswdEntry) => e.keyKind === 'address' || e.keyKind === 'domain';
