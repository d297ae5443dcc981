// saslauthd's socket seen from smtpd: inside the chroot when smtpd is chrooted, and where the
// Cyrus file's saslauthd_path (resolved inside that chroot) expects it.
import { cyrusValue } from '../cyrus/parse';
import type { Instance } from '../instance/instance';
import { baseOf, normalPath } from '../instance/paths';
import type { PlacedFinding } from './placed';
import { saslauthdSettings } from '../saslauthd/parse';
import { saslType, usesSaslauthd } from '../instance/backend';
import { relatedIn } from '../instance/services';

export function saslauthdSocketFindings(instance: Instance): PlacedFinding[] {
  const file = instance.saslauthd;
  if (!file) return [];
  const settings = saslauthdSettings(file.saslauthd);
  const socketDir = settings.socketDir;
  if (/[$`{]/.test(socketDir.path)) return [];
  const anchor = socketDir.span ?? (file.saslauthd.byName.get('OPTIONS') ?? file.saslauthd.byName.get('FLAGS') ?? file.saslauthd.assignments)[0]?.nameSpan ?? { start: 0, end: 0 };
  const queue = instance.queueDirectory;
  const socket = normalPath(socketDir.path) + '/mux';
  const master = instance.master;
  const services = instance.services.filter((s) => s.yes('smtpd_sasl_auth_enable') && saslType(s) === 'cyrus');
  for (const s of services) {
    const cyrus = instance.cyrusFor(s);
    if (cyrus && !usesSaslauthd(cyrus)) continue;
    if (s.chroot && master && s.master && !socket.startsWith(queue + '/')) {
      return [{
        file,
        code: 'saslauthd-socket-outside-chroot',
        span: anchor,
        message: `smtpd (${s.label}) runs chrooted in ${queue}, but saslauthd creates its socket at ${socket}, outside the chroot: smtpd cannot reach it and every login fails with "cannot connect to saslauthd". Put the socket under the queue directory (-m ${queue}/var/run/saslauthd) or run smtpd without chroot.`,
        related: [relatedIn(master, s.master.columns[4]?.span ?? s.master.nameSpan, 'smtpd runs chrooted here.')],
      }];
    }
    const pathEntry = cyrus && cyrusValue(cyrus.cyrus, 'saslauthd_path');
    if (!cyrus || !pathEntry || pathEntry.template || s.chroot === undefined && master) continue;
    const expected = normalPath(s.chroot ? queue + '/' + pathEntry.value : pathEntry.value);
    if (expected !== socket) {
      return [{
        file,
        code: 'saslauthd-socket-mismatch',
        span: anchor,
        message: `saslauthd creates its socket at ${socket}, but smtpd looks for ${expected} (saslauthd_path in ${baseOf(cyrus.uri)}${s.chroot ? ', inside the chroot' : ''}). Logins fail until the two agree.`,
        related: [relatedIn(cyrus, pathEntry.valueSpan, 'smtpd looks for the socket here.')],
      }];
    }
  }
  return [];
}
