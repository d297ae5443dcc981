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
 * The one redactor of an auth test: the password, the token, every value derived from them (base64 forms,
 * a CRAM-MD5 digest, a SCRAM proof) and their base64 forms, replaced in every output field.
 *
 * Redaction must not point at the secret. With the password "Postfix", `ESMTP <redacted>` in the banner
 * would tell the reader what it is. So text seen before the first AUTH command (banner, EHLO, the
 * certificate, the user's own input) is "natural": a secret that occurs there was not echoed (the server
 * had not been sent it) and is left alone everywhere, as it is already in the output by itself. Only
 * what appears after the secret could have been sent, and nowhere in the natural text, is replaced.
 */
export class Redactor {
  private needles: string[] = [];
  private readonly naturalText: string[] = [];
  private readonly natural = new Set<string>();
  private open = true;

  constructor(secrets: Array<string | undefined>) {
    for (const s of secrets) this.add(s);
  }

  /** A secret (or a value derived from one) and its base64 forms. */
  add(secret: string | undefined): void {
    if (!secret) return;
    const fresh = [secret, ...base64Forms(secret)].filter((n) => !this.needles.includes(n));
    if (!fresh.length) return;
    for (const n of fresh) if (this.naturalText.some((t) => t.includes(n))) this.natural.add(n);
    // Longest first, so a longer form is not half-replaced by a shorter one.
    this.needles = [...this.needles, ...fresh].sort((a, b) => b.length - a.length);
  }

  /** Text that exists without any secret having been sent; ignored once the first AUTH has gone out. */
  observeNatural(text: string): void {
    if (!this.open || !text) return;
    this.naturalText.push(text);
    for (const n of this.needles) if (text.includes(n)) this.natural.add(n);
  }

  /** Called as the first AUTH command leaves: from here on, whatever holds a secret may be an echo. */
  closeNatural(): void {
    this.open = false;
  }

  clean(text: string): string {
    let out = text;
    for (const n of this.needles) if (!this.natural.has(n) && out.includes(n)) out = out.split(n).join(REDACTED);
    return out;
  }
}

/** A copy of a plain JSON-like value with every string passed through `f`. */
export function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)])) as T;
  return value;
}
