import net from 'node:net';
import tls from 'node:tls';

export interface CertificateInfo {
  subject: string;
  subjectAltNames: string[];
  issuer: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
  selfSigned: boolean;
  expired: boolean;
  notYetValid: boolean;
}

export type Verification = 'on' | 'off' | 'pinned';

export interface TlsInfo {
  protocol: string | null;
  cipher: string | null;
  certificate?: CertificateInfo;
  /** Whether the chain verifies against the trusted roots (plus any extra CA). */
  chainVerified: boolean;
  /** OpenSSL's reason when it does not, e.g. DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED. */
  chainError?: string;
  /** Whether the certificate names the host we connected to. */
  nameMatches: boolean;
  nameError?: string;
  /**
   * 'on': chain and name must verify. 'off': the user turned verification off (the CLI's --insecure) and the
   * test goes on whatever the certificate says. 'pinned': the user trusts exactly one certificate, by its
   * SHA-256 fingerprint, and this is it.
   */
  verification: Verification;
  /** Set by the legacy probe: the old protocol (TLSv1, TLSv1.1) the server agreed to, or null when it refused both. */
  legacyProtocolAccepted?: string | null;
}

function dn(fields: object | undefined): string {
  if (!fields) return '';
  return Object.entries(fields)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join(', ');
}

/** Reads what the handshake established. Verification is done here, not by Node, so details survive a failure. */
export function describeTls(socket: tls.TLSSocket, host: string, verification: Verification, now = Date.now()): TlsInfo {
  const info: TlsInfo = {
    protocol: socket.getProtocol(),
    cipher: socket.getCipher()?.name ?? null,
    chainVerified: socket.authorized,
    nameMatches: false,
    verification,
  };
  // The chain only: Node's name check is turned off (tlsOptions), the name is checked below on its own.
  if (!socket.authorized) info.chainError = String(socket.authorizationError ?? 'unknown reason');
  const cert = socket.getPeerCertificate(true);
  if (cert && Object.keys(cert).length) {
    const from = Date.parse(cert.valid_from);
    const to = Date.parse(cert.valid_to);
    info.certificate = {
      subject: dn(cert.subject),
      subjectAltNames: (cert.subjectaltname ?? '').split(/,\s*/).filter(Boolean),
      issuer: dn(cert.issuer),
      validFrom: new Date(from).toISOString(),
      validTo: new Date(to).toISOString(),
      fingerprint256: cert.fingerprint256,
      selfSigned: cert.issuerCertificate === cert || (dn(cert.subject) === dn(cert.issuer) && !cert.issuerCertificate?.fingerprint256) || cert.issuerCertificate?.fingerprint256 === cert.fingerprint256,
      expired: now > to,
      notYetValid: now < from,
    };
    const err = tls.checkServerIdentity(net.isIP(host) ? host : host.toLowerCase(), cert);
    info.nameMatches = !err;
    if (err) info.nameError = err.message;
  }
  return info;
}

/** Why the certificate is not acceptable with verification on, or undefined when it is. */
export function verificationFailure(info: TlsInfo): string | undefined {
  if (!info.certificate) return 'the server sent no certificate';
  if (!info.chainVerified) return `the certificate is not trusted (${info.chainError})`;
  if (!info.nameMatches) return `the certificate is for another name: ${info.nameError}`;
  return undefined;
}
