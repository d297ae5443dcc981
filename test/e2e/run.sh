#!/bin/bash
# The end-to-end run: installs the tools (cached in test/e2e/tools/), packages the .vsix, runs the
# vscode-API suite inside code-server with the .vsix installed, the negative control (the same suite
# without the extension must fail), the Playwright UI suite (screenshots in test/e2e/screenshots/), and
# the README's set-ups for other editors (test/e2e/editors/). The SMTP AUTH steps use the servers of
# test/servers/start.sh when they run.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUN_DIR=$(mktemp -d /tmp/postfix-sasl-e2e.XXXXXX)
keep=0
cleanup() { if [ "$keep" = 0 ]; then rm -rf "$RUN_DIR"; else echo "e2e: run folder kept for inspection: $RUN_DIR"; fi; }
trap cleanup EXIT
ms() { echo $(( $(date +%s%N) / 1000000 )); }
stage() { STAGE=$1; STAGE_START=$(ms); echo; echo "== e2e: $1"; }
done_stage() { echo "== e2e: $STAGE took $(( ($(ms) - STAGE_START) / 1000 )) s"; }
fail() { keep=1; echo "e2e: FAILED in stage: $STAGE" >&2; exit 1; }
TOTAL_START=$(ms)

stage "tools"; bash test/e2e/install-tools.sh || fail; done_stage

stage "package"
node --input-type=module -e "
import { checkVsix, packageProduct } from './test/e2e/lib/package.mjs';
const { vsix } = packageProduct();
const { bytes, names, problems } = checkVsix(vsix);
console.log('packaged', vsix + ':', (bytes / 1024).toFixed(0), 'KB,', names.length, 'entries');
if (problems.length) { console.error(problems.join('\\n')); process.exit(1); }
" || fail
done_stage

stage "vscode-API suite in code-server"; node test/e2e/codeserver/apiSuite.mjs --vsix postfix-sasl.vsix --run-dir "$RUN_DIR" || fail; done_stage
stage "negative control (no extension installed)"; node test/e2e/codeserver/apiSuite.mjs --negative-control --run-dir "$RUN_DIR" || fail; done_stage
stage "Playwright UI suite"
# Only this suite's shots: start-smoke.png of `npm start -- --smoke` stays.
mkdir -p test/e2e/screenshots && rm -f test/e2e/screenshots/[0-9][0-9]-*.png test/e2e/screenshots/FAILED-*.png
POSTFIX_SASL_E2E_VSIX=postfix-sasl.vsix POSTFIX_SASL_E2E_RUN_DIR="$RUN_DIR" node --test --test-reporter=spec test/e2e/playwright/ui.test.mjs || fail
done_stage
stage "other editors: the README set-ups in Neovim and Emacs eglot (Helix checked without the editor)"; node --test --test-reporter=spec test/e2e/editors/ || fail; done_stage
echo; echo "== e2e: all stages passed in $(( ($(ms) - TOTAL_START) / 1000 )) s"
