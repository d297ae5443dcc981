// saslauthd's socket seen from smtpd: inside the chroot when smtpd is chrooted, and where the
// Cyrus file's saslauthd_path (resolved inside that chroot) expects it.
import { cyrusValue } from '../cyrus/parse';
import type { ParsedFile } from '../documents';
import type { Finding } from '../findings';
import { saslauthdSettings } from '../saslauthd/parse';
import type { SaslauthdFile } from '../saslauthd/saslauthdFile';
import { cyrusFileFor, saslType, usesSaslauthd } from './backend';
import { relatedIn, smtpdServices, type InstanceView } from './services';

const normal = (p: string) => p.replace(/\/+$/, '').replace(/\/+/g, '/').replace(/^\/var\/run\//, '/run/');

export function saslauthdSocketFindings(file: SaslauthdFile, view: InstanceView, instance: readonly ParsedFile[]): Finding[] {
  const settings = saslauthdSettings(file.saslauthd);
  const socketDir = settings.socketDir;
  if (/[$`{]/.test(socketDir.path)) return [];
  const anchor = socketDir.span ?? (file.saslauthd.byName.get('OPTIONS') ?? file.saslauthd.byName.get('FLAGS') ?? file.saslauthd.assignments)[0]?.nameSpan ?? { start: 0, end: 0 };
  const queue = normal(view.main ? smtpdServices({ main: view.main })[0].get('queue_directory').trim() || '/var/spool/postfix' : '/var/spool/postfix');
  const socket = normal(socketDir.path) + '/mux';
  const services = smtpdServices(view).filter((s) => s.yes('smtpd_sasl_auth_enable') && saslType(s) === 'cyrus');
  for (const s of services) {
    const cyrus = cyrusFileFor(instance, s);
    if (cyrus && !usesSaslauthd(cyrus)) continue;
    if (s.chroot && view.master && s.master && !socket.startsWith(queue + '/')) {
      return [{
        code: 'saslauthd-socket-outside-chroot',
        span: anchor,
        message: `smtpd (${s.label}) runs chrooted in ${queue}, but saslauthd creates its socket at ${socket}, outside the chroot: smtpd cannot reach it and every login fails with "cannot connect to saslauthd". Put the socket under the queue directory (-m ${queue}/var/run/saslauthd) or run smtpd without chroot.`,
        related: [relatedIn(view.master, s.master.columns[4]?.span ?? s.master.nameSpan, 'smtpd runs chrooted here.')],
      }];
    }
    const pathEntry = cyrus && cyrusValue(cyrus.cyrus, 'saslauthd_path');
    if (!cyrus || !pathEntry || pathEntry.template || s.chroot === undefined && view.master) continue;
    const expected = normal(s.chroot ? queue + '/' + pathEntry.value : pathEntry.value);
    if (expected !== socket) {
      return [{
        code: 'saslauthd-socket-mismatch',
        span: anchor,
        message: `saslauthd creates its socket at ${socket}, but smtpd looks for ${expected} (saslauthd_path in ${cyrus.uri.slice(cyrus.uri.lastIndexOf('/') + 1)}${s.chroot ? ', inside the chroot' : ''}). Logins fail until the two agree.`,
        related: [relatedIn(cyrus, pathEntry.valueSpan, 'smtpd looks for the socket here.')],
      }];
    }
  }
  return [];
}
