// Cross-file rules judge every smtpd service; several services often share the line to change
// (a main.cf setting they all inherit). This merges such findings into one that names them all.
import type { ParsedFile } from '../documents';
import type { FindingFix, RelatedPlace } from '../findings';
import type { PlacedFinding } from './placed';
import type { RuleCode, Severity } from '../rules';
import type { Span } from '../text';

export interface Candidate {
  code: RuleCode;
  file: ParsedFile;
  span: Span;
  /** Builds the message from the labels of the services concerned. */
  message: (labels: string[]) => string;
  label: string;
  severity?: Severity;
  related?: RelatedPlace[];
  fix?: FindingFix;
}

/** One finding per (file, code, place); a place is "information" only if all its services are. */
export function mergeCandidates(candidates: readonly Candidate[]): PlacedFinding[] {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = `${c.file.uri}|${c.code}@${c.span.start}:${c.span.end}`;
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  const out: PlacedFinding[] = [];
  for (const list of groups.values()) {
    const first = list[0];
    const lowered = list.every((c) => c.severity);
    // When only some services are lowered, the message names the ones that carry the default severity.
    const labels = [...new Set(list.filter((c) => lowered || !c.severity).map((c) => c.label))];
    const related = dedupe(list.flatMap((c) => c.related ?? []));
    out.push({
      file: first.file,
      code: first.code,
      span: first.span,
      message: first.message(labels),
      ...(lowered ? { severity: first.severity } : {}),
      ...(related.length ? { related } : {}),
      ...(first.fix ? { fix: first.fix } : {}),
    });
  }
  return out;
}

function dedupe(places: RelatedPlace[]): RelatedPlace[] {
  const seen = new Set<string>();
  return places.filter((p) => {
    const key = `${p.uri}|${p.span.start}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function listLabels(labels: string[]): string {
  return labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}
