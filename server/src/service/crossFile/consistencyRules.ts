// Settings that only make sense together: sender login maps and the restrictions that use them,
// the SASL realm and the back end's idea of a user name, and broken_sasl_auth_clients.
import { saslauthdSettings } from '../saslauthd/parse';
import { lookupSaslauthdMechanism } from '../data/saslauthdOptions';
import type { Instance } from '../instance/instance';
import { cyrusValue } from '../cyrus/parse';
import { saslType, usesSaslauthd } from '../instance/backend';
import { listLabels, type Candidate } from './collect';
import { relatedIn, splitWords, type SmtpdService } from '../instance/services';

const RESTRICTION_LISTS = ['smtpd_client_restrictions', 'smtpd_helo_restrictions', 'smtpd_sender_restrictions', 'smtpd_relay_restrictions', 'smtpd_recipient_restrictions', 'smtpd_data_restrictions', 'smtpd_end_of_data_restrictions', 'smtpd_etrn_restrictions'];
const MISMATCH = /^reject_(authenticated_|known_|unauthenticated_)?sender_login_mismatch$/;

/** Every restriction word a service can reach, restriction classes included. */
function restrictionWords(s: SmtpdService): string[] {
  const words = RESTRICTION_LISTS.flatMap((n) => s.words(n));
  for (const cls of s.words('smtpd_restriction_classes')) words.push(...s.words(cls));
  return words;
}

const originKey = (s: SmtpdService, name: string) => {
  const o = s.origin(name);
  return o.file && o.nameSpan ? `${o.file.uri}#${o.nameSpan.start}` : undefined;
};

export function consistencyCandidates(services: readonly SmtpdService[], instance: Instance): Candidate[] {
  const out: Candidate[] = [];
  // Maps without a restriction: a main.cf line is useless only if no service that inherits it uses it.
  const byMapsLine = new Map<string, SmtpdService[]>();
  for (const s of services) {
    const key = originKey(s, 'smtpd_sender_login_maps');
    if (!key || !s.get('smtpd_sender_login_maps').trim()) continue;
    byMapsLine.set(key, [...(byMapsLine.get(key) ?? []), s]);
  }
  for (const group of byMapsLine.values()) {
    if (group.some((s) => restrictionWords(s).some((w) => MISMATCH.test(w)))) continue;
    const origin = group[0].origin('smtpd_sender_login_maps');
    if (origin.template) continue;
    for (const s of group) {
      out.push({
        code: 'sasl-sender-login-maps-unused',
        file: origin.file!,
        span: origin.nameSpan!,
        label: s.label,
        message: (labels) => `smtpd_sender_login_maps is set, but no restriction of ${listLabels(labels)} uses it: authenticated users can still send as anyone. Add reject_sender_login_mismatch (or reject_authenticated_sender_login_mismatch) to smtpd_sender_restrictions.`,
      });
    }
  }
  for (const s of services) {
    if (s.get('smtpd_sender_login_maps').trim()) continue;
    for (const name of [...RESTRICTION_LISTS, ...s.words('smtpd_restriction_classes')]) {
      const origin = s.origin(name);
      if (!origin.file || !origin.value || origin.template) continue;
      for (const item of origin.value.items.filter((i) => MISMATCH.test(i.text))) {
        // smtpd_check.c: a logged-in sender passes only when the table names its login as an owner; the
        // known_ and unauthenticated_ checks let an address without owner pass; without AUTH all are ignored.
        const refusesAll = s.yes('smtpd_sasl_auth_enable') && /^reject_(authenticated_)?sender_login_mismatch$/.test(item.text);
        out.push({
          code: 'sasl-login-mismatch-without-maps',
          file: origin.file,
          span: item.span,
          label: s.label,
          ...(refusesAll ? {} : { severity: 'warning' as const }),
          message: (labels) =>
            refusesAll
              ? `${item.text} accepts a logged-in user only for sender addresses that smtpd_sender_login_maps says the user owns, and ${listLabels(labels)} ${labels.length === 1 ? 'has' : 'have'} no such table: every authenticated sender is refused with 553 "not owned by user". Set smtpd_sender_login_maps.`
              : `${item.text} compares the sender with the owners listed in smtpd_sender_login_maps, but ${listLabels(labels)} ${labels.length === 1 ? 'has' : 'have'} none: the check does nothing. Set smtpd_sender_login_maps.`,
        });
      }
    }
    const broken = s.origin('broken_sasl_auth_clients');
    if (s.yes('broken_sasl_auth_clients') && broken.file && broken.nameSpan && !broken.template) {
      out.push({
        code: 'sasl-broken-clients',
        file: broken.file,
        span: broken.nameSpan,
        label: s.label,
        message: () => 'broken_sasl_auth_clients = yes adds an "AUTH=" line to EHLO for Outlook Express 4 and Outlook 97-era clients that ignore the standard one. Current clients do not need it; you can remove it.',
        ...(broken.lines ? { fix: { kind: 'delete-lines' as const, firstLine: broken.lines.first, lastLine: broken.lines.last, title: 'Remove broken_sasl_auth_clients' } } : {}),
      });
    }
  }
  out.push(...realm(services, instance));
  return out;
}

function realm(services: readonly SmtpdService[], instance: Instance): Candidate[] {
  const out: Candidate[] = [];
  const saslauthd = instance.saslauthd;
  for (const s of services) {
    if (!s.yes('smtpd_sasl_auth_enable') || saslType(s) !== 'cyrus') continue;
    const domain = s.get('smtpd_sasl_local_domain').trim();
    const origin = s.origin('smtpd_sasl_local_domain');
    if (!domain || !origin.file || !origin.nameSpan || origin.template) continue;
    const cyrus = instance.cyrusFor(s);
    if (saslauthd && (!cyrus || usesSaslauthd(cyrus))) {
      const settings = saslauthdSettings(saslauthd.saslauthd);
      const mech = settings.mechanism && lookupSaslauthdMechanism(settings.mechanism.text.trim());
      if (settings.realmFlag && mech?.systemAccounts) {
        out.push({
          code: 'sasl-realm-breaks-saslauthd',
          file: origin.file,
          span: origin.nameSpan,
          label: s.label,
          message: () => `smtpd_sasl_local_domain gives every login the realm "${domain}", and saslauthd runs with -r, so ${mech.name} is asked about "user@${domain}", an account it does not know: every login fails. Remove smtpd_sasl_local_domain, or drop -r.`,
          related: [relatedIn(saslauthd, settings.realmFlag.span, '-r joins user and realm.')],
        });
      }
    }
    if (cyrus && !usesSaslauthd(cyrus)) {
      const plugin = cyrusValue(cyrus.cyrus, 'auxprop_plugin')?.value.toLowerCase();
      const method = cyrusValue(cyrus.cyrus, 'pwcheck_method')?.value.toLowerCase() ?? '';
      const hostname = s.get('myhostname').trim();
      if (method.includes('auxprop') && (!plugin || splitWords(plugin).includes('sasldb')) && hostname && domain !== hostname) {
        out.push({
          code: 'sasl-realm-sasldb',
          file: origin.file,
          span: origin.nameSpan,
          label: s.label,
          message: () => `Logins without a realm get "${domain}". sasldb finds only users created in that realm (saslpasswd2 -u ${domain}); users created with the default realm (${hostname}) cannot log in.`,
        });
      }
    }
  }
  return out;
}
