#!/usr/bin/env node
// auth-test has a bundle of its own that starts faster; every other command is in the full CLI.
require(process.argv[2] === 'auth-test' ? '../dist/auth-test.js' : '../dist/cli.js');
