// `postfix-sasl auth-test` as a bundle of its own (dist/auth-test.js, chosen by bin/postfix-sasl.js): it
// holds only the SMTP client, so Node compiles a tenth of the full CLI before the test starts.
import { runAuthTestCli } from './authTest';
import { runAsProcess } from './process';

runAsProcess(runAuthTestCli, process.argv.slice(3));
