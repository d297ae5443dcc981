import { existsSync, readFileSync } from 'node:fs';

/** What test/servers/start.sh wrote; absent when the servers are not running. */
export interface ServerState {
  host: string;
  hostname: string;
  caFile: string;
  user: string;
  passwordFile: string;
  postfixLog: string;
  dovecotLog: string;
  ports: Record<'starttls' | 'submission' | 'smtps' | 'saslauthd' | 'dovecot' | 'noauth' | 'clear', number>;
  mechanisms: Record<'starttls' | 'saslauthd' | 'dovecot', string[]>;
}

export const STATE_FILE = `${process.env.POSTFIX_SASL_TEST_DIR ?? '/tmp/postfix-sasl-test'}/state.json`;

export function loadServers(): { state?: ServerState; password?: string; skip: string | false } {
  if (!existsSync(STATE_FILE)) return { skip: `real servers not running (no ${STATE_FILE}); start them with: sudo test/servers/start.sh` };
  const state = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as ServerState;
  if (state.host !== '127.0.0.1') return { skip: 'state file names a host other than 127.0.0.1; refusing' };
  return { state, password: readFileSync(state.passwordFile, 'utf8'), skip: false };
}
