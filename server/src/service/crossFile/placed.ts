// A finding of a cross-file rule, with the file it lands on.
import type { ParsedFile } from '../documents';
import type { Finding } from '../findings';

export interface PlacedFinding extends Finding {
  file: ParsedFile;
}

export const placeOn = (file: ParsedFile, findings: readonly Finding[]): PlacedFinding[] => findings.map((f) => ({ ...f, file }));
