#!/bin/bash
# Refreshes the README's screenshots in docs/ from a real run of the Playwright UI suite
# (test/e2e/playwright): the packaged extension in code-server, driven as a person would.
# Needs the e2e tools (test/e2e/install-tools.sh); the auth-test shot needs test/servers/start.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash test/e2e/install-tools.sh
RUN_DIR=$(mktemp -d /tmp/postfix-sasl-shots.XXXXXX)
SHOTS=$RUN_DIR/screenshots
trap 'rm -rf "$RUN_DIR"' EXIT
node --input-type=module -e "import { packageProduct } from './test/e2e/lib/package.mjs'; packageProduct();"
POSTFIX_SASL_E2E_VSIX=postfix-sasl.vsix POSTFIX_SASL_E2E_RUN_DIR="$RUN_DIR" POSTFIX_SASL_E2E_SCREENSHOTS="$SHOTS" \
  node --test --test-reporter=spec test/e2e/playwright/ui.test.mjs
mkdir -p docs
cp "$SHOTS/02-problems.png" docs/vscode-diagnostics.png
cp "$SHOTS/03-hover.png" docs/vscode-hover.png
cp "$SHOTS/04-quick-fix.png" docs/vscode-quick-fix.png
[ -f "$SHOTS/07-auth-test.png" ] && cp "$SHOTS/07-auth-test.png" docs/vscode-auth-test.png
echo "refreshed: $(ls docs/*.png | tr '\n' ' ')"
