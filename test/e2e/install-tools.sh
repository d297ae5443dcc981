#!/bin/bash
# Installs what the end-to-end tests need: Debian's chromium, neovim, emacs-nox, elpa-eglot, python3 and
# libkrb5-dev (with apt-get when root; otherwise it prints the command to run), and Node 24, code-server
# and Playwright into test/e2e/tools/ (npm ci from the lock files there; skipped when already installed
# from the same locks).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node test/e2e/lib/tools.mjs --for-tests
