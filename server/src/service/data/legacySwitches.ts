// The yes/no switches that came before a "level" parameter, and how Postfix turns them into that
// level while the level parameter is empty (postconf(5) of smtpd_tls_security_level,
// smtp_tls_security_level and smtp_dns_support_level; smtp_tls_policy.c). A non-empty level
// overrides every switch of its family; checked against a real smtpd: with
// "smtpd_use_tls = yes, smtpd_tls_security_level = none" it offers no STARTTLS, with
// "smtpd_enforce_tls = yes" it answers MAIL FROM with 530 until STARTTLS.

export interface LegacySwitchFamily {
  /** The parameter that replaced the switches. */
  target: string;
  /** Consulted in order; the first row whose switches all have the given values decides. */
  decide: ReadonlyArray<{ when: Readonly<Record<string, 'yes' | 'no'>>; level: string }>;
}

function serverTls(prefix: string): LegacySwitchFamily {
  return {
    target: `${prefix}_tls_security_level`,
    decide: [
      { when: { [`${prefix}_enforce_tls`]: 'yes' }, level: 'encrypt' },
      { when: { [`${prefix}_use_tls`]: 'yes' }, level: 'may' },
      { when: { [`${prefix}_use_tls`]: 'no' }, level: 'none' },
    ],
  };
}

function clientTls(prefix: string): LegacySwitchFamily {
  return {
    target: `${prefix}_tls_security_level`,
    decide: [
      // Enforcement used to include the peer name check unless smtp_tls_enforce_peername = no.
      { when: { [`${prefix}_enforce_tls`]: 'yes', [`${prefix}_tls_enforce_peername`]: 'yes' }, level: 'verify' },
      { when: { [`${prefix}_enforce_tls`]: 'yes' }, level: 'encrypt' },
      { when: { [`${prefix}_use_tls`]: 'yes' }, level: 'may' },
      { when: { [`${prefix}_use_tls`]: 'no' }, level: 'none' },
    ],
  };
}

/**
 * The families we can translate. tlsproxy_client_* is left out: its switches have no peer-name
 * counterpart, and we know no documented mapping for them.
 */
export const legacySwitchFamilies: readonly LegacySwitchFamily[] = [
  serverTls('smtpd'),
  serverTls('postscreen'),
  serverTls('tlsproxy'),
  clientTls('smtp'),
  clientTls('lmtp'),
  {
    target: 'smtp_dns_support_level',
    decide: [
      { when: { disable_dns_lookups: 'yes' }, level: 'disabled' },
      { when: { disable_dns_lookups: 'no' }, level: 'enabled' },
    ],
  },
];

/** Deprecated names whose replacement takes the same value unchanged (the 3.11 renames). */
export const plainRenames: ReadonlySet<string> = new Set([
  'authorized_verp_clients', 'fallback_relay', 'lmtp_per_record_deadline', 'smtp_per_record_deadline', 'smtpd_per_record_deadline',
  'postscreen_blacklist_action', 'postscreen_dnsbl_ttl', 'postscreen_dnsbl_whitelist_threshold', 'postscreen_whitelist_interfaces',
  'smtpd_client_connection_limit_exceptions', 'tlsproxy_client_level', 'tlsproxy_client_policy', 'virtual_maps',
]);

const familyBySwitch = new Map<string, LegacySwitchFamily>();
for (const family of legacySwitchFamilies) {
  for (const row of family.decide) for (const name of Object.keys(row.when)) familyBySwitch.set(name, family);
}

export function legacySwitchFamily(name: string): LegacySwitchFamily | undefined {
  return familyBySwitch.get(name);
}

/** Every switch of a family, in the order of its table. */
export function switchesOf(family: LegacySwitchFamily): string[] {
  return [...new Set(family.decide.flatMap((row) => Object.keys(row.when)))];
}
