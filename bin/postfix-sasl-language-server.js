#!/usr/bin/env node
// In a checkout the bundle exists only after a build: say so on stderr (stdout is the LSP channel)
// instead of a module-not-found stack in the editor's log.
try {
  require.resolve('../dist/server.js');
} catch {
  console.error('postfix-sasl-language-server: dist/server.js is missing; run "npm install && npm run build" in the postfix-sasl checkout.');
  process.exit(1);
}
require('../dist/server.js');
