// `npm start`: builds everything, then checks the example Postfix SASL set-up in examples/ so a
// newcomer sees the product find real mistakes. The findings are the point, so their exit status
// does not fail this script.
import { spawnSync } from 'node:child_process';

function step(title, command, args, { allowFindings = false } = {}) {
  console.log(`\n== ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  const ok = result.status === 0 || (allowFindings && result.status === 1);
  if (!ok) {
    console.error(`npm start: "${title}" failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

step('build', process.execPath, ['scripts/build.mjs']);
step('postfix-sasl check examples/', process.execPath, ['bin/postfix-sasl.js', 'check', 'examples'], { allowFindings: true });
console.log('\nEach line is file:line:column: severity: message [rule code]. See examples/README.md for the mistakes planted there.');
