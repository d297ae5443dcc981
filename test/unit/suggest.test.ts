// Did-you-mean: the closest name within reach, and a per-file budget that keeps it linear.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { closestMatch, editDistance, Suggester } from '../../server/src/service/suggest';

it('measures typos, swaps included, and gives up past the limit', () => {
  assert.equal(editDistance('relayhost', 'relayhsot', 2), 1);
  assert.equal(editDistance('mydomain', 'mydomian', 2), 1);
  assert.equal(editDistance('a'.repeat(80), 'b'.repeat(80), 3), 4);
});

it('suggests what closestMatch suggests, from the lengths within reach', () => {
  const names = ['myhostname', 'mydomain', 'myorigin', 'mynetworks', 'relayhost', 'smtpd_banner'];
  const suggester = new Suggester(names);
  for (const word of ['myhostnme', 'mydomian', 'relayhots', 'smtpd_baner', 'nothing_like_it']) assert.equal(suggester.suggest(word), closestMatch(word, names));
});

it('stops guessing once its budget is spent, and still answers words it already knows', () => {
  // Each word of 8 letters against one candidate of its length costs 81 cells.
  const suggester = new Suggester(['mydomain', 'myorigin'], 2 * 81);
  assert.equal(suggester.suggest('mydomian'), 'mydomain');
  assert.equal(suggester.suggest('myorigni'), undefined);
  assert.equal(suggester.suggest('mydomian'), 'mydomain');
});
