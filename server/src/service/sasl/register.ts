// The SASL rules that see across files: each file gets the findings that land on it.
import { registerCrossFileRule } from '../diagnose';
import { isMainCfFile } from '../documents';
import type { Finding } from '../findings';
import { isSaslPasswdFile } from '../saslPasswd/saslPasswdFile';
import { isSaslauthdFile } from '../saslauthd/saslauthdFile';
import { saslauthdSocketFindings } from './backendRules';
import { clientFindings } from './clientRules';
import { mergeCandidates } from './collect';
import { consistencyCandidates } from './consistencyRules';
import { passwdFileFindings } from './passwdFileRules';
import { passwdKeyFindings } from './passwdRules';
import { serverCandidates } from './serverRules';
import { instanceView, smtpdServices } from './services';

registerCrossFileRule((file, instance) => {
  const view = instanceView(instance);
  const findings: Finding[] = [];
  // master.cf alone says too little: certificates, backends and defaults live in main.cf.
  if (file.languageId === 'postfix-main' || (file.languageId === 'postfix-master' && view.main)) {
    const services = smtpdServices(view);
    findings.push(...mergeCandidates(file, [...serverCandidates(services, instance), ...consistencyCandidates(services, instance)]));
  }
  if (isMainCfFile(file)) findings.push(...clientFindings(file));
  if (isSaslauthdFile(file)) findings.push(...saslauthdSocketFindings(file, view, instance));
  if (isSaslPasswdFile(file) && view.main) findings.push(...passwdKeyFindings(file, view.main), ...passwdFileFindings(file, view.main));
  return findings;
});
