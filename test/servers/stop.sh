#!/bin/sh
# Stops what start.sh started (Postfix instance, Dovecot, saslauthd) and removes the state file, so the tests
# skip afterwards. Safe to run when nothing is running.
set -u
STATE=${POSTFIX_SASL_TEST_DIR:-/tmp/postfix-sasl-test}
TEST_USER=psasltest
PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
rm -f "$STATE/state.json"
if [ -f "$STATE/etc/main.cf" ]; then
  postfix -c "$STATE/etc" stop >/dev/null 2>&1 || true
fi
if [ -f "$STATE/dovecot/dovecot.conf" ]; then
  dovecot -c "$STATE/dovecot/dovecot.conf" stop >/dev/null 2>&1 || true
fi
# saslauthd writes its pid next to its socket; kill that process only.
if [ -f "$STATE/saslauthd/saslauthd.pid" ]; then
  pid=$(cat "$STATE/saslauthd/saslauthd.pid")
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
fi
# Wait for the master to go (postfix stop is asynchronous).
if [ -f "$STATE/data/master.lock" ] || [ -f "$STATE/queue/pid/master.pid" ]; then
  i=0
  while [ $i -lt 50 ]; do
    pid=$(tr -d ' ' < "$STATE/queue/pid/master.pid" 2>/dev/null || true)
    { [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; } && break
    i=$((i + 1)); sleep 0.1
  done
fi
if id "$TEST_USER" >/dev/null 2>&1; then userdel "$TEST_USER" >/dev/null 2>&1 || true; fi
echo "stop.sh: stopped"
