// master.cf as one of our parsed file types.
import type { ParsedFile } from '../documents';
import { parseMasterCf, type MasterCfDocument } from './parseMasterCf';

export interface MasterCfFile extends ParsedFile {
  languageId: 'postfix-master';
  master: MasterCfDocument;
}

export function isMasterCfFile(file: ParsedFile): file is MasterCfFile {
  return file.languageId === 'postfix-master';
}

export function parseMasterCfFile(uri: string, text: string): MasterCfFile {
  const master = parseMasterCf(text);
  return { uri, languageId: 'postfix-master', text, lines: master.lines, comments: master.comments, master };
}

/** What master.cf tells the rest of the instance: service names and the $names its -o values use. */
export function masterFacts(file: MasterCfFile): { services: string[]; references: string[] } {
  const services: string[] = [];
  const references: string[] = [];
  for (const service of file.master.services) {
    // Postfix derives SERVICE_* parameter names from the service column; for inet services only
    // the bare port or service name can mean anything there.
    if (service.name && !service.columns[0]?.template) services.push(service.bareName);
    for (const override of service.overrides) for (const ref of override.value.references) references.push(ref.name);
  }
  return { services, references };
}
