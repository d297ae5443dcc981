// What the restriction lists of one smtpd service do to each kind of client that relays a mail to a
// foreign domain, in smtpd's order: client, HELO and sender lists (at CONNECT, HELO and MAIL FROM
// with smtpd_delay_reject = no, else all at RCPT TO), then smtpd_relay_restrictions and
// smtpd_recipient_restrictions, both of which must pass. Rules and hover ask this model.
import type { Instance } from '../../instance/instance';
import { splitWords, tlsOnlyAuth, type SmtpdService } from '../../instance/services';
import { evaluateList, type ClientFacts, type Step, type Tri } from './evaluate';
import { listItems, type ListItem } from './items';
import { mynetworksOf, networkList, type NetworkList } from './networks';

export type ClientClass = 'internet' | 'mynetworks' | 'authenticated' | 'foreign-sender';
export type Stage = 'CONNECT' | 'HELO' | 'MAIL FROM' | 'RCPT TO';
export type Outcome = 'relayed' | 'rejected' | 'deferred' | 'may be rejected';

export const CLIENT_CLASSES: readonly ClientClass[] = ['internet', 'mynetworks', 'authenticated', 'foreign-sender'];

export const classLabel: Record<ClientClass, string> = {
  internet: 'internet clients',
  mynetworks: 'clients in mynetworks',
  authenticated: 'authenticated users',
  'foreign-sender': 'authenticated users sending as an address they do not own',
};

export interface StagedStep extends Step {
  stage: Stage;
}

export interface ClassVerdict {
  client: ClientClass;
  /** Why no client of this kind reaches the lists of this service (then nothing else is set). */
  absent?: string;
  outcome: Outcome;
  /** The reject or defer that decides, or for "may be rejected" the first step that may. */
  decidedBy?: StagedStep;
  /** Steps before the decision that may reject or defer some clients of this kind. */
  mayReject: StagedStep[];
  /** Steps in the deciding list, before the decision, that may accept the mail first. */
  unless: StagedStep[];
  /** The permit of each relay-control list that let it through. */
  permittedBy: StagedStep[];
  /** The permit that ended each list, in order (client, HELO and sender lists too). */
  permits: StagedStep[];
}

export interface ServiceVerdicts {
  service: SmtpdService;
  /** The lists in the order smtpd runs them for a RCPT TO. */
  lists: readonly string[];
  mynetworks: NetworkList;
  classes: ClassVerdict[];
}

const RELAY_CONTROL = ['smtpd_relay_restrictions', 'smtpd_recipient_restrictions'];

/** The lists in smtpd's order, each with the protocol stage at which it runs. */
export function listOrder(service: SmtpdService): Array<{ list: string; stage: Stage }> {
  const delayed = service.get('smtpd_delay_reject').trim().toLowerCase() !== 'no';
  const at = (stage: Stage): Stage => (delayed ? 'RCPT TO' : stage);
  const control = service.yes('smtpd_relay_before_recipient_restrictions') ? RELAY_CONTROL : [...RELAY_CONTROL].reverse();
  return [
    { list: 'smtpd_client_restrictions', stage: at('CONNECT') },
    { list: 'smtpd_helo_restrictions', stage: at('HELO') },
    { list: 'smtpd_sender_restrictions', stage: at('MAIL FROM') },
    ...control.map((list) => ({ list, stage: 'RCPT TO' as Stage })),
  ];
}

function absence(client: ClientClass, service: SmtpdService): string | undefined {
  if (client === 'internet' && service.master && (service.master.listensOnLoopbackOnly || service.master.type === 'unix')) return 'the service is reached only from this host';
  if (client !== 'authenticated' && client !== 'foreign-sender') return undefined;
  if (!service.yes('smtpd_sasl_auth_enable')) return 'AUTH is off: smtpd_sasl_auth_enable is not yes';
  const exceptions = networkList(splitWords(service.get('smtpd_sasl_exceptions_networks')));
  if (exceptions.world) return `smtpd_sasl_exceptions_networks holds ${exceptions.world}: AUTH is announced to no client`;
  return undefined;
}

export function restrictionVerdicts(instance: Instance, service: SmtpdService): ServiceVerdicts {
  const main = instance.main?.main;
  const classes = new Set(splitWords(service.get('smtpd_restriction_classes')).map((c) => c.toLowerCase()));
  const cache = new Map<string, ListItem[]>();
  const itemsOf = (name: string) => {
    let items = cache.get(name);
    if (!items) cache.set(name, (items = listItems(service, main, name)));
    return items;
  };
  const classItems = (name: string) => (classes.has(name.toLowerCase()) ? itemsOf(name) : undefined);
  const order = listOrder(service);
  const mynetworks = mynetworksOf(service);
  const settings: ServiceFacts = {
    saslEnabled: service.yes('smtpd_sasl_auth_enable'),
    loginMaps: service.get('smtpd_sender_login_maps').trim() !== '',
    tlsBeforeAuth: tlsOnlyAuth(service),
  };
  const verdicts = CLIENT_CLASSES.map((client): ClassVerdict => {
    const absent = absence(client, service);
    if (absent) return { client, absent, outcome: 'relayed', mayReject: [], unless: [], permittedBy: [], permits: [] };
    return judgeClass(client, settings, order, mynetworks, (facts) => (items) => evaluateList(items, { facts, classItems }), itemsOf);
  });
  return { service, lists: order.map((o) => o.list), mynetworks, classes: verdicts };
}

/** What a client's facts take from the service alone, the same at every stage and for every client. */
type ServiceFacts = Pick<ClientFacts, 'saslEnabled' | 'loginMaps' | 'tlsBeforeAuth'>;

type Evaluator = (facts: ClientFacts) => (items: readonly ListItem[]) => ReturnType<typeof evaluateList>;

function judgeClass(client: ClientClass, settings: ServiceFacts, order: ReturnType<typeof listOrder>, mynetworks: NetworkList, evaluator: Evaluator, itemsOf: (name: string) => ListItem[]): ClassVerdict {
  const loggedIn = client === 'authenticated' || client === 'foreign-sender';
  const inMynetworks: Tri = client === 'mynetworks' || mynetworks.world ? 'yes' : 'no';
  const verdict: ClassVerdict = { client, outcome: 'relayed', mayReject: [], unless: [], permittedBy: [], permits: [] };
  let deferIfPermit: StagedStep | undefined;
  for (const { list, stage } of order) {
    const afterMail = stage === 'MAIL FROM' || stage === 'RCPT TO';
    const facts: ClientFacts = {
      ...settings,
      inMynetworks,
      authenticated: loggedIn && afterMail,
      ownsSender: client !== 'foreign-sender',
      hasRecipient: stage === 'RCPT TO',
      hasSender: afterMail,
    };
    const result = evaluator(facts)(itemsOf(list));
    const staged = (s: Step): StagedStep => ({ ...s, stage });
    if (result.deferIfPermit && !deferIfPermit) deferIfPermit = { action: 'defer', item: result.deferIfPermit, stage };
    const decided = result.decided;
    if (decided && decided.action !== 'permit') {
      verdict.outcome = decided.action === 'reject' ? 'rejected' : 'deferred';
      verdict.decidedBy = staged(decided);
      verdict.unless = result.mays.filter((m) => m.action === 'permit').map(staged);
      verdict.mayReject.push(...result.mays.filter((m) => m.action !== 'permit').map(staged));
      return verdict;
    }
    verdict.mayReject.push(...result.mays.filter((m) => m.action !== 'permit').map(staged));
    if (decided) verdict.permits.push(staged(decided));
    if (decided && RELAY_CONTROL.includes(list)) verdict.permittedBy.push(staged(decided));
  }
  // smtpd turns the acceptance into a deferral when a defer_if_permit was reached on the way.
  if (deferIfPermit) {
    verdict.outcome = 'deferred';
    verdict.decidedBy = deferIfPermit;
  } else {
    // Checks of the mail's own addresses pass for a well-formed foreign recipient and an existing sender domain.
    const doubt = verdict.mayReject.find((m) => m.doubt !== 'address');
    if (doubt) {
      verdict.outcome = 'may be rejected';
      verdict.decidedBy = doubt;
    }
  }
  return verdict;
}
