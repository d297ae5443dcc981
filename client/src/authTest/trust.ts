import * as vscode from 'vscode';
import { AuthTestResult } from '../../../server/src/authtest';
import { PinScope, pinKey } from './options';
import { forNotification } from './plainText';
import { pick } from './prompts';
import { TRUST_BUTTON, TRUST_NEW_BUTTON } from './remedies';

/** A certificate the user chose to trust: its fingerprint is public, so it lives in globalState, not in the secrets. */
export interface Pin {
  fingerprint: string;
  subject: string;
  pinnedAt: string;
}

const PINS_KEY = 'postfixSasl.authTest.pinnedCertificates';

export class PinStore {
  constructor(private readonly state: vscode.Memento) {}

  get(scope: PinScope): Pin | undefined {
    return this.all()[pinKey(scope)];
  }

  async set(scope: PinScope, pin: Pin): Promise<void> {
    await this.state.update(PINS_KEY, { ...this.all(), [pinKey(scope)]: pin });
  }

  private all(): Record<string, Pin> {
    return this.state.get<Record<string, Pin>>(PINS_KEY) ?? {};
  }
}

/** Which certificates a test trusts besides the system's CAs. */
export interface Trust {
  caFile?: string;
  pin?: string;
}

/** The certificate step of the interactive test; undefined when the user cancels. */
export async function askTrust(pinned: Pin | undefined, lastCaFile: string | undefined): Promise<Trust | undefined> {
  type Item = vscode.QuickPickItem & { trust?: Trust };
  const items: Item[] = [];
  if (pinned) items.push({ label: 'The certificate you trusted for this server', description: `SHA-256 ${pinned.fingerprint.slice(0, 23)}…`, detail: `${pinned.subject}, trusted ${pinned.pinnedAt.slice(0, 10)}`, trust: { pin: pinned.fingerprint } });
  items.push({ label: "The system's trusted CAs", description: 'a certificate from a public CA', trust: {} });
  if (lastCaFile) items.push({ label: 'Also the CA file used last time', description: lastCaFile, trust: { caFile: lastCaFile } });
  items.push({ label: 'Also a CA file…', description: 'a private CA, or the server\'s own self-signed certificate (PEM)' });
  const item = await pick('SMTP AUTH test: which certificate to trust', items, items[0]);
  if (!item) return undefined;
  if (item.trust) return item.trust;
  const files = await vscode.window.showOpenDialog({ title: 'CA certificate (PEM) to trust for this test', canSelectFiles: true, canSelectMany: false, filters: { 'PEM certificates': ['pem', 'crt', 'cer'], 'All files': ['*'] } });
  return files?.[0] ? { caFile: files[0].fsPath } : undefined;
}

/**
 * After a test that stopped at the certificate: shows its fingerprint and subject and, with the user's
 * consent, pins it for `scope`. True when it was pinned. The message holds no server text but through
 * forNotification.
 */
export async function offerTrust(result: AuthTestResult, pins: PinStore, scope: PinScope): Promise<boolean> {
  const cert = result.tls?.certificate;
  const kind = result.error?.certificate;
  if (!cert || !kind) return false;
  const where = forNotification(`${result.host} port ${result.port}`);
  const changed = kind === 'changed';
  const button = changed ? TRUST_NEW_BUTTON : TRUST_BUTTON;
  const first = await vscode.window.showWarningMessage(
    changed ? `The certificate of ${where} is not the one you trusted, so no password was sent.` : `The certificate of ${where} is not trusted, so no password was sent.`,
    button,
  );
  if (first !== button) return false;
  const forWhat = scope.profile === undefined ? `for ${where}` : 'for this profile';
  const detail = [
    'SHA-256 fingerprint:',
    cert.fingerprint256,
    '',
    `Subject: ${forNotification(cert.subject)}`,
    `Issuer: ${forNotification(cert.issuer)}`,
    `Valid until: ${cert.validTo}`,
    '',
    "Trust it only if this is the fingerprint of the server's certificate (on the server: openssl x509 -noout -fingerprint -sha256 -in CERTFILE).",
    `From then on the test accepts exactly this certificate ${forWhat}, and stops without sending the password if the server shows another.`,
  ].join('\n');
  const consent = await vscode.window.showWarningMessage(`Trust this certificate ${forWhat}?`, { modal: true, detail }, 'Trust and Test Again');
  if (!consent) return false;
  await pins.set(scope, { fingerprint: cert.fingerprint256, subject: forNotification(cert.subject), pinnedAt: new Date().toISOString() });
  return true;
}
