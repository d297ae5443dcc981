// The verdicts in words, one markdown line per kind of client: for the master.cf service hover, the
// hover on each restriction list and the findings' messages.
import { baseOf } from '../../instance/paths';
import type { Doubt } from './evaluate';
import type { ListItem } from './items';
import { classLabel, type ClassVerdict, type ServiceVerdicts, type StagedStep } from './verdicts';

/** `main.cf line 41` / `master.cf line 12`, or Postfix's default when nothing is written. */
export function placeOf(item: ListItem): string {
  if (!item.file || !item.span) return `the default of ${item.list}`;
  return `${baseOf(item.file.uri)} line ${item.file.lines.positionAt(item.span.start).line + 1}`;
}

export const stepText = (step: StagedStep) => `\`${step.item.text}\` (${placeOf(step.item)})`;

const doubtText: Record<Doubt, string> = {
  table: 'on what the table or policy server answers',
  client: "on the client's address, DNS names or HELO",
  address: 'on the sender or recipient address',
  unknown: 'on a value we cannot read here',
};

/** What happens to this kind of client, without its label: `rejected at RCPT TO by ...`. */
export function outcomeText(v: ClassVerdict): string {
  if (v.absent) return `none reach the lists (${v.absent})`;
  const by = v.decidedBy;
  switch (v.outcome) {
    case 'relayed':
      return v.permittedBy.length ? `relayed (${v.permittedBy.map(stepText).join(', ')})` : 'relayed (no restriction stops it)';
    case 'may be rejected':
      return `relayed, but may be rejected at ${by!.stage} by ${stepText(by!)}, depending ${doubtText[by!.doubt ?? 'unknown']}`;
    case 'rejected':
    case 'deferred': {
      const unless = v.unless.length ? `, unless ${v.unless.map(stepText).join(' or ')} accepts first` : '';
      return `${v.outcome} at ${by!.stage} by ${stepText(by!)}${unless}`;
    }
  }
}

/** What an empty mynetworks holds: Postfix computes it from mynetworks_style (host from compatibility level 2, subnet before). */
const styleText: Record<string, string> = {
  host: 'this host only',
  subnet: "the subnets of this host's interfaces",
  class: "the whole class A/B/C networks of this host's interfaces",
};

export function describeVerdicts(verdicts: ServiceVerdicts): string[] {
  const style = verdicts.mynetworks.style;
  const label = (v: ClassVerdict) => (v.client === 'mynetworks' && style ? `${classLabel[v.client]}** (mynetworks_style = ${style}: ${styleText[style] ?? 'as that style says'})` : `${classLabel[v.client]}**`);
  return verdicts.classes.map((v) => `- **${label(v)}: ${outcomeText(v)}`);
}
