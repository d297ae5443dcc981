// The log reader on input no daemon writes: random bytes cut into random chunks never throw and
// lose no line, and long lines built to make the patterns backtrack are read (a pattern that
// backtracked would stop this test at its timeout, not merely slow it).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readLines, type SkipCounts } from '../../server/src/service/log/lines';
import { readLog } from '../../server/src/service/log/readLog';

const chunked = (bytes: Uint8Array, cuts: number[]) => {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let at = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(at, p));
    at = p;
  }
  return out;
};

describe('hostile log input', () => {
  it('random bytes in random chunks: no throw, every text line counted once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.array(fc.nat(), { maxLength: 20 }), async (bytes, cuts) => {
        const skipped: SkipCounts = { long: 0, binary: 0, unterminated: false };
        let lines = 0;
        for await (const line of readLines(chunked(bytes, cuts), skipped)) {
          assert.ok(!line.includes('\n'));
          lines++;
        }
        const breaks = bytes.filter((b) => b === 0x0a).length;
        const expected = breaks + (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a ? 1 : 0);
        assert.equal(lines + skipped.binary, expected);
        const { summary } = await readLog(chunked(bytes, cuts));
        assert.ok(summary.lines <= expected);
      }),
      { numRuns: process.env.FUZZ_LONG ? 2000 : 200 },
    );
  });

  it('60 KB lines shaped like each message read in bounded time', { timeout: 30_000 }, async () => {
    const n = 60_000;
    const head = 'Dec  1 10:00:00 mx postfix/smtpd[1]: ';
    const shapes = [
      `warning: ${'['.repeat(n)}: SASL PLAIN authentication failed: `,
      `warning: a[${'1'.repeat(n)}: SASL PLAIN authentication failed: generic failure, sasl_username=`,
      `NOQUEUE: reject: RCPT from ${'x['.repeat(n / 2)}: 554 5.7.1 <x>: Relay access denied`,
      `warning: SASL: Connect to ${"'".repeat(n)} failed: `,
      `fatal: in parameter ${'a '.repeat(n / 2)}, specify at least one working instance of: `,
      `warning: error opening chain file: ${': '.repeat(n / 2)}`,
    ];
    const dovecot = 'Dec  1 10:00:00 mx dovecot: auth: Info: ';
    const saslauthd = 'Dec  1 10:00:00 mx saslauthd[1]: ';
    const lines = [
      ...shapes.map((s) => head + s),
      `${dovecot}passwd-file(${'a,'.repeat(n / 2)}): Password mismatch`,
      `${dovecot}${'a('.repeat(n / 2)}: unknown user`,
      `${saslauthd}auth failure: ${'[user='.repeat(n / 6)}`,
      `<1>1 2026-12-01T10:00:00Z h p 1 - ${'[a'.repeat(n / 2)}`,
      `Dec  1 10:00:00 ${' '.repeat(n)}`,
    ];
    const { summary, skipped } = await readLog([lines.join('\n') + '\n']);
    assert.equal(skipped.long, 0);
    assert.equal(summary.lines, lines.length);
  });
});
