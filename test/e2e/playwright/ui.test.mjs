// The packaged extension in a fresh code-server profile, used through the UI as a person would: open
// main.cf from the explorer, read the squiggles and the Problems panel, hover, complete, apply a quick
// fix from the light bulb, insert a snippet, and run the SMTP AUTH test from the command palette.
// Each step saves a screenshot under test/e2e/screenshots/. Every wait is for something on screen.
//   POSTFIX_SASL_E2E_VSIX=postfix-sasl.vsix POSTFIX_SASL_E2E_RUN_DIR=/tmp/x node --test test/e2e/playwright/ui.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../lib/browser.mjs';
import { makeProfile, startCodeServer } from '../lib/codeServer.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SHOTS = resolve(process.env.POSTFIX_SASL_E2E_SCREENSHOTS ?? join(HERE, '..', 'screenshots'));
const RUN_DIR = resolve(process.env.POSTFIX_SASL_E2E_RUN_DIR ?? '');
const VSIX = process.env.POSTFIX_SASL_E2E_VSIX;
const STATE_FILE = join(process.env.POSTFIX_SASL_TEST_DIR ?? '/tmp/postfix-sasl-test', 'state.json');
const servers = existsSync(STATE_FILE) ? JSON.parse(readFileSync(STATE_FILE, 'utf8')) : undefined;

let server;
let browser;
let page;

const shot = (name) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const line = (text) => page.locator('.monaco-editor .view-line').filter({ hasText: text });
const quickInputTitled = (title) => page.locator('.quick-input-widget .quick-input-title').filter({ hasText: title });

/** A test whose failure leaves a screenshot of the moment, FAILED-<name>.png, beside the others. */
function step(name, options, fn) {
  if (!fn) [options, fn] = [{}, options];
  test(name, options, async () => {
    try {
      await fn();
    } catch (e) {
      await page?.screenshot({ path: join(SHOTS, `FAILED-${name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}.png`) }).catch(() => undefined);
      throw e;
    }
  });
}

/** Waits for a quick input step by its title, then types `text` (replacing any value) and presses Enter. */
async function answer(title, text) {
  await quickInputTitled(title).waitFor({ timeout: 20_000 });
  const input = page.locator('.quick-input-widget .quick-input-box input');
  if (text !== undefined) await input.fill(text);
  await page.keyboard.press('Enter');
}

before(async () => {
  assert.ok(VSIX && process.env.POSTFIX_SASL_E2E_RUN_DIR, 'set POSTFIX_SASL_E2E_VSIX and POSTFIX_SASL_E2E_RUN_DIR');
  mkdirSync(SHOTS, { recursive: true });
  const dir = join(RUN_DIR, 'ui');
  const workspace = join(dir, 'workspace');
  cpSync(join(HERE, 'workspace'), workspace, { recursive: true });
  // The auth test verifies the certificate chain: trust the test servers' own CA in the extension host.
  const env = servers ? { NODE_EXTRA_CA_CERTS: servers.caFile } : {};
  const profile = makeProfile(dir, { vsixes: [resolve(VSIX)], env });
  server = await startCodeServer(profile);
  browser = await launchBrowser(join(dir, 'chromium'));
  page = browser.page;
  await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
});

after(async () => {
  await browser?.context.close();
  await server?.stop();
  assert.deepEqual(browser?.blocked ?? [], [], 'the page tried to reach beyond 127.0.0.1 (refused)');
});

step('open main.cf from the explorer: squiggles under the insecure option and the misspelling', async () => {
  await page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: /^main\.cf$/ }).click({ timeout: 60_000 });
  await line('smtpd_sasl_auth_enable').waitFor({ timeout: 20_000 });
  await page.locator('.statusbar-item[id="status.editor.mode"]').filter({ hasText: 'Postfix main.cf' }).waitFor({ timeout: 20_000 });
  await page.locator('.monaco-editor .squiggly-warning').nth(1).waitFor({ timeout: 60_000 });
  await shot('01-diagnostics');
});

step('the Problems panel lists the password-in-clear warning', async () => {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'before TLS' });
  await row.waitFor({ timeout: 20_000 });
  await page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'smtpd_sasl_local_domian' }).waitFor({ timeout: 20_000 });
  await shot('02-problems');
});

step('hover a parameter name and read its documentation', async () => {
  await line('smtpd_tls_auth_only').locator('span', { hasText: /^smtpd_tls_auth_only$/ }).first().hover();
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'smtpd_tls_auth_only' });
  await hover.waitFor({ timeout: 20_000 });
  assert.ok((await hover.innerText()).length > 60, 'the hover carries documentation');
  await shot('03-hover');
  await page.mouse.move(5, 5);
});

step('apply the did-you-mean quick fix from the light bulb', async () => {
  await line('smtpd_sasl_local_domian').locator('span', { hasText: 'domian' }).first().click();
  // VS Code 1.139 draws the bulb in the gutter (a glyph-margin decoration) or, where there is no room,
  // as a content widget; whichever is visible is the one a person clicks.
  const bulb = page.locator('.monaco-editor [class*="codicon-gutter-lightbulb"], .monaco-editor .lightBulbWidget.codicon').locator('visible=true').first();
  await bulb.waitFor({ timeout: 20_000 });
  await bulb.click();
  const fix = page.locator('.action-widget .monaco-list-row').filter({ hasText: 'Change to "smtpd_sasl_local_domain"' });
  await fix.waitFor({ timeout: 20_000 });
  await shot('04-quick-fix');
  await fix.click();
  await line('smtpd_sasl_local_domain =').waitFor({ timeout: 20_000 });
  await page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'smtpd_sasl_local_domian' }).waitFor({ state: 'detached', timeout: 20_000 });
});

step('Ctrl+Space completes a parameter name', async () => {
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('smtpd_sasl_pa');
  await page.keyboard.press('Control+Space');
  const item = page.locator('.suggest-widget .monaco-list-row').filter({ hasText: /^smtpd_sasl_path/ });
  try {
    await item.waitFor({ timeout: 10_000 });
    await shot('05-completion');
    await item.click();
    await line('smtpd_sasl_path =').waitFor({ timeout: 20_000 });
  } finally {
    await page.keyboard.press('Escape');
  }
});

step('insert the Dovecot quick-start snippet', async () => {
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('pf-sasl-dov');
  await page.keyboard.press('Control+Space');
  const item = page.locator('.suggest-widget .monaco-list-row').filter({ hasText: 'pf-sasl-dovecot' });
  await item.waitFor({ timeout: 20_000 });
  await item.click();
  await line('smtpd_sasl_type = dovecot').waitFor({ timeout: 20_000 });
  await page.keyboard.press('Escape');
  await shot('06-snippet');
});

step('run "Postfix SASL: Test SMTP AUTH…" from the command palette and read the verdict', { skip: !servers && `real servers not running (no ${STATE_FILE})` }, async () => {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget .quick-input-box input').fill('>Postfix SASL: Test SMTP AUTH');
  const command = page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'Postfix SASL: Test SMTP AUTH…' });
  await command.waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await quickInputTitled('SMTP AUTH test: server (1/4)').waitFor({ timeout: 20_000 });
  await page.locator('.quick-input-widget .quick-input-box input').fill('127.0.0.1');
  await page.locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: '127.0.0.1' }).waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await answer('SMTP AUTH test: port (2/4)', String(servers.ports.submission));
  await quickInputTitled('SMTP AUTH test: TLS mode (3/4)').waitFor({ timeout: 20_000 });
  await page.locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: /^starttls/ }).waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await answer('SMTP AUTH test: user name (4/4)', servers.user);
  // The extension host trusts the test CA through NODE_EXTRA_CA_CERTS, so the system's CAs suffice.
  await quickInputTitled('SMTP AUTH test: which certificate to trust').waitFor({ timeout: 20_000 });
  await page.locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: "The system's trusted CAs" }).waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await answer('SMTP AUTH test: password', readFileSync(servers.passwordFile, 'utf8'));
  await quickInputTitled('Remember this password?').waitFor({ timeout: 20_000 });
  await page.locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: 'Use it for this test only' }).waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  const verdict = page.locator('.notification-toast').filter({ hasText: /SMTP AUTH test: (PASS|FAIL|NOT RUN): 127\.0\.0\.1 / });
  await verdict.waitFor({ timeout: 60_000 });
  assert.match(await verdict.innerText(), /: 127\.0\.0\.1 port \d+ \(starttls\): PLAIN\b.* worked/);
  await page.locator('.monaco-workbench .tab').filter({ hasText: 'SMTP-AUTH-127.0.0.1' }).first().waitFor({ timeout: 20_000 });
  await shot('07-auth-test');
});
