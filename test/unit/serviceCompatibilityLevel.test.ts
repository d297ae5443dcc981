// A `-o compatibility_level=…` in master.cf sets the level-dependent defaults of that one service,
// as the daemon stores its -o values before it computes them; master's chroot column keeps main.cf's level.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseText } from '../../server/src/service/analyze';
import { isMainCfFile, type MainCfFile } from '../../server/src/service/documents';
import { isMasterCfFile, type MasterCfFile } from '../../server/src/service/master/masterCfFile';
import { smtpdServices } from '../../server/src/service/instance/services';
import { defaultSettings } from '../../server/src/service/settings';

const SMTP = 'smtp      inet  n       -       -       -       -       smtpd\n';
const SUBMISSION = (options: string) => `submission inet n       -       -       -       -       smtpd\n${options}`;
const RELAY_AT_1 = 'permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination';

function serviceValue(mainText: string, masterText: string, service: string, name: string): string {
  const main = parseText('/etc/postfix/main.cf', 'postfix-main', mainText, defaultSettings).file as MainCfFile;
  const master = parseText('/etc/postfix/master.cf', 'postfix-master', masterText, defaultSettings).file as MasterCfFile;
  assert.ok(isMainCfFile(main) && isMasterCfFile(master));
  const s = smtpdServices({ main, master }).find((x) => x.master?.name === service);
  assert.ok(s, `no service ${service}`);
  return name === 'chroot' ? String(s.chroot) : s.get(name);
}

describe('-o compatibility_level in master.cf', () => {
  const cases: Array<{ name: string; main: string; master: string; service: string; parameter: string; expected: string }> = [
    { name: 'raises one service to level 3.6: its relay restrictions default', main: 'myhostname = mx.example.com\n', master: SMTP + SUBMISSION('  -o compatibility_level=3.6\n'), service: 'submission', parameter: 'smtpd_relay_restrictions', expected: RELAY_AT_1 },
    { name: 'the other service keeps main.cf\'s level 0', main: 'myhostname = mx.example.com\n', master: SMTP + SUBMISSION('  -o compatibility_level=3.6\n'), service: 'smtp', parameter: 'smtpd_relay_restrictions', expected: '' },
    { name: 'lowers one service below main.cf\'s level', main: 'compatibility_level = 3.6\n', master: SMTP + SUBMISSION('  -o compatibility_level=0\n'), service: 'submission', parameter: 'mynetworks_style', expected: 'subnet' },
    { name: 'main.cf\'s level without an override', main: 'compatibility_level = 3.6\n', master: SMTP + SUBMISSION(''), service: 'submission', parameter: 'mynetworks_style', expected: 'host' },
    { name: 'braced form, expanded from main.cf', main: 'new_level = 3.6\n', master: SMTP + SUBMISSION('  -o { compatibility_level = $new_level }\n'), service: 'submission', parameter: 'smtpd_relay_before_recipient_restrictions', expected: 'yes' },
    { name: 'a parameter set in main.cf is not a default: the level does not touch it', main: 'mynetworks_style = class\n', master: SMTP + SUBMISSION('  -o compatibility_level=3.6\n'), service: 'submission', parameter: 'mynetworks_style', expected: 'class' },
    { name: 'the level itself, as the service reads it', main: 'compatibility_level = 2\n', master: SMTP + SUBMISSION('  -o compatibility_level=3.6\n'), service: 'submission', parameter: 'compatibility_level', expected: '3.6' },
    { name: 'master decides the chroot column with main.cf\'s level', main: 'myhostname = mx.example.com\n', master: SMTP + SUBMISSION('  -o compatibility_level=3.6\n'), service: 'submission', parameter: 'chroot', expected: 'true' },
  ];
  for (const c of cases) test(c.name, () => assert.equal(serviceValue(c.main, c.master, c.service, c.parameter), c.expected));
});
