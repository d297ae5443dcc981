// master.cf services that replace the relay lists get the same relay safety check as main.cf.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, parseForContext } from '../../server/src/service/analyze';
import { defaultSettings } from '../../server/src/service/settings';

function masterCodes(master: string, main?: string): string[] {
  const context = main === undefined ? [] : [parseForContext('file:///p/main.cf', 'postfix-main', main, defaultSettings)];
  const { findings } = analyze('file:///p/master.cf', 'postfix-master', master, defaultSettings, context);
  return findings.filter((f) => f.code === 'open-relay' || f.code === 'relay-restrictions-unsafe').map((f) => f.code);
}

const smtpd = 'submission inet n - n - - smtpd';

describe('relay safety per master.cf service', () => {
  const cases: Array<[string, string, string | undefined, string[]]> = [
    ['a relay list without a relay check', `${smtpd} -o smtpd_relay_restrictions=permit_mynetworks`, '', ['relay-restrictions-unsafe']],
    // smtpd's start-up check stops at the permit: the reject_unauth_destination after it does not count.
    ['a bare permit first', `${smtpd} -o smtpd_relay_restrictions=permit,reject_unauth_destination`, '', ['relay-restrictions-unsafe']],
    ['a lookup table does not count as a relay check', `${smtpd} -o smtpd_relay_restrictions=permit_sasl_authenticated,check_recipient_access,hash:/etc/postfix/ok`, '', ['relay-restrictions-unsafe']],
    ['a permit hidden in a restriction class passes the start-up check and relays for everyone', `${smtpd} -o smtpd_relay_restrictions=everyone,reject_unauth_destination`, 'smtpd_restriction_classes = everyone\neveryone = permit\n', []],
    ['the usual submission list', `${smtpd} -o smtpd_relay_restrictions=permit_sasl_authenticated,reject`, '', []],
    ['main.cf recipient list still blocks', `${smtpd} -o smtpd_relay_restrictions=permit_mynetworks`, 'smtpd_recipient_restrictions = reject_unauth_destination\n', []],
    ['a reference expanded through main.cf', `${smtpd} -o smtpd_relay_restrictions=$mua_relay`, 'mua_relay = permit_mynetworks\n', ['relay-restrictions-unsafe']],
    ['a reference without main.cf is not judged', `${smtpd} -o smtpd_relay_restrictions=$mua_relay`, undefined, []],
    ['no override, no finding here', smtpd, 'smtpd_relay_restrictions = permit_mynetworks\n', []],
  ];
  for (const [name, master, main, expected] of cases) it(name, () => assert.deepEqual(masterCodes(master + '\n', main), expected));
});
