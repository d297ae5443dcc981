// The Postfix smtp client of one instance, per next hop: which transport carries the mail there,
// the TLS it uses, the SASL mechanisms it may pick before and inside TLS, and which sasl_passwd line
// answers. Computed once from main.cf, master.cf and the readable tables; rules and hover ask it.
import type { MainCfFile } from '../documents';
import type { MasterCfFile } from '../master/masterCfFile';
import type { SaslPasswdFile } from '../saslPasswd/saslPasswdFile';
import type { PasswdEntry } from '../saslPasswd/parse';
import { mainSettings, splitWords } from '../instance/services';
import type { Span } from '../text';
import { readDestination, type Destination } from './destination';
import { clientMechanisms, type MechanismPolicy } from './mechanisms';
import { lookupPasswd, type PasswdLookup } from './passwdLookup';
import { clientTls, type ClientTls } from './tls';
import { clientTransports, get, yes, type ClientTransport } from './transports';

/** The main.cf parameters that name next hops. */
export const HOP_PARAMETERS = ['relayhost', 'smtp_fallback_relay', 'default_transport', 'relay_transport', 'local_transport', 'virtual_transport', 'mailbox_transport', 'fallback_transport', 'transport_maps', 'sender_dependent_relayhost_maps'] as const;
export type HopParameter = (typeof HOP_PARAMETERS)[number];

/** Transports that carry mail to relayhost unless they name a next hop; the others only go where they say. */
const RELAYHOST_CARRIERS = new Set(['default_transport', 'relay_transport']);

/** Where a next hop is written: a main.cf word, or a line of a table main.cf names (at that word). */
export interface HopSource {
  parameter: HopParameter;
  /** The word in main.cf: the relayhost, or the table's name. */
  span?: Span;
  /** For a table: its path, the key and the 1-based line of the entry. */
  table?: { path: string; key: string; line: number };
}

export interface NextHop {
  destination: Destination;
  source: HopSource;
  transport: ClientTransport;
  tls: ClientTls;
  beforeTls: MechanismPolicy;
  afterTls: MechanismPolicy;
  /** The transport logs in (smtp_sasl_auth_enable = yes). */
  auth: boolean;
  passwd: PasswdLookup;
}

export interface TransportModel {
  transport: ClientTransport;
  tls: ClientTls;
  beforeTls: MechanismPolicy;
  afterTls: MechanismPolicy;
  authEnabled: boolean;
  senderDependent: boolean;
  /** smtp_sasl_password_maps words, with the sasl_passwd file each names when we have it. */
  passwordMaps: Array<{ word: string; file?: SaslPasswdFile }>;
  /** Carries mail to the recipient domain's MX hosts (no relayhost, no next hop): any destination. */
  direct: boolean;
}

export interface ClientModel {
  transports: TransportModel[];
  hops: NextHop[];
  /** Every table that can add next hops was read: the hops are all of them. */
  hopsComplete: boolean;
}

export interface ClientInput {
  main?: MainCfFile;
  master?: MasterCfFile;
  /** The sasl_passwd file a map word (hash:/etc/postfix/sasl_passwd) names, when we have it. */
  passwdFile(mapWord: string): SaslPasswdFile | undefined;
  /** The entries of a lookup table by the path main.cf names; undefined: not read. */
  table(path: string): readonly PasswdEntry[] | undefined;
}

/** The file a map word names: `hash:/etc/postfix/x` → /etc/postfix/x; undefined for non-file tables. */
export function mapPath(word: string): string | undefined {
  return /^(?:proxy:)?(?:hash|btree|lmdb|cdb|dbm|sdbm|texthash):(\/\S+)$/.exec(word)?.[1];
}

function transportModel(t: ClientTransport, input: ClientInput): TransportModel {
  const mechs = clientMechanisms(t);
  return {
    transport: t,
    tls: clientTls(t, input.main),
    ...mechs,
    authEnabled: yes(t, 'smtp_sasl_auth_enable'),
    senderDependent: t.protocol === 'smtp' && yes(t, 'smtp_sender_dependent_authentication'),
    passwordMaps: splitWords(get(t, 'smtp_sasl_password_maps')).map((word) => ({ word, file: input.passwdFile(word) })),
    direct: false,
  };
}

/** `transport:nexthop` as in default_transport and transport(5) tables. */
function splitTransport(value: string): { transport: string; nexthop: string } {
  const colon = value.indexOf(':');
  return colon < 0 ? { transport: value, nexthop: '' } : { transport: value.slice(0, colon), nexthop: value.slice(colon + 1) };
}

function wordSpan(main: MainCfFile | undefined, parameter: string, word: string): Span | undefined {
  const list = main?.main.byName.get(parameter);
  return list?.[list.length - 1].value.items.find((i) => i.text === word)?.span;
}

export function clientModel(input: ClientInput): ClientModel {
  const transports = clientTransports(input).map((t) => transportModel(t, input));
  const byName = new Map(transports.map((t) => [t.transport.name, t]));
  const main = input.main ? mainSettings(input) : undefined;
  const hops: NextHop[] = [];
  let hopsComplete = true;
  const add = (written: string, carrier: string, source: HopSource) => {
    const t = byName.get(carrier);
    if (t && !written) t.direct = true;
    if (!t || !written) return;
    const destination = readDestination(written);
    const tables = t.passwordMaps.map((m) => m.file);
    hops.push({ destination, source, transport: t.transport, tls: t.tls, beforeTls: t.beforeTls, afterTls: t.afterTls, auth: t.authEnabled, passwd: lookupPasswd(destination, tables, t.senderDependent) });
  };
  if (!main) return { transports, hops, hopsComplete };
  const relayhosts = splitWords(main.get('relayhost'));
  const seen = new Set<string>();
  for (const parameter of ['default_transport', 'relay_transport', 'local_transport', 'virtual_transport', 'mailbox_transport', 'fallback_transport'] as const) {
    const value = main.get(parameter).trim();
    const { transport, nexthop } = splitTransport(value);
    if (!value || seen.has(`${transport}:${nexthop}`)) continue;
    seen.add(`${transport}:${nexthop}`);
    if (nexthop) add(nexthop, transport, { parameter, span: wordSpan(input.main, parameter, value) });
    else if (!RELAYHOST_CARRIERS.has(parameter)) continue;
    else if (!relayhosts.length) add('', transport, { parameter });
    else for (const r of relayhosts) add(r, transport, { parameter: 'relayhost', span: wordSpan(input.main, 'relayhost', r) });
  }
  // Tried when the next hop does not answer, by the default transport.
  for (const f of splitWords(main.get('smtp_fallback_relay'))) add(f, splitTransport(main.get('default_transport').trim()).transport, { parameter: 'smtp_fallback_relay', span: wordSpan(input.main, 'smtp_fallback_relay', f) });
  // A transport chosen per sender is not modelled: the next hops are then not all known.
  if (main.get('sender_dependent_default_transport_maps').trim()) hopsComplete = false;
  const defaultTransport = splitTransport(main.get('default_transport').trim()).transport;
  for (const parameter of ['transport_maps', 'sender_dependent_relayhost_maps'] as const) {
    for (const word of splitWords(main.get(parameter))) {
      const path = mapPath(word);
      const entries = path ? input.table(path) : undefined;
      if (!path || !entries) {
        hopsComplete = false;
        continue;
      }
      for (const e of entries) {
        if (e.template) continue;
        const span = wordSpan(input.main, parameter, word);
        const source = { parameter, span, table: { path, key: e.key, line: e.firstLine + 1 } };
        if (parameter === 'sender_dependent_relayhost_maps') add(e.value.trim(), defaultTransport, source);
        else {
          const { transport, nexthop } = splitTransport(e.value.trim());
          add(nexthop, transport || defaultTransport, source);
        }
      }
    }
  }
  return { transports, hops, hopsComplete };
}
