// Rules as questions to the restriction model (smtpd/restrictions): does smtpd start with these
// lists, who relays, are logged-in users refused before permit_sasl_authenticated is reached, is the
// sender-ownership check skipped, does mynetworks hold the whole Internet. One finding per line to
// change, naming every service that shares it.
import type { Instance } from '../instance/instance';
import type { SmtpdService } from '../instance/services';
import { behaviourOf } from '../smtpd/restrictions/behaviour';
import { placeOf, stepText } from '../smtpd/restrictions/describe';
import { listItems, type ListItem } from '../smtpd/restrictions/items';
import { passesStartupCheck, RELAY_CONTROL_LISTS } from '../smtpd/restrictions/startupCheck';
import { restrictionVerdicts, type ClassVerdict, type ServiceVerdicts, type StagedStep } from '../smtpd/restrictions/verdicts';
import { listLabels, mergeCandidates, type Candidate } from './collect';
import type { PlacedFinding } from './placed';

const LOGIN_MISMATCH = /^reject_(authenticated_|known_)?sender_login_mismatch$/i;

export function restrictionFindings(instance: Instance): PlacedFinding[] {
  const candidates: Candidate[] = [];
  for (const service of instance.services) {
    const starts = passesStartupCheck(instance, service);
    const unsafe = starts === false ? startupCandidate(service) : undefined;
    if (unsafe) {
      candidates.push(unsafe);
      continue; // smtpd dies: nothing else it would do matters
    }
    // Without main.cf the defaults that depend on compatibility_level are unknown.
    if (starts === undefined || !instance.main) continue;
    const verdicts = restrictionVerdicts(instance, service);
    candidates.push(...openRelay(verdicts), ...usersRefused(instance, verdicts), ...ownershipSkipped(instance, verdicts));
  }
  return mergeCandidates(candidates);
}

const at = (item: ListItem | undefined) => (item?.file && item.span ? { file: item.file, span: item.span } : undefined);
const verdictOf = (v: ServiceVerdicts, client: ClassVerdict['client']) => v.classes.find((c) => c.client === client)!;

/** On the service's own -o override when it has one, else on main.cf's line. Defaults alone are not judged: a
 * main.cf without compatibility_level nor relay lists dies too (level 0), but is far more often a fragment. */
function startupCandidate(service: SmtpdService): Candidate | undefined {
  const origins = RELAY_CONTROL_LISTS.map((name) => service.origin(name));
  const written = origins.find((o) => o.file && o.file === service.masterFile) ?? origins.find((o) => o.file);
  if (!written?.file || !written.nameSpan) return undefined;
  return {
    code: 'relay-restrictions-unsafe',
    file: written.file,
    span: written.nameSpan,
    label: service.label,
    message: (labels) =>
      `${listLabels(labels)}: neither smtpd_relay_restrictions nor smtpd_recipient_restrictions names reject_unauth_destination, defer_unauth_destination, reject or defer before a "permit", so smtpd stops at start ("fatal: ... specify at least one working instance of"). Lookup tables and warn_if_reject do not count. Add reject_unauth_destination after your permit_ entries.`,
  };
}

function openRelay(v: ServiceVerdicts): Candidate[] {
  const internet = verdictOf(v, 'internet');
  if (internet.absent || internet.outcome !== 'relayed') return [];
  const viaMynetworks = internet.permittedBy.find((p) => p.item.text.toLowerCase() === 'permit_mynetworks');
  if (v.mynetworks.world && viaMynetworks) {
    const origin = v.service.origin('mynetworks');
    const word = origin.value?.items.find((i) => i.text === v.mynetworks.world);
    if (!origin.file || origin.template) return [];
    return [{
      code: 'mynetworks-covers-world',
      file: origin.file,
      span: word?.span ?? origin.nameSpan!,
      label: v.service.label,
      message: (labels) => `mynetworks holds ${v.mynetworks.world}, every address: permit_mynetworks (${placeOf(viaMynetworks.item)}) lets any client on the Internet relay mail through ${listLabels(labels)}. List only your own networks.`,
    }];
  }
  const permit = internet.permittedBy.find((p) => at(p.item));
  const place = at(permit?.item);
  if (!permit || !place) return [];
  return [{ code: 'open-relay', ...place, label: v.service.label, message: (labels) => `${stepText(permit)} accepts every client before relaying is checked: anyone on the Internet can send mail anywhere through ${listLabels(labels)}. Put reject_unauth_destination before it.` }];
}

/** Every word the service's lists and classes hold. */
function allItems(instance: Instance, service: SmtpdService, v: ServiceVerdicts): ListItem[] {
  const main = instance.main?.main;
  const names = [...v.lists, ...service.words('smtpd_restriction_classes')];
  return names.flatMap((name) => listItems(service, main, name));
}

function usersRefused(instance: Instance, v: ServiceVerdicts): Candidate[] {
  const user = verdictOf(v, 'authenticated');
  const by = user.decidedBy;
  // A service open to mynetworks only (a re-injection port) refuses everyone else on purpose.
  if (user.absent || !by || v.service.internalOnly) return [];
  const items = allItems(instance, v.service, v);
  const sasl = items.find((i) => i.text.toLowerCase() === 'permit_sasl_authenticated');
  const place = at(by.item);
  if (!sasl || !place || LOGIN_MISMATCH.test(by.item.text) || !knownRestriction(v.service, by.item)) return [];
  if (user.outcome === 'rejected' || user.outcome === 'deferred') {
    const refusal = /unauth_destination$/.test(by.item.text) ? ' ("Relay access denied")' : '';
    // A service that turns AUTH on for itself is there for its users: refusing them all is an error there.
    const ownAuth = v.service.masterFile !== undefined && v.service.origin('smtpd_sasl_auth_enable').file === v.service.masterFile;
    return [{
      code: 'sasl-users-rejected',
      ...place,
      label: v.service.label,
      ...(ownAuth ? {} : { severity: 'warning' as const }),
      message: (labels) => `On ${listLabels(labels)}, authenticated users are ${user.outcome} at ${by.stage} by ${stepText(by)}${refusal} before permit_sasl_authenticated lets them through: the users SASL is for cannot send mail to other domains. Move permit_sasl_authenticated before it.`,
    }];
  }
  // A check of the client's DNS or HELO placed before permit_sasl_authenticated in the same list.
  if (user.outcome === 'may be rejected' && by.doubt === 'client' && saslAfter(items, by)) {
    return [{
      code: 'sasl-users-may-be-rejected',
      ...place,
      label: v.service.label,
      message: (labels) => `On ${listLabels(labels)}, ${stepText(by)} runs before permit_sasl_authenticated: authenticated users whose address, DNS name or HELO it dislikes (home and mobile networks often are) are refused. Move permit_sasl_authenticated before it.`,
    }];
  }
  return [];
}

/** A word smtpd knows (unknown words have a rule of their own). */
function knownRestriction(service: SmtpdService, item: ListItem): boolean {
  return behaviourOf(item.text) !== undefined || item.text.includes(':') || service.words('smtpd_restriction_classes').includes(item.text);
}

/** Written earlier in the same file (a permit and a check of one list share it). */
const writtenBefore = (a: ListItem, b: ListItem) => a.file === b.file && a.span !== undefined && b.span !== undefined && a.span.start < b.span.start;

/** A permit_sasl_authenticated written after `step` in the same list. */
const saslAfter = (items: readonly ListItem[], step: StagedStep) => items.some((i) => i.text.toLowerCase() === 'permit_sasl_authenticated' && i.list === step.item.list && writtenBefore(step.item, i));

function ownershipSkipped(instance: Instance, v: ServiceVerdicts): Candidate[] {
  const foreign = verdictOf(v, 'foreign-sender');
  if (foreign.absent) return [];
  const items = allItems(instance, v.service, v);
  const out: Candidate[] = [];
  for (const check of items.filter((i) => LOGIN_MISMATCH.test(i.text))) {
    const permit = foreign.permits.find((p) => p.item.list === check.list && writtenBefore(p.item, check));
    const place = at(check);
    if (!permit || !place) continue;
    out.push({
      code: 'sasl-login-check-skipped',
      ...place,
      label: v.service.label,
      message: (labels) => `${check.text} comes after ${stepText(permit)} in ${check.list}: on ${listLabels(labels)} a logged-in user is accepted before the check runs, so may send as any address. Put ${check.text} first.`,
    });
  }
  return out;
}
