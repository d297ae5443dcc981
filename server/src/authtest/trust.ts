import { X509Certificate } from 'node:crypto';
import { SmtpTestError } from './errors';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * A SHA-256 fingerprint as Node prints it (`AB:CD:…`, 32 upper-case pairs), from hex with or without
 * colons or spaces; undefined when it is not 64 hex digits.
 */
export function normalizeFingerprint(text: string): string | undefined {
  const hex = text.trim().replace(/^sha-?256[:=\s]*/i, '').replace(/[:\s]/g, '');
  if (!/^[0-9A-Fa-f]{64}$/.test(hex)) return undefined;
  return hex.toUpperCase().match(/../g)!.join(':');
}

/**
 * Checks extra trust anchors before they are used: Node silently ignores text that is not a certificate,
 * which would turn "trust this CA" into "trust nothing extra" without a word.
 */
export function checkCaCertificates(ca: Array<string | Buffer>): void {
  for (const [i, item] of ca.entries()) {
    const blocks = item.toString('latin1').match(PEM_BLOCK) ?? [];
    const which = ca.length > 1 ? `CA file ${i + 1}` : 'the CA file';
    if (!blocks.length) throw new SmtpTestError('input', `${which} holds no PEM certificate (a "-----BEGIN CERTIFICATE-----" block)`);
    for (const block of blocks) {
      try {
        new X509Certificate(block);
      } catch {
        throw new SmtpTestError('input', `${which} holds a certificate block that does not parse`);
      }
    }
  }
}
