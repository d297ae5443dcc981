// Pure (no vscode import): checks the shapes that come from outside, i.e. a command argument or a profile
// in the settings, and builds the key under which a password is kept in SecretStorage.
import { type TlsMode, normalizeFingerprint } from '../../../server/src/authtest';

export const TLS_MODES: readonly TlsMode[] = ['starttls', 'starttls-optional', 'implicit', 'none'];

/** The optional argument of `postfixSasl.testSmtpAuth` for programmatic use (no prompts). */
export interface AuthTestArgs {
  host: string;
  port?: number;
  tls?: TlsMode;
  user: string;
  password: string;
  mechanisms?: string[] | 'all';
  /** A CA certificate file (PEM) to trust besides the system's. */
  caFile?: string;
  /** Trust exactly the certificate with this SHA-256 fingerprint. */
  pinnedFingerprint?: string;
  /** Open the report preview; default true. */
  showReport?: boolean;
}

/** A saved profile from `postfixSasl.authTest.profiles`. */
export interface AuthTestProfile {
  name: string;
  host: string;
  port?: number;
  tls: TlsMode;
  user: string;
  mechanisms: string[] | 'all';
  /** A CA certificate file (PEM) to trust besides the system's. */
  caFile?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPort = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;

function mechanismsOf(v: unknown): string[] | 'all' | undefined {
  if (v === undefined || v === 'all') return 'all';
  if (Array.isArray(v) && v.length && v.every((m) => typeof m === 'string' && /^[A-Za-z0-9_-]+$/.test(m))) return v.map((m: string) => m.toUpperCase());
  return undefined;
}

/** True when the value looks like a programmatic argument (and not, say, a Uri from a menu). */
export function isAuthTestArgs(v: unknown): v is Record<string, unknown> {
  return isObject(v) && typeof v.host === 'string';
}

/** Checks a programmatic argument; returns an error message or the checked argument. */
export function checkAuthTestArgs(v: Record<string, unknown>): AuthTestArgs | string {
  if (typeof v.host !== 'string' || !v.host.trim()) return 'host must be a non-empty string';
  if (typeof v.user !== 'string' || !v.user) return 'user must be a non-empty string';
  if (typeof v.password !== 'string') return 'password must be a string';
  if (v.port !== undefined && !isPort(v.port)) return 'port must be an integer from 1 to 65535';
  if (v.tls !== undefined && !TLS_MODES.includes(v.tls as TlsMode)) return `tls must be one of ${TLS_MODES.join(', ')}`;
  const mechanisms = mechanismsOf(v.mechanisms);
  if (!mechanisms) return 'mechanisms must be "all" or a non-empty array of mechanism names';
  if (v.caFile !== undefined && (typeof v.caFile !== 'string' || !v.caFile)) return 'caFile must be a non-empty string';
  if (v.pinnedFingerprint !== undefined && (typeof v.pinnedFingerprint !== 'string' || !normalizeFingerprint(v.pinnedFingerprint))) return 'pinnedFingerprint must be a SHA-256 fingerprint (64 hex digits)';
  if (v.showReport !== undefined && typeof v.showReport !== 'boolean') return 'showReport must be a boolean';
  return {
    host: v.host.trim(),
    port: v.port as number | undefined,
    tls: (v.tls as TlsMode | undefined) ?? 'starttls',
    user: v.user,
    password: v.password,
    mechanisms,
    caFile: v.caFile as string | undefined,
    pinnedFingerprint: v.pinnedFingerprint as string | undefined,
    showReport: v.showReport as boolean | undefined,
  };
}

/** Reads the profiles setting, keeping the valid entries and naming the bad ones. */
export function readProfiles(raw: unknown): { profiles: AuthTestProfile[]; problems: string[] } {
  const profiles: AuthTestProfile[] = [];
  const problems: string[] = [];
  if (!Array.isArray(raw)) return { profiles, problems: raw === undefined ? [] : ['the setting is not an array'] };
  raw.forEach((p, i) => {
    const checked = checkProfile(p);
    if (typeof checked !== 'string') profiles.push(checked);
    else problems.push(`profile ${isObject(p) && typeof p.name === 'string' && p.name ? `"${p.name}"` : `#${i + 1}`} ${checked}`);
  });
  return { profiles, problems };
}

/** The properties a profile may have; package.json's schema declares exactly these (a test checks it). */
export const PROFILE_PROPERTIES = ['name', 'host', 'port', 'tls', 'user', 'mechanisms', 'caFile'] as const;

function checkProfile(p: unknown): AuthTestProfile | string {
  if (!isObject(p)) return 'is not an object';
  const unknown = Object.keys(p).find((k) => !(PROFILE_PROPERTIES as readonly string[]).includes(k));
  if (unknown !== undefined) return `has an unknown property "${unknown}" (known: ${PROFILE_PROPERTIES.join(', ')})`;
  if (typeof p.name !== 'string' || !p.name) return 'has no name';
  if (typeof p.host !== 'string' || !p.host.trim()) return 'has no host';
  if (typeof p.user !== 'string' || !p.user) return 'has no user';
  if (p.port !== undefined && !isPort(p.port)) return 'has a port that is not an integer from 1 to 65535';
  if (p.tls !== undefined && !TLS_MODES.includes(p.tls as TlsMode)) return `has a tls mode other than ${TLS_MODES.join(', ')}`;
  const mechanisms = mechanismsOf(p.mechanisms);
  if (!mechanisms) return 'has mechanisms that are neither "all" nor a list of names';
  if (p.caFile !== undefined && (typeof p.caFile !== 'string' || !p.caFile)) return 'has a caFile that is not a file name';
  const profile: AuthTestProfile = { name: p.name, host: p.host.trim(), port: p.port as number | undefined, tls: (p.tls as TlsMode | undefined) ?? 'starttls', user: p.user, mechanisms };
  if (p.caFile !== undefined) profile.caFile = p.caFile as string;
  return profile;
}

/**
 * One SecretStorage key per host, port, TLS mode and user. The mode is part of it so that a password saved
 * for a test under TLS is never offered to a test of the same server without TLS.
 */
export function secretKey(host: string, port: number, tls: TlsMode, user: string): string {
  return `postfixSasl.authTest.password:${JSON.stringify([host.toLowerCase(), port, tls, user])}`;
}

/** The optional argument of `postfixSasl.runAuthTestProfile`: a profile name, or `{name, password?, showReport?}`. */
export interface ProfileArgs {
  name: string;
  password?: string;
  showReport?: boolean;
}

/** undefined: no usable argument (ask interactively); a string: what is wrong with it. */
export function checkProfileArgs(v: unknown): ProfileArgs | string | undefined {
  if (typeof v === 'string') return { name: v };
  if (!isObject(v) || v.name === undefined) return undefined;
  if (typeof v.name !== 'string') return 'name must be a string';
  if (v.password !== undefined && typeof v.password !== 'string') return 'password must be a string';
  if (v.showReport !== undefined && typeof v.showReport !== 'boolean') return 'showReport must be a boolean';
  return { name: v.name, password: v.password as string | undefined, showReport: v.showReport as boolean | undefined };
}

/** Where a pinned certificate applies: one server (host and port), within one profile when run from one. */
export interface PinScope {
  host: string;
  port: number;
  profile?: string;
}

/** The globalState key of a pin: per profile for a profile's runs, per server for the interactive test. */
export function pinKey(s: PinScope): string {
  return JSON.stringify(s.profile === undefined ? ['server', s.host.toLowerCase(), s.port] : ['profile', s.profile, s.host.toLowerCase(), s.port]);
}
