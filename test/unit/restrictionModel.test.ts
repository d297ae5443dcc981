// The restriction model: what each smtpd service's lists do to each kind of client relaying a mail,
// on in-memory instances. Each case gives main.cf (and master.cf) and the expected verdict per class,
// written `outcome by word@line` (the deciding word and its line in the file it is written in).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseText } from '../../server/src/service/analyze';
import { restrictions } from '../../server/src/service/data/catalogue';
import { checkInstance } from '../../server/src/service/instance/check';
import { buildInstance, type Instance } from '../../server/src/service/instance/instance';
import { locateLayouts } from '../../server/src/service/instance/locate';
import { memoryReader } from '../../server/src/service/instance/reader';
import { defaultSettings } from '../../server/src/service/settings';
import { withCursor } from '../helpers/cursor';
import { behaviourOf } from '../../server/src/service/smtpd/restrictions/behaviour';
import { describeVerdicts } from '../../server/src/service/smtpd/restrictions/describe';
import { restrictionHover } from '../../server/src/service/smtpd/restrictions/hover';
import { restrictionVerdicts, type ClassVerdict } from '../../server/src/service/smtpd/restrictions/verdicts';

export function instanceOf(main: string, master?: string): Instance {
  const tree = { '/etc/postfix/main.cf': main, ...(master === undefined ? {} : { '/etc/postfix/master.cf': master }) };
  const [layout] = locateLayouts(['/etc/postfix'], { reader: memoryReader(tree), parse: (path, languageId, text) => parseText(path, languageId, text, defaultSettings) });
  return buildInstance(layout);
}

const short = (v: ClassVerdict) => {
  if (v.absent) return 'absent';
  const by = v.decidedBy;
  if (!by) return v.outcome;
  const line = by.item.file && by.item.span ? `@${by.item.file.lines.positionAt(by.item.span.start).line + 1}` : '@default';
  return `${v.outcome} by ${by.item.text}${line}${by.stage === 'RCPT TO' ? '' : ` at ${by.stage}`}`;
};

function verdictsOf(main: string, master?: string, service = 0): string[] {
  const instance = instanceOf(main, master);
  return restrictionVerdicts(instance, instance.services[service]).classes.map(short);
}

const AUTH = 'compatibility_level = 3.6\nsmtpd_sasl_auth_enable = yes\n';

// [name, main.cf, master.cf, [internet, mynetworks, authenticated, foreign sender]]
const cases: Array<[string, string, string | undefined, string[]]> = [
  ['Postfix 3.6 defaults: only mynetworks relays, AUTH off', 'compatibility_level = 3.6\n', undefined, ['deferred by defer_unauth_destination@default', 'relayed', 'absent', 'absent']],
  ['the usual relay list with AUTH', AUTH + 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\n', undefined, ['rejected by reject_unauth_destination@3', 'relayed', 'relayed', 'relayed']],
  ['a reject before permit_sasl_authenticated refuses logged-in users', AUTH + 'smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination, permit_sasl_authenticated\n', undefined, ['rejected by reject_unauth_destination@3', 'relayed', 'rejected by reject_unauth_destination@3', 'rejected by reject_unauth_destination@3']],
  ['both lists must pass: the recipient list rejects what the relay list accepted', AUTH + 'smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination\nsmtpd_recipient_restrictions = permit_mynetworks, reject\n', undefined, ['rejected by reject_unauth_destination@3', 'rejected by reject_unauth_destination@3', 'rejected by reject@4', 'rejected by reject@4']],
  ['sender ownership checked after permit_sasl_authenticated', AUTH + 'smtpd_sender_login_maps = hash:/etc/postfix/senders\nsmtpd_sender_restrictions = reject_sender_login_mismatch\n', undefined, ['deferred by defer_unauth_destination@default', 'relayed', 'relayed', 'rejected by reject_sender_login_mismatch@4']],
  ['reject_sender_login_mismatch without maps rejects every logged-in sender', AUTH + 'smtpd_sender_restrictions = reject_sender_login_mismatch\n', undefined, ['deferred by defer_unauth_destination@default', 'relayed', 'rejected by reject_sender_login_mismatch@3', 'rejected by reject_sender_login_mismatch@3']],
  ['reject_known_sender_login_mismatch without maps passes everyone', AUTH + 'smtpd_sender_restrictions = reject_known_sender_login_mismatch\n', undefined, ['deferred by defer_unauth_destination@default', 'relayed', 'relayed', 'relayed']],
  ['mynetworks covering the world makes everyone a trusted client', AUTH + 'mynetworks = 127.0.0.0/8, 0.0.0.0/0\n', undefined, ['relayed', 'relayed', 'relayed', 'relayed']],
  ['a DNS list before permit_sasl_authenticated may refuse users on dynamic addresses', AUTH + 'smtpd_recipient_restrictions = reject_rbl_client zen.spamhaus.org, permit_sasl_authenticated, reject_unauth_destination\n', undefined, ['deferred by defer_unauth_destination@default', 'rejected by reject_unauth_destination@3', 'may be rejected by reject_rbl_client@3', 'may be rejected by reject_rbl_client@3']],
  ['address checks do not make a verdict uncertain', AUTH + 'smtpd_recipient_restrictions = reject_non_fqdn_recipient, reject_unknown_recipient_domain, permit_sasl_authenticated, reject_unauth_destination\n', undefined, ['deferred by defer_unauth_destination@default', 'rejected by reject_unauth_destination@3', 'relayed', 'relayed']],
  ['a table first: the later reject still decides unless the table accepts', AUTH + 'smtpd_relay_restrictions = check_client_access hash:/etc/postfix/access, reject_unauth_destination\n', undefined, ['rejected by reject_unauth_destination@3', 'rejected by reject_unauth_destination@3', 'rejected by reject_unauth_destination@3', 'rejected by reject_unauth_destination@3']],
  ['restriction classes are expanded', AUTH + 'smtpd_restriction_classes = users\nusers = permit_sasl_authenticated, reject\nsmtpd_relay_restrictions = permit_mynetworks, users\n', undefined, ['rejected by reject@4', 'relayed', 'relayed', 'relayed']],
  ['warn_if_reject only logs', AUTH + 'smtpd_relay_restrictions = warn_if_reject reject_unauth_destination, permit_mynetworks, reject\n', undefined, ['rejected by reject@3', 'relayed', 'rejected by reject@3', 'rejected by reject@3']],
  ['an unknown restriction answers 451 to every client', AUTH + 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenicated, reject_unauth_destination\n', undefined, ['deferred by permit_sasl_authenicated@3', 'relayed', 'deferred by permit_sasl_authenicated@3', 'deferred by permit_sasl_authenicated@3']],
  ['smtpd_delay_reject = no: client restrictions run at CONNECT, before AUTH', AUTH + 'smtpd_delay_reject = no\nsmtpd_client_restrictions = permit_mynetworks, permit_sasl_authenticated, reject\n', undefined, ['rejected by reject@4 at CONNECT', 'relayed', 'rejected by reject@4 at CONNECT', 'rejected by reject@4 at CONNECT']],
  ['smtpd_sasl_exceptions_networks covering everyone: no AUTH', AUTH + 'smtpd_sasl_exceptions_networks = 0.0.0.0/0, [::]/0\n', undefined, ['deferred by defer_unauth_destination@default', 'relayed', 'absent', 'absent']],
  [
    'submission service: -o overrides of master.cf decide',
    'compatibility_level = 3.6\n',
    'smtp inet n - y - - smtpd\nsubmission inet n - y - - smtpd\n  -o smtpd_sasl_auth_enable=yes\n  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject\n',
    ['rejected by reject@4', 'rejected by reject@4', 'relayed', 'relayed'],
  ],
];

describe('restriction verdicts per client class', () => {
  for (const [name, main, master, expected] of cases) test(name, () => assert.deepEqual(verdictsOf(main, master, master ? 1 : 0), expected));

  test('a $reference in a list is expanded and keeps the place of the word that names it', () => {
    const verdicts = verdictsOf(AUTH + 'relay_list = permit_mynetworks, reject\nsmtpd_relay_restrictions = $relay_list\n');
    assert.deepEqual(verdicts, ['rejected by reject@4', 'relayed', 'rejected by reject@4', 'rejected by reject@4']);
  });

  test('an empty mynetworks is described by the style of the compatibility level', () => {
    const style = (main: string) => describeVerdicts(restrictionVerdicts(instanceOf(main), instanceOf(main).services[0]))[1].replace(/:.*$/, '');
    assert.equal(style('compatibility_level = 3.6\n'), '- **clients in mynetworks** (mynetworks_style = host');
    assert.equal(style('compatibility_level = 1\n'), '- **clients in mynetworks** (mynetworks_style = subnet');
    assert.equal(style('mynetworks = 10.0.0.0/8\n'), '- **clients in mynetworks**');
  });

  test('described per class, naming the deciding line', () => {
    const instance = instanceOf(AUTH + 'smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination, permit_sasl_authenticated\n');
    assert.deepEqual(describeVerdicts(restrictionVerdicts(instance, instance.services[0])), [
      '- **internet clients**: rejected at RCPT TO by `reject_unauth_destination` (main.cf line 3)',
      '- **clients in mynetworks** (mynetworks_style = host: this host only): relayed (`permit_mynetworks` (main.cf line 3))',
      '- **authenticated users**: rejected at RCPT TO by `reject_unauth_destination` (main.cf line 3)',
      '- **authenticated users sending as an address they do not own**: rejected at RCPT TO by `reject_unauth_destination` (main.cf line 3)',
    ]);
  });
});

const OURS = new Set(['relay-restrictions-unsafe', 'open-relay', 'mynetworks-covers-world', 'sasl-users-rejected', 'sasl-users-may-be-rejected', 'sasl-login-check-skipped', 'sasl-login-mismatch-without-maps']);
const restrictionCodes = (main: string, master?: string) =>
  checkInstance(instanceOf(main, master), defaultSettings).flatMap((r) => r.findings.filter((f) => OURS.has(f.code)).map((f) => `${r.path.split('/').pop()}:${r.file.lines.positionAt(f.span.start).line + 1}:${f.code}`));

const CAREFUL_MAIN = [
  'compatibility_level = 3.6',
  'smtpd_sasl_type = dovecot',
  'smtpd_sasl_path = private/auth',
  'smtpd_tls_chain_files = /etc/ssl/private/mail.pem',
  'smtpd_tls_security_level = may',
  'smtpd_sender_login_maps = hash:/etc/postfix/senders',
  'smtpd_restriction_classes = freemail',
  'freemail = check_sender_access hash:/etc/postfix/freemail, reject_unknown_sender_domain',
  'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination',
  'smtpd_recipient_restrictions = reject_non_fqdn_recipient, permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination, reject_rbl_client zen.spamhaus.org, freemail',
  '',
].join('\n');
const CAREFUL_MASTER = [
  'smtp inet n - y - 1 postscreen',
  'smtpd pass - - y - - smtpd',
  'submission inet n - y - - smtpd',
  '  -o smtpd_sasl_auth_enable=yes',
  '  -o smtpd_tls_security_level=encrypt',
  '  -o smtpd_client_restrictions=permit_sasl_authenticated,reject',
  '  -o smtpd_sender_restrictions=reject_sender_login_mismatch,permit_sasl_authenticated,reject',
  '  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject',
  '127.0.0.1:10025 inet n - n - - smtpd',
  '  -o smtpd_client_restrictions=permit_mynetworks,reject',
  '  -o mynetworks=127.0.0.0/8',
  '  -o smtpd_recipient_restrictions=permit_mynetworks,reject',
  '',
].join('\n');

describe('careful set-ups stay silent, their near misses do not', () => {
  const cases: Array<[string, string, string, string[]]> = [
    ['postscreen in front of smtpd, submission with Dovecot, a restriction class, a re-injection port', CAREFUL_MAIN, CAREFUL_MASTER, []],
    ['the submission port with its lists in the wrong order', CAREFUL_MAIN, CAREFUL_MASTER.replace('permit_sasl_authenticated,reject\n  -o smtpd_sender', 'reject_unknown_client_hostname,permit_sasl_authenticated,reject\n  -o smtpd_sender').replace('reject_sender_login_mismatch,permit_sasl_authenticated', 'permit_sasl_authenticated,reject_sender_login_mismatch'), ['master.cf:6:sasl-users-may-be-rejected', 'master.cf:7:sasl-login-check-skipped']],
    // The MX port checks DNS lists in its own client list; only a permit_sasl_authenticated after it in the same list shows a mistake.
    ['AUTH on port 25 too, with a DNS list in the client restrictions', CAREFUL_MAIN + 'smtpd_sasl_auth_enable = yes\nsmtpd_client_restrictions = reject_rbl_client zen.spamhaus.org\n', CAREFUL_MASTER, []],
    ['mynetworks holding the world', CAREFUL_MAIN + 'mynetworks = 0.0.0.0/0\n', CAREFUL_MASTER, ['main.cf:11:mynetworks-covers-world']],
  ];
  for (const [name, main, master, expected] of cases) test(name, () => assert.deepEqual(restrictionCodes(main, master), expected));
});

describe('hover on a restriction list', () => {
  const hoverAt = (marked: { main: string; master?: string }, where: 'main' | 'master') => {
    const { text, offset } = withCursor(marked[where]!);
    const instance = instanceOf(where === 'main' ? text : marked.main, where === 'master' ? text : marked.master);
    const file = where === 'main' ? instance.main! : instance.master!;
    return restrictionHover(instance, file, offset);
  };

  test('a main.cf line answers for every service that inherits it, naming the deciding line', () => {
    const hover = hoverAt({ main: AUTH + 'smtpd_relay_restrictions = permit_mynetworks, reject_unauth|_destination, permit_sasl_authenticated\n' }, 'main');
    assert.equal(
      hover,
      [
        '**smtpd**, relaying a mail to another domain:',
        '',
        '- **internet clients**: rejected at RCPT TO by `reject_unauth_destination` (main.cf line 3)',
        '- **clients in mynetworks** (mynetworks_style = host: this host only): relayed (`permit_mynetworks` (main.cf line 3))',
        '- **authenticated users**: rejected at RCPT TO by `reject_unauth_destination` (main.cf line 3)',
        '- **authenticated users sending as an address they do not own**: rejected at RCPT TO by `reject_unauth_destination` (main.cf line 3)',
      ].join('\n'),
    );
  });

  test('a master.cf -o answers for its own service only', () => {
    const master = 'smtp inet n - y - - smtpd\nsubmission inet n - y - - smtpd\n  -o smtpd_sasl_auth_enable=yes\n  -o smtpd_relay_restrictions=permit_sasl_authenticated,re|ject\n';
    const hover = hoverAt({ main: 'compatibility_level = 3.6\n', master }, 'master') ?? '';
    assert.match(hover, /^\*\*service "submission"\*\*/);
    assert.match(hover, /\*\*authenticated users\*\*: relayed \(`permit_sasl_authenticated` \(master\.cf line 4\)\)/);
    assert.match(hover, /\*\*internet clients\*\*: rejected at RCPT TO by `reject` \(master\.cf line 4\)/);
  });

  test('a list that makes smtpd stop says so', () => {
    assert.match(hoverAt({ main: 'smtpd_relay_restrictions = permit_my|networks\n' }, 'main') ?? '', /smtpd stops at start/);
  });

  test('nothing on other parameters, nor on a main.cf line every service overrides', () => {
    assert.equal(hoverAt({ main: 'myhost|name = mail.example.com\n' }, 'main'), undefined);
    const master = 'submission inet n - y - - smtpd\n  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject\n';
    assert.equal(hoverAt({ main: 'smtpd_relay_restrictions = permit_my|networks, reject\n', master }, 'main'), undefined);
  });
});

describe('every restriction Postfix knows has a behaviour', () => {
  test('the catalogue and the behaviour table agree', () => {
    assert.deepEqual(restrictions.map((r) => r.name).filter((n) => !behaviourOf(n)), []);
  });
});
