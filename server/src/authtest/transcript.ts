import { Redactor } from './redact';
import { forTerminal } from './terminalText';

/** `->` sent in clear, `<-` received in clear, `~>`/`<~` the same under TLS, `===` our own notes. */
export type Direction = '->' | '<-' | '~>' | '<~' | '===';

export interface TranscriptEntry {
  /** Milliseconds since the test began. */
  at: number;
  dir: Direction;
  text: string;
  /** For a reply: milliseconds from the command (or connect) to the end of the reply. */
  ms?: number;
}

/** Collects a swaks-like transcript. Every text passes through the redactor before it is stored. */
export class Transcript {
  readonly entries: TranscriptEntry[] = [];
  private readonly t0 = Date.now();
  constructor(
    readonly redactor: Redactor,
    private readonly onEntry?: (e: TranscriptEntry) => void,
  ) {}

  add(dir: Direction, text: string, ms?: number): void {
    // Until the first AUTH, everything here (the server's and our own words) is natural text.
    this.redactor.observeNatural(text);
    const e: TranscriptEntry = { at: Date.now() - this.t0, dir, text: this.redactor.clean(text) };
    if (ms !== undefined) e.ms = ms;
    this.entries.push(e);
    this.onEntry?.(e);
  }

  note(text: string): void {
    this.add('===', text);
  }

  /** Entries of another transcript (already redacted, with the same redactor) after this one's. */
  append(entries: readonly TranscriptEntry[]): void {
    for (const e of entries) {
      this.entries.push(e);
      this.onEntry?.(e);
    }
  }
}

/** One entry, a line per reply line, each with its control characters made visible. */
export function formatEntry(e: TranscriptEntry): string {
  const timing = e.ms !== undefined ? `  (${e.ms} ms)` : '';
  const lines = e.text.split('\n');
  return lines.map((l, i) => `${e.dir} ${forTerminal(l)}${i === lines.length - 1 ? timing : ''}`).join('\n');
}

export function formatTranscript(entries: readonly TranscriptEntry[]): string {
  return entries.map(formatEntry).join('\n');
}
