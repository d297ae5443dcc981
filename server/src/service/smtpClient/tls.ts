// The TLS a transport's client uses: smtp_tls_security_level, else the compatibility-level default
// (`may` from level 3.11), else the pre-2.3 booleans; wrapper mode for implicit TLS (port 465).
import type { MainCfFile } from '../documents';
import type { Origin } from '../instance/services';
import { levelDefault } from '../mainCf/compatibility';
import { get, origin, yes, type ClientTransport } from './transports';

export interface ClientTls {
  level: string;
  /** Where the level is set; no file: a default. */
  origin: Origin;
  /** Said by compatibility_level, not written. */
  fromLevelDefault: boolean;
  wrapperMode: boolean;
  /** smtp_tls_policy_maps may set another level per destination: the level here is not the last word. */
  policyMaps: boolean;
}

/** Levels that refuse to go on without TLS. */
export const ENFORCED_LEVELS = new Set(['encrypt', 'dane-only', 'fingerprint', 'verify', 'secure']);

export function clientTls(t: ClientTransport, main: MainCfFile | undefined): ClientTls {
  const at = origin(t, 'smtp_tls_security_level');
  // The settings already give the level-dependent default for an unset parameter.
  const value = get(t, 'smtp_tls_security_level').trim().toLowerCase();
  const byLevel = main && t.protocol === 'smtp' ? levelDefault(main.main, 'smtp_tls_security_level') ?? '' : '';
  const legacy = yes(t, 'smtp_enforce_tls') ? 'encrypt' : yes(t, 'smtp_use_tls') ? 'may' : 'none';
  return {
    level: value || byLevel || legacy,
    origin: at,
    fromLevelDefault: !at.file && byLevel !== '' && (value === '' || value === byLevel),
    wrapperMode: yes(t, 'smtp_tls_wrappermode'),
    policyMaps: get(t, 'smtp_tls_policy_maps').trim() !== '',
  };
}
