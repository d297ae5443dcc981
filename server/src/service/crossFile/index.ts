// Every rule that sees across the files of an instance, in one list. Each is (instance) => findings,
// each finding carrying the file it lands on; one run serves every member.
import type { ParsedFile } from '../documents';
import type { Finding } from '../findings';
import type { Instance } from '../instance/instance';
import { isSaslPasswdFile } from '../saslPasswd/saslPasswdFile';
import { clientFindings } from './clientRules';
import { mergeCandidates } from './collect';
import { oauthFindings } from './oauthRules';
import { consistencyCandidates } from './consistencyRules';
import { dovecotCrossFindings } from './dovecotRules';
import { passwdFileFindings } from './passwdFileRules';
import { passwdKeyFindings } from './passwdRules';
import { placeOn, type PlacedFinding } from './placed';
import { restrictionFindings } from './restrictionRules';
import { saslauthdSocketFindings } from './saslauthdSocket';
import { serverCandidates } from './serverRules';
import { clientModelOf } from '../smtpClient/ofInstance';

export type CrossFileRule = (instance: Instance) => PlacedFinding[];

/** smtpd's SASL settings per service; master.cf alone says too little (certificates, back ends live in main.cf). */
const smtpdSasl: CrossFileRule = (instance) => (instance.main ? mergeCandidates([...serverCandidates(instance.services, instance), ...consistencyCandidates(instance.services, instance)]) : []);

const smtpClient: CrossFileRule = (instance) => (instance.main ? clientFindings(clientModelOf(instance), instance.main) : []);

/** The sasl_passwd maps main.cf names: their keys against relayhost, their mode and postmap freshness. */
const passwordMaps: CrossFileRule = (instance) => {
  const main = instance.main;
  if (!main) return [];
  const out: PlacedFinding[] = [];
  for (const file of instance.files.filter(isSaslPasswdFile)) {
    const member = instance.memberOf(file);
    out.push(...placeOn(file, [...passwdKeyFindings(file, clientModelOf(instance), main), ...(member ? passwdFileFindings(file, member) : [])]));
  }
  return out;
};

export const crossFileRules: readonly CrossFileRule[] = [smtpdSasl, smtpClient, saslauthdSocketFindings, passwordMaps, oauthFindings, dovecotCrossFindings, restrictionFindings];

/** One run of every rule, grouped by the file each finding lands on. */
export function crossFileFindings(instance: Instance): Map<ParsedFile, Finding[]> {
  const byFile = new Map<ParsedFile, Finding[]>();
  for (const rule of crossFileRules) {
    for (const { file, ...finding } of rule(instance)) {
      const list = byFile.get(file);
      if (list) list.push(finding);
      else byFile.set(file, [finding]);
    }
  }
  return byFile;
}
