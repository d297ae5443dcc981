// Names newer than the Postfix the files are for (postfixSasl.postfixVersion): that Postfix does not
// know them, logs "unused parameter" and runs as if the line were not there. Versions compare as
// compatibility levels do (3.10 > 3.9).
import { lookupParameter } from '../data/catalogue';
import type { Finding } from '../findings';
import type { MainCfDocument } from '../parser/mainCf';
import { compareLevels } from './expand';

export function checkTargetVersion(doc: MainCfDocument, target: string): Finding[] {
  const findings: Finding[] = [];
  for (const a of doc.assignments) {
    const since = lookupParameter(a.name)?.since;
    if (!since || compareLevels(since, target) <= 0) continue;
    findings.push({
      code: 'parameter-newer-than-target',
      span: a.nameSpan,
      message: `"${a.name}" came in Postfix ${since}; Postfix ${target}, the version these files are for, does not know it and ignores this line.`,
    });
  }
  return findings;
}
