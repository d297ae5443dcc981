// `npm start -- --smoke`: the workbench that `npm start` serves, opened in headless Chromium the way a
// newcomer would use it: examples/main.cf from the explorer, then the extension's squiggles and the
// Problems panel. Every wait is for something on the page, and the whole test has one time limit.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { launchBrowser } from '../test/e2e/lib/browser.mjs';

const SQUIGGLES = '.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning';

/** Resolves with the screenshot's path and the number of problems listed; rejects with one line. */
export async function smokeTest(url, browserDir, screenshot, { timeoutMs = 120_000 } = {}) {
  rmSync(browserDir, { recursive: true, force: true });
  mkdirSync(dirname(screenshot), { recursive: true });
  const browser = await launchBrowser(browserDir);
  const { page } = browser;
  const deadline = Date.now() + timeoutMs;
  // Waits for `what` (a Playwright call given the time left), and says what did not appear.
  const see = async (what, wait) => {
    try {
      await wait(Math.max(1000, deadline - Date.now()));
    } catch (e) {
      throw new Error(`${what} did not appear within ${Math.round(timeoutMs / 1000)} s (${e.message.split('\n')[0]})`, { cause: e });
    }
  };
  try {
    await see('the workbench', async (timeout) => {
      await page.goto(url, { timeout });
      await page.locator('.monaco-workbench').waitFor({ timeout });
    });
    await see('main.cf in the explorer', (timeout) => page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: /^main\.cf$/ }).click({ timeout }));
    await see('the language mode "Postfix main.cf" in the status bar', (timeout) => page.locator('.statusbar-item[id="status.editor.mode"]').filter({ hasText: 'Postfix main.cf' }).waitFor({ timeout }));
    await see("the extension's squiggles in main.cf", (timeout) => page.locator(SQUIGGLES).first().waitFor({ timeout }));
    await see('the findings in the Problems panel', async (timeout) => {
      await page.locator('.monaco-editor .view-lines').click({ timeout });
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'smtpd_sasl_auth_enabel' }).waitFor({ timeout });
    });
    const problems = await page.locator('.markers-panel .monaco-list-row').filter({ hasText: /\[Ln \d+, Col \d+\]\s*$/ }).count();
    await page.screenshot({ path: screenshot });
    if (browser.blocked.length) throw new Error(`the page tried to reach beyond 127.0.0.1 (refused): ${[...new Set(browser.blocked)].join(' ')}`);
    return { screenshot, problems };
  } catch (e) {
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-FAILED.png') }).catch(() => undefined);
    throw e;
  } finally {
    await browser.context.close();
  }
}
