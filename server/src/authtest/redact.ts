/** What the transcript, reports and errors show instead of a secret. */
export const REDACTED = '<redacted>';

/**
 * The base64 fragments that appear in any base64 text whose decoded bytes contain `secret`, one per
 * alignment (the secret starting at byte 0, 1 or 2 of a 3-byte group). Only the characters whose six bits
 * all come from the secret are kept, so the fragment is the same whatever surrounds the secret.
 */
export function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set<string>();
  for (let k = 0; k < 3; k++) {
    const encoded = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    const firstBit = 8 * k;
    const endBit = 8 * (k + bytes.length);
    let out = '';
    for (let i = 0; i < encoded.length; i++) {
      if (6 * i >= firstBit && 6 * i + 6 <= endBit) out += encoded[i];
    }
    // Very short fragments would blot out innocent text; a password that short is its own problem.
    if (out.length >= 4) forms.add(out);
  }
  return [...forms];
}

/**
 * Replaces secrets and their base64 forms. The mechanisms already hand the transcript redacted display
 * text; this is the safety net for whatever else might echo a secret (a server repeating our line,
 * an error message).
 */
export class Redactor {
  private readonly needles: string[];
  constructor(secrets: Array<string | undefined>) {
    const all = new Set<string>();
    for (const s of secrets) {
      if (!s) continue;
      all.add(s);
      for (const f of base64Forms(s)) all.add(f);
    }
    // Longest first, so a longer form is not half-replaced by a shorter one.
    this.needles = [...all].sort((a, b) => b.length - a.length);
  }
  clean(text: string): string {
    let out = text;
    for (const n of this.needles) if (out.includes(n)) out = out.split(n).join(REDACTED);
    return out;
  }
}
