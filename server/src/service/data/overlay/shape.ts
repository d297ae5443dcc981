// What a hand-written overlay entry may set on top of the generated facts.
import type { ParameterInfo } from '../types';

export type ParameterOverlay = Partial<Omit<ParameterInfo, 'name' | 'deprecated'>>;
export type OverlayTable = Readonly<Record<string, ParameterOverlay>>;

/** Shared value sets. */
export const SERVER_TLS_LEVELS = ['none', 'may', 'encrypt'] as const;
export const CLIENT_TLS_LEVELS = ['none', 'may', 'encrypt', 'dane', 'dane-only', 'fingerprint', 'verify', 'secure'] as const;
export const CIPHER_GRADES = ['export', 'low', 'medium', 'high', 'null'] as const;
export const SASL_OPTION_WORDS = ['noanonymous', 'noplaintext', 'nodictionary', 'noactive', 'mutual_auth'] as const;
