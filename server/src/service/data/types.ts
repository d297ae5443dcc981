// Shapes of the knowledge base: Postfix parameters, restrictions, map types and option words.

/** How Postfix reads a parameter's value. */
export type ValueType =
  | 'boolean' // yes/no, case-insensitive
  | 'integer'
  | 'time' // number with optional unit s, m, h, d, w; `timeUnit` is the unit when none is written
  | 'size' // plain bytes, no suffix
  | 'list' // words separated by whitespace and/or commas
  | 'maplist' // list of type:table lookup tables
  | 'restrictions' // smtpd access restriction list
  | 'enum' // one of `values`
  | 'enumlist' // any subset of `values`, e.g. security options
  | 'string'
  | 'path';

export type TimeUnit = 's' | 'm' | 'h' | 'd' | 'w';

export interface Deprecation {
  /** Version that replaced the name (or, where that is not known, the one that started to warn). */
  since?: string;
  /** Version from which Postfix logs a warning for the name. */
  warnsSince?: string;
  /** Version in which the name stopped working, if it did. */
  removed?: string;
  /** Name (or construct) to use instead. */
  replacement?: string;
}

export interface ParameterInfo {
  name: string;
  type: ValueType;
  /** Default as `postconf -d` prints it (may contain $references). */
  default: string;
  /** Words for a default that postconf computes from the host (myhostname ...), where `default` is empty. */
  defaultNote?: string;
  /** Fixed values for `enum` / `enumlist`. */
  values?: readonly string[];
  timeUnit?: TimeUnit;
  /** Postfix version that introduced the parameter, where known. */
  since?: string;
  deprecated?: Deprecation;
  readOnly?: boolean;
  /** Postfix keeps the value's $names for the daemon to expand at use; `postconf -x` shows it as written. */
  raw?: boolean;
  related?: readonly string[];
  /** Markdown written by us: what it does, when to change it. */
  doc?: string;
  /** Markdown: what this parameter means for security, when it matters. */
  security?: string;
}

/** A family of names derived from master.cf service names, e.g. `SERVICE_destination_recipient_limit`. */
export interface ServiceParameterFamily {
  /** The part after `SERVICE_`, e.g. `destination_recipient_limit`. */
  suffix: string;
  type: ValueType;
  /** The main.cf parameter whose value applies when the service-specific one is not set. */
  fallback: string;
  timeUnit?: TimeUnit;
  since?: string;
  doc?: string;
}

export type RestrictionKind = 'client' | 'helo' | 'sender' | 'recipient' | 'relay' | 'etrn' | 'data' | 'generic';

export interface RestrictionInfo {
  name: string;
  /** Lists in which it is meaningful; 'generic' means anywhere. */
  contexts: readonly RestrictionKind[];
  /** Number of arguments that follow (a map for check_*_access, a domain for reject_rbl_client ...). */
  argument?: 'map' | 'domain' | 'text' | 'none';
  /** The restriction ends evaluation with a permit. */
  permits?: boolean;
  /** The restriction stops relaying to foreign destinations (counts for Postfix's relay safety check). */
  blocksRelay?: boolean;
  since?: string;
  deprecated?: Deprecation;
  doc: string;
}

export interface MapTypeInfo {
  name: string;
  /** What follows the colon. */
  argument: 'file' | 'inline' | 'map' | 'server' | 'config' | 'none';
  doc: string;
  /** Debian package that provides it when it is not built in. */
  package?: string;
}

export interface OptionWordInfo {
  name: string;
  doc: string;
}
