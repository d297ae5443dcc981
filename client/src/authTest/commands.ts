import * as vscode from 'vscode';
import { AuthTestResult, DEFAULT_PORTS } from '../../../server/src/authtest';
import { readCaFile } from './caFile';
import { AuthTestProfile, PinScope, checkAuthTestArgs, checkProfileArgs, isAuthTestArgs, readProfiles, secretKey } from './options';
import { forNotification } from './plainText';
import { LAST_USED_KEY, LastUsed, PasswordChoice, Target, askPassword, askTarget } from './prompts';
import { PROFILES_SETTING } from './remedies';
import { REPORT_SCHEME, ReportStore } from './reportView';
import { RunContext, notifyHeadline, runAndReport } from './run';
import { PinStore, Trust, askTrust, offerTrust } from './trust';

const RECENT_HOSTS = 5;

interface Env {
  context: vscode.ExtensionContext;
  rc: RunContext;
  pins: PinStore;
}

export function registerAuthTestCommands(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Postfix SASL');
  const reports = new ReportStore();
  const env: Env = { context, rc: { output, reports }, pins: new PinStore(context.globalState) };
  context.subscriptions.push(
    output,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
    vscode.commands.registerCommand('postfixSasl.testSmtpAuth', (arg?: unknown) => testSmtpAuth(env, arg)),
    vscode.commands.registerCommand('postfixSasl.runAuthTestProfile', (arg?: unknown) => runProfile(env, arg)),
  );
}

/**
 * Interactive without an argument. With `{host, port?, tls?, user, password, mechanisms?, caFile?,
 * pinnedFingerprint?, showReport?}` it asks nothing and returns the result (which never holds the
 * password); end-to-end tests use this.
 */
async function testSmtpAuth(env: Env, arg: unknown): Promise<AuthTestResult | undefined> {
  if (isAuthTestArgs(arg)) {
    const checked = checkAuthTestArgs(arg);
    if (typeof checked === 'string') throw new Error(`postfixSasl.testSmtpAuth: ${checked}`);
    const { showReport, caFile, pinnedFingerprint, password, mechanisms, host, user } = checked;
    const tls = checked.tls ?? 'starttls';
    const target: Target = { host, port: checked.port ?? DEFAULT_PORTS[tls], tls, user };
    const run = await runTrusting(env, { target, password, mechanisms: mechanisms ?? 'all' }, { caFile, pin: pinnedFingerprint }, showReport !== false);
    if (typeof run === 'string') throw new Error(`postfixSasl.testSmtpAuth: ${run}`);
    return run;
  }
  const { context, pins } = env;
  const last = context.globalState.get<LastUsed>(LAST_USED_KEY) ?? {};
  const target = await askTarget(last);
  if (!target) return undefined;
  const scope: PinScope = { host: target.host, port: target.port };
  const trust = target.tls === 'none' ? {} : await askTrust(pins.get(scope), last.caFile);
  if (!trust) return undefined;
  const secret = await askPassword(context.secrets, target);
  if (!secret) return undefined;
  await rememberTarget(context, last, target, trust.caFile ?? last.caFile);
  return runInteractively(env, target, secret, 'all', trust, scope);
}

/**
 * Runs a profile from `postfixSasl.authTest.profiles`. The argument, if given, is the profile's name or
 * `{name, password?, showReport?}`: then nothing is asked before the test when the password is given or
 * saved. Only the user's own settings count: a workspace must not be able to send a saved password to a
 * server of its choosing, or without TLS.
 */
async function runProfile(env: Env, arg: unknown): Promise<AuthTestResult | undefined> {
  const { context, pins } = env;
  const request = checkProfileArgs(arg);
  if (typeof request === 'string') throw new Error(`postfixSasl.runAuthTestProfile: ${request}`);
  const { profiles, problems } = readProfiles(vscode.workspace.getConfiguration('postfixSasl').inspect('authTest.profiles')?.globalValue);
  if (problems.length) void vscode.window.showWarningMessage(forNotification(`Skipped in ${PROFILES_SETTING}: ${problems.join('; ')}`));
  const profile = request ? profiles.find((p) => p.name === request.name) : await pickProfile(profiles);
  if (request && !profile) throw new Error(`postfixSasl.runAuthTestProfile: no profile named "${request.name}"`);
  if (!profile) return undefined;
  const target: Target = { host: profile.host, port: profile.port ?? DEFAULT_PORTS[profile.tls], tls: profile.tls, user: profile.user };
  const scope: PinScope = { host: target.host, port: target.port, profile: profile.name };
  const trust: Trust = { caFile: profile.caFile, pin: pins.get(scope)?.fingerprint };
  let secret: PasswordChoice | undefined;
  if (request?.password !== undefined) secret = { password: request.password, remember: false, fromStore: false };
  else {
    const stored = request ? await context.secrets.get(secretKey(target.host, target.port, target.tls, target.user)) : undefined;
    secret = stored !== undefined ? { password: stored, remember: false, fromStore: true } : await askPassword(context.secrets, target);
  }
  if (!secret) return undefined;
  // An object argument is a programmatic run: it asks nothing afterwards either.
  if (typeof arg === 'object' && arg !== null) {
    const run = await runTrusting(env, { target, password: secret.password, mechanisms: profile.mechanisms }, trust, request?.showReport !== false);
    if (typeof run === 'string') throw new Error(`postfixSasl.runAuthTestProfile: profile "${profile.name}": ${run}`);
    await afterRun(context, run, target, secret);
    return run;
  }
  return runInteractively(env, target, secret, profile.mechanisms, trust, scope);
}

interface RunRequest {
  target: Target;
  password: string;
  mechanisms: string[] | 'all';
}

/** One test with the given trust; a string when the CA file cannot be used (then nothing was sent). */
async function runTrusting(env: Env, req: RunRequest, trust: Trust, show: boolean): Promise<AuthTestResult | string> {
  let ca: Buffer | undefined;
  if (trust.caFile) {
    const read = await readCaFile(trust.caFile);
    if (typeof read === 'string') return read;
    ca = read;
  }
  return runAndReport(env.rc, { ...req.target, password: req.password, mechanisms: req.mechanisms, ca, pinnedFingerprint: trust.pin }, show);
}

/** A test the user started: on a refused certificate it offers to trust it and, if they do, tests again. */
async function runInteractively(env: Env, target: Target, secret: PasswordChoice, mechanisms: string[] | 'all', trust: Trust, scope: PinScope): Promise<AuthTestResult | undefined> {
  const req = { target, password: secret.password, mechanisms };
  let result = await runTrusting(env, req, trust, true);
  if (typeof result !== 'string' && (await offerTrust(result, env.pins, scope))) {
    result = await runTrusting(env, req, { ...trust, pin: env.pins.get(scope)?.fingerprint }, true);
  }
  if (typeof result === 'string') {
    void vscode.window.showErrorMessage(forNotification(`SMTP AUTH test: ${result}. Check "caFile" in the profile (setting ${PROFILES_SETTING}) or pick another file at the certificate step.`));
    return undefined;
  }
  if (!result.error?.certificate) notifyHeadline(result);
  await afterRun(env.context, result, target, secret);
  return result;
}

async function pickProfile(profiles: AuthTestProfile[]): Promise<AuthTestProfile | undefined> {
  if (!profiles.length) {
    const open = await vscode.window.showInformationMessage(`No SMTP AUTH test profiles yet: add them under the setting ${PROFILES_SETTING} (in your user settings).`, 'Open Settings');
    if (open) await vscode.commands.executeCommand('workbench.action.openSettings', PROFILES_SETTING);
    return undefined;
  }
  const item = await vscode.window.showQuickPick(
    profiles.map((p) => ({ label: p.name, description: `${p.user} at ${p.host} port ${p.port ?? DEFAULT_PORTS[p.tls]}, ${p.tls}${p.caFile ? `, CA ${p.caFile}` : ''}`, profile: p })),
    { title: 'Re-run a saved SMTP AUTH test profile', ignoreFocusOut: true },
  );
  return item?.profile;
}

async function rememberTarget(context: vscode.ExtensionContext, last: LastUsed, t: Target, caFile: string | undefined): Promise<void> {
  const recentHosts = [t.host, ...(last.recentHosts ?? []).filter((h) => h !== t.host)].slice(0, RECENT_HOSTS);
  await context.globalState.update(LAST_USED_KEY, { host: t.host, port: t.port, tls: t.tls, user: t.user, recentHosts, caFile } satisfies LastUsed);
}

/** Saves a password that worked when asked to; offers to forget a saved one that the server refused. */
async function afterRun(context: vscode.ExtensionContext, result: AuthTestResult, t: Target, secret: PasswordChoice): Promise<void> {
  const key = secretKey(t.host, t.port, t.tls, t.user);
  const worked = result.verdict === 'pass' || result.verdict === 'warnings' || result.verdict === 'insecure';
  if (secret.remember && worked) await context.secrets.store(key, secret.password);
  if (secret.fromStore && result.verdict === 'auth-failed') {
    void vscode.window.showWarningMessage(forNotification(`The saved password for ${t.user} at ${t.host} was refused.`), 'Forget the saved password').then((choice) => {
      if (choice) void context.secrets.delete(key);
    });
  }
}
