// The master.cf services that run Postfix's smtp client (command smtp or lmtp): relay, smtp and any
// custom one, each with its effective settings (main.cf plus its `-o` overrides). Without a master.cf,
// or with one that shows no smtp client at all (a part of one), the stock smtp and relay stand in.
import type { MasterService } from '../master/parseMasterCf';
import { serviceSettings, type InstanceView, type SmtpdService } from '../instance/services';

export interface ClientTransport {
  /** The service name, the word written before ":" in transport_maps and default_transport. */
  name: string;
  /** lmtp reads lmtp_* parameters where smtp reads smtp_*. */
  protocol: 'smtp' | 'lmtp';
  service?: MasterService;
  settings: SmtpdService;
  /** For messages: `transport "relay"`. */
  label: string;
}

const commandName = (s: MasterService) => (s.command ? s.command.text.slice(s.command.text.lastIndexOf('/') + 1) : '');

const stock = (view: InstanceView): ClientTransport[] => ['smtp', 'relay'].map((name) => ({ name, protocol: 'smtp' as const, settings: serviceSettings(view), label: `transport "${name}"` }));

export function clientTransports(view: InstanceView): ClientTransport[] {
  if (!view.master) return stock(view);
  const out: ClientTransport[] = [];
  for (const s of view.master.master.services) {
    const command = commandName(s);
    if ((command !== 'smtp' && command !== 'lmtp') || s.type !== 'unix' || s.columns[0]?.template || s.command?.template) continue;
    out.push({ name: s.name, protocol: command, service: s, settings: serviceSettings(view, s), label: `transport "${s.name}"` });
  }
  return out.length ? out : stock(view);
}

/** The parameter this transport reads for an smtp_* name (lmtp_* for lmtp). */
export function paramOf(t: ClientTransport, smtpName: string): string {
  return t.protocol === 'lmtp' ? smtpName.replace(/^smtp_/, 'lmtp_') : smtpName;
}

export const get = (t: ClientTransport, smtpName: string) => t.settings.get(paramOf(t, smtpName));
export const yes = (t: ClientTransport, smtpName: string) => t.settings.yes(paramOf(t, smtpName));
export const words = (t: ClientTransport, smtpName: string) => t.settings.words(paramOf(t, smtpName));
export const origin = (t: ClientTransport, smtpName: string) => t.settings.origin(paramOf(t, smtpName));
