// Headless Debian Chromium driven by playwright-core, with a fresh profile, that may only talk to 127.0.0.1.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CHROMIUM, TOOLS } from './tools.mjs';

const { chromium } = createRequire(join(TOOLS, 'package.json'))('playwright-core');

export async function launchBrowser(profileDir, { viewport = { width: 1400, height: 900 } } = {}) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    deviceScaleFactor: 1,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-features=Translate,MediaRouter'],
  });
  const blocked = [];
  // Everything that is not the local code-server is refused before it leaves the browser.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    blocked.push(url.origin);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, blocked };
}
