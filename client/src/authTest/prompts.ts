import * as vscode from 'vscode';
import { DEFAULT_PORTS, TlsMode, parseHostPort } from '../../../server/src/authtest';
import { TLS_MODES, secretKey } from './options';

/** What the last interactive test used (kept in globalState; never the password). */
export interface LastUsed {
  host?: string;
  port?: number;
  tls?: TlsMode;
  user?: string;
  recentHosts?: string[];
  /** The CA file the last test trusted: a path, never its content. */
  caFile?: string;
}

export const LAST_USED_KEY = 'postfixSasl.authTest.lastUsed';

interface HostItem extends vscode.QuickPickItem {
  host: string;
  port?: number;
}

/** Servers named in main.cf: the active editor's if it is one, else the first open main.cf. */
async function mainCfSuggestions(): Promise<HostItem[]> {
  const active = vscode.window.activeTextEditor?.document;
  const doc = active?.languageId === 'postfix-main' ? active : vscode.workspace.textDocuments.find((d) => d.languageId === 'postfix-main');
  if (!doc) return [];
  // Loaded on first use: the main.cf parser and the parameter catalogue would add ms to every activation.
  const { serversFromMainCf } = await import('./mainCfServers.js');
  return serversFromMainCf(doc.getText()).map((s) => ({
    label: s.host,
    description: `${s.from} in ${vscode.workspace.asRelativePath(doc.uri)}${s.port ? `, port ${s.port}` : ''}`,
    host: s.host,
    port: s.port,
  }));
}

export function pick<T extends vscode.QuickPickItem>(title: string, items: T[], active?: T, typed?: (value: string) => T | undefined): Promise<T | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<T>();
    qp.title = title;
    qp.ignoreFocusOut = true;
    qp.items = items;
    if (active) qp.activeItems = [active];
    if (typed) {
      qp.placeholder = 'Type a host name, address or host:port, or pick one';
      // The typed text becomes the first item, so any host can be entered.
      qp.onDidChangeValue((value) => {
        const item = value.trim() ? typed(value.trim()) : undefined;
        qp.items = item ? [item, ...items.filter((i) => i.label !== item.label)] : items;
        if (item) qp.activeItems = [qp.items[0]];
      });
    }
    let done = false;
    qp.onDidAccept(() => {
      done = true;
      resolve(qp.activeItems[0]);
      qp.hide();
    });
    qp.onDidHide(() => {
      if (!done) resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

function typedHost(value: string): HostItem | undefined {
  try {
    const hp = parseHostPort(value);
    return { label: hp.host, description: hp.port ? `port ${hp.port}` : 'typed', host: hp.host, port: hp.port };
  } catch {
    return undefined;
  }
}

const tlsDescriptions: Record<TlsMode, string> = {
  starttls: 'STARTTLS required (submission, port 587)',
  'starttls-optional': 'STARTTLS if offered, else carry on in clear',
  implicit: 'TLS from the first byte (submissions, port 465)',
  none: 'no TLS at all (only for a local test)',
};

export interface Target {
  host: string;
  port: number;
  tls: TlsMode;
  user: string;
}

/** Asks host, port, TLS mode and user in turn; undefined when the user cancels. */
export async function askTarget(last: LastUsed): Promise<Target | undefined> {
  const recent: HostItem[] = (last.recentHosts ?? (last.host ? [last.host] : [])).map((h) => ({ label: h, description: 'used before', host: h }));
  const hostItems = [...recent, ...(await mainCfSuggestions()).filter((s) => !recent.some((r) => r.host === s.host))];
  const hostItem = await pick('SMTP AUTH test: server (1/4)', hostItems, hostItems[0], typedHost);
  if (!hostItem) return undefined;
  const sameHost = hostItem.host === last.host;
  const portText = await vscode.window.showInputBox({
    title: 'SMTP AUTH test: port (2/4)',
    value: String(hostItem.port ?? (sameHost ? last.port : undefined) ?? 587),
    prompt: '587 submission (STARTTLS), 465 submissions (implicit TLS), 25 smtp',
    ignoreFocusOut: true,
    validateInput: (v) => (/^\d{1,5}$/.test(v.trim()) && +v >= 1 && +v <= 65535 ? undefined : 'A port number from 1 to 65535'),
  });
  if (portText === undefined) return undefined;
  const port = Number(portText.trim());
  const tlsItems = TLS_MODES.map((mode) => ({ label: mode, description: tlsDescriptions[mode], mode }));
  const preferred: TlsMode = sameHost && last.port === port && last.tls ? last.tls : port === DEFAULT_PORTS.implicit ? 'implicit' : 'starttls';
  const tlsItem = await pick('SMTP AUTH test: TLS mode (3/4)', tlsItems, tlsItems.find((i) => i.mode === preferred));
  if (!tlsItem) return undefined;
  const user = await vscode.window.showInputBox({
    title: 'SMTP AUTH test: user name (4/4)',
    value: last.user ?? '',
    prompt: 'The SASL user name, as the mail client would send it (often the full address)',
    ignoreFocusOut: true,
    validateInput: (v) => (!v ? 'A user name is needed' : /[\r\n\0]/.test(v) ? 'The user name must not contain CR, LF or NUL' : undefined),
  });
  if (user === undefined) return undefined;
  return { host: hostItem.host, port, tls: tlsItem.mode, user };
}

export interface PasswordChoice {
  password: string;
  /** Store it in SecretStorage if the test shows it works. */
  remember: boolean;
  fromStore: boolean;
}

/** Takes the password from SecretStorage, or asks for it (hidden) and whether to remember it. */
export async function askPassword(secrets: vscode.SecretStorage, t: Target): Promise<PasswordChoice | undefined> {
  const stored = await secrets.get(secretKey(t.host, t.port, t.tls, t.user));
  if (stored !== undefined) {
    const use = await pick('SMTP AUTH test: password', [
      { label: 'Use the saved password', id: 'use' },
      { label: 'Type another password', id: 'type' },
    ]);
    if (!use) return undefined;
    if (use.id === 'use') return { password: stored, remember: false, fromStore: true };
  }
  const password = await vscode.window.showInputBox({
    title: 'SMTP AUTH test: password',
    prompt: `Password for ${t.user} at ${t.host} port ${t.port}`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (/[\r\n\0]/.test(v) ? 'The password must not contain CR, LF or NUL' : undefined),
  });
  if (password === undefined) return undefined;
  const keep = await pick('Remember this password?', [
    { label: 'Use it for this test only', id: 'no' },
    { label: "Remember it in VS Code's secret storage if the test succeeds", id: 'yes' },
  ]);
  if (!keep) return undefined;
  return { password, remember: keep.id === 'yes', fromStore: false };
}
