import * as vscode from 'vscode';
import { AuthTestResult, DEFAULT_PORTS } from '../../../server/src/authtest';
import { AuthTestProfile, checkAuthTestArgs, checkProfileArgs, isAuthTestArgs, readProfiles, secretKey } from './options';
import { LAST_USED_KEY, LastUsed, PasswordChoice, askPassword, askTarget } from './prompts';
import { REPORT_SCHEME, ReportStore } from './reportView';
import { RunContext, runAndReport } from './run';

const RECENT_HOSTS = 5;

export function registerAuthTestCommands(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Postfix SASL');
  const reports = new ReportStore();
  const rc: RunContext = { output, reports };
  context.subscriptions.push(
    output,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
    vscode.commands.registerCommand('postfixSasl.testSmtpAuth', (arg?: unknown) => testSmtpAuth(context, rc, arg)),
    vscode.commands.registerCommand('postfixSasl.runAuthTestProfile', (arg?: unknown) => runProfile(context, rc, arg)),
  );
}

/**
 * Interactive without an argument. With `{host, port?, tls?, user, password, mechanisms?, showReport?}` it
 * asks nothing and returns the result (which never holds the password); end-to-end tests use this.
 */
async function testSmtpAuth(context: vscode.ExtensionContext, rc: RunContext, arg: unknown): Promise<AuthTestResult | undefined> {
  if (isAuthTestArgs(arg)) {
    const checked = checkAuthTestArgs(arg);
    if (typeof checked === 'string') throw new Error(`postfixSasl.testSmtpAuth: ${checked}`);
    const { showReport, ...options } = checked;
    return runAndReport(rc, { ...options, tls: options.tls ?? 'starttls', mechanisms: options.mechanisms ?? 'all' }, showReport !== false);
  }
  const last = context.globalState.get<LastUsed>(LAST_USED_KEY) ?? {};
  const target = await askTarget(last);
  if (!target) return undefined;
  const secret = await askPassword(context.secrets, target);
  if (!secret) return undefined;
  await rememberTarget(context, last, target);
  const result = await runAndReport(rc, { ...target, password: secret.password, mechanisms: 'all' }, true);
  await afterRun(context, result, target, secret);
  return result;
}

/**
 * Runs a profile from `postfixSasl.authTest.profiles`. The argument, if given, is the profile's name or
 * `{name, password?, showReport?}`: then nothing is asked when the password is given or saved.
 */
async function runProfile(context: vscode.ExtensionContext, rc: RunContext, arg: unknown): Promise<AuthTestResult | undefined> {
  const request = checkProfileArgs(arg);
  if (typeof request === 'string') throw new Error(`postfixSasl.runAuthTestProfile: ${request}`);
  const { profiles, problems } = readProfiles(vscode.workspace.getConfiguration('postfixSasl').get('authTest.profiles'));
  if (problems.length) void vscode.window.showWarningMessage(`Skipped in postfixSasl.authTest.profiles: ${problems.join('; ')}`);
  const profile = request ? profiles.find((p) => p.name === request.name) : await pickProfile(profiles);
  if (request && !profile) throw new Error(`postfixSasl.runAuthTestProfile: no profile named "${request.name}"`);
  if (!profile) return undefined;
  const target = { host: profile.host, port: profile.port ?? DEFAULT_PORTS[profile.tls], tls: profile.tls, user: profile.user };
  let secret: PasswordChoice | undefined;
  if (request?.password !== undefined) secret = { password: request.password, remember: false, fromStore: false };
  else {
    const stored = request ? await context.secrets.get(secretKey(target.host, target.port, target.user)) : undefined;
    secret = stored !== undefined ? { password: stored, remember: false, fromStore: true } : await askPassword(context.secrets, target);
  }
  if (!secret) return undefined;
  const result = await runAndReport(rc, { ...target, password: secret.password, mechanisms: profile.mechanisms }, request?.showReport !== false);
  await afterRun(context, result, target, secret);
  return result;
}

async function pickProfile(profiles: AuthTestProfile[]): Promise<AuthTestProfile | undefined> {
  if (!profiles.length) {
    const open = await vscode.window.showInformationMessage('No SMTP AUTH test profiles yet: add them under the setting postfixSasl.authTest.profiles.', 'Open Settings');
    if (open) await vscode.commands.executeCommand('workbench.action.openSettings', 'postfixSasl.authTest.profiles');
    return undefined;
  }
  const item = await vscode.window.showQuickPick(
    profiles.map((p) => ({ label: p.name, description: `${p.user} at ${p.host} port ${p.port ?? DEFAULT_PORTS[p.tls]}, ${p.tls}`, profile: p })),
    { title: 'Re-run a saved SMTP AUTH test profile', ignoreFocusOut: true },
  );
  return item?.profile;
}

async function rememberTarget(context: vscode.ExtensionContext, last: LastUsed, t: { host: string; port: number; tls: LastUsed['tls']; user: string }): Promise<void> {
  const recentHosts = [t.host, ...(last.recentHosts ?? []).filter((h) => h !== t.host)].slice(0, RECENT_HOSTS);
  await context.globalState.update(LAST_USED_KEY, { host: t.host, port: t.port, tls: t.tls, user: t.user, recentHosts } satisfies LastUsed);
}

/** Saves a password that worked when asked to; offers to forget a saved one that the server refused. */
async function afterRun(context: vscode.ExtensionContext, result: AuthTestResult, t: { host: string; port: number; user: string }, secret: PasswordChoice): Promise<void> {
  const key = secretKey(t.host, t.port, t.user);
  const worked = result.verdict === 'pass' || result.verdict === 'insecure';
  if (secret.remember && worked) await context.secrets.store(key, secret.password);
  if (secret.fromStore && result.verdict === 'auth-failed') {
    void vscode.window.showWarningMessage(`The saved password for ${t.user} at ${t.host} was refused.`, 'Forget the saved password').then((choice) => {
      if (choice) void context.secrets.delete(key);
    });
  }
}
