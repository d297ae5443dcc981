// Server text that hides itself: C1 controls, bidirectional overrides and isolates, zero-width and other
// invisible characters, sent by a hostile server in its banner, its EHLO greeting and its AUTH reply. None
// reaches the markdown preview, the text report or the JSON raw; each is shown as an escape.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMarkdownReport, formatQuietReport, formatTextReport, runAuthTest } from '../../server/src/authtest';
import { jsonForTerminal } from '../../server/src/authtest/terminalText';
import { forNotification } from '../../client/src/authTest/plainText';
import { FakeServer, scriptedServer } from './helpers/fakeServer';

const servers: FakeServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const HIDDEN: Array<[string, string]> = [
  ['CSI (C1)', '\u009b'],
  ['NEL (C1)', '\u0085'],
  ['right-to-left override', '\u202e'],
  ['left-to-right embedding', '\u202a'],
  ['first-strong isolate', '\u2068'],
  ['pop directional isolate', '\u2069'],
  ['zero-width space', '\u200b'],
  ['zero-width joiner', '\u200d'],
  ['word joiner', '\u2060'],
  ['byte order mark', '\ufeff'],
  ['soft hyphen', '\u00ad'],
  ['Arabic letter mark', '\u061c'],
];

for (const [name, ch] of HIDDEN) {
  test(`${name} (U+${ch.charCodeAt(0).toString(16).padStart(4, '0')}) from the server is shown, never passed on`, async () => {
    const s = await scriptedServer({ banner: `220 fake.test ESMTP PA${ch}SS`, capsBefore: [`AUTH PLAIN`], onAuth: () => `535 5.7.8 no${ch}pe` });
    servers.push(s);
    const r = await runAuthTest({ host: '127.0.0.1', port: s.port, tls: 'none', user: 'u', password: 'Neutral-Pw-1', mechanisms: ['PLAIN'], timeoutMs: 1000, probeLegacyTls: false });
    assert.equal(r.server.banner, `fake.test ESMTP PA${ch}SS`, 'the result keeps what the server said');
    const code = ch.charCodeAt(0);
    const escaped = code < 0x100 ? `\\x${code.toString(16)}` : `\\u{${code.toString(16)}}`;
    for (const [sink, out] of [['markdown', formatMarkdownReport(r)], ['text', formatTextReport(r)], ['quiet', formatQuietReport(r)], ['json', jsonForTerminal(r)], ['notification', forNotification(r.server.banner)]]) {
      assert.ok(!out.includes(ch), `${sink}: the raw character got through`);
    }
    assert.ok(formatMarkdownReport(r).includes(`PA${escaped}SS`), 'markdown shows it as an escape');
    assert.ok(formatTextReport(r).includes(`PA${escaped}SS`), 'text shows it as an escape');
    assert.ok(jsonForTerminal(r).includes(`PA\\u${code.toString(16).padStart(4, '0')}SS`), 'JSON escapes it');
  });
}
