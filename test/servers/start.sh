#!/bin/sh
# Starts a private Postfix (Cyrus sasldb, Cyrus via saslauthd, Dovecot SASL) on 127.0.0.1 high ports for the
# auth-test integration tests. Run as root; no systemd. Idempotent: a running set-up is stopped first.
# Writes $STATE/state.json, which the tests read (absent state file = tests skip).
#   STATE  state directory (default /tmp/postfix-sasl-test)
#   PORT_BASE  first of 7 consecutive ports (default 29520; below Linux's ephemeral range, 32768-60999, so no outgoing connection holds one by chance)
set -eu
STATE=${POSTFIX_SASL_TEST_DIR:-/tmp/postfix-sasl-test}
PORT_BASE=${PORT_BASE:-29520}
HERE=$(cd "$(dirname "$0")" && pwd)
TEST_USER=psasltest
REALM=localhost

[ "$(id -u)" = 0 ] || { echo "start.sh: run as root" >&2; exit 1; }
for b in postfix saslpasswd2 saslauthd dovecot openssl; do
  command -v "$b" >/dev/null 2>&1 || [ -x "/usr/sbin/$b" ] || { echo "start.sh: $b is not installed (run test/servers/install-debian.sh)" >&2; exit 1; }
done
PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH

"$HERE/stop.sh" >/dev/null 2>&1 || true
rm -rf "$STATE"
mkdir -p "$STATE/etc/sasl" "$STATE/queue" "$STATE/data" "$STATE/log" "$STATE/tls" "$STATE/saslauthd" "$STATE/dovecot/run" "$STATE/dovecot/state"
chmod 755 "$STATE" "$STATE/saslauthd"

P_STARTTLS=$PORT_BASE
P_SUBMISSION=$((PORT_BASE + 1))
P_SMTPS=$((PORT_BASE + 2))
P_SASLAUTHD=$((PORT_BASE + 3))
P_DOVECOT=$((PORT_BASE + 4))
P_NOAUTH=$((PORT_BASE + 5))
P_PLAINAUTH=$((PORT_BASE + 6))

# A recognisable password, new each start; the tests search all output for it.
PASSWORD="Pw-$(openssl rand -hex 8)-Zq"
printf '%s' "$PASSWORD" > "$STATE/password"
chmod 600 "$STATE/password"

# Self-signed certificate for localhost and 127.0.0.1.
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$STATE/tls/key.pem" -out "$STATE/tls/cert.pem" >/dev/null 2>&1
chmod 644 "$STATE/tls/cert.pem"; chmod 600 "$STATE/tls/key.pem"

# Cyrus sasldb, readable by group postfix.
printf '%s' "$PASSWORD" | saslpasswd2 -p -c -f "$STATE/sasldb2" -u "$REALM" "$TEST_USER"
chown root:postfix "$STATE/sasldb2"; chmod 640 "$STATE/sasldb2"
cat > "$STATE/etc/sasl/sasldb.conf" <<CONF
pwcheck_method: auxprop
auxprop_plugin: sasldb
sasldb_path: $STATE/sasldb2
mech_list: PLAIN LOGIN CRAM-MD5 DIGEST-MD5 SCRAM-SHA-1 SCRAM-SHA-256
CONF
# saslauthd checks /etc/shadow; CRAM-MD5 is listed on purpose, to show the 454 it gives.
cat > "$STATE/etc/sasl/saslauthd.conf" <<CONF
pwcheck_method: saslauthd
saslauthd_path: $STATE/saslauthd/mux
mech_list: PLAIN LOGIN CRAM-MD5
CONF

# A system account for saslauthd -a shadow (removed by stop.sh).
id "$TEST_USER" >/dev/null 2>&1 || useradd -M -N -d /nonexistent -s /usr/sbin/nologin "$TEST_USER"
echo "$TEST_USER:$PASSWORD" | chpasswd
saslauthd -a shadow -m "$STATE/saslauthd" -n 2 </dev/null >/dev/null 2>&1
chmod 755 "$STATE/saslauthd"

# Dovecot as a SASL server only.
printf '%s:{PLAIN}%s\n' "$TEST_USER" "$PASSWORD" > "$STATE/dovecot/passwd"
chown root:dovecot "$STATE/dovecot/passwd"; chmod 640 "$STATE/dovecot/passwd"
cat > "$STATE/dovecot/dovecot.conf" <<CONF
protocols = none
listen = 127.0.0.1
base_dir = $STATE/dovecot/run
state_dir = $STATE/dovecot/state
log_path = $STATE/log/dovecot.log
auth_verbose = yes
auth_mechanisms = plain login cram-md5 digest-md5 scram-sha-1 scram-sha-256
auth_failure_delay = 0
ssl = no
passdb {
  driver = passwd-file
  args = $STATE/dovecot/passwd
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=/nonexistent
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service auth {
  unix_listener $STATE/queue/private/dovecot-auth {
    mode = 0660
    user = postfix
    group = postfix
  }
}
CONF

# Postfix: its own config directory; everything outside /etc/postfix.
cat > "$STATE/etc/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $STATE/queue
data_directory = $STATE/data
myhostname = $REALM
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
maillog_file = $STATE/log/postfix.log
maillog_file_prefixes = $STATE/log
default_transport = discard
local_transport = discard
relay_transport = discard
alias_maps =
alias_database =
biff = no
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_tls_chain_files = $STATE/tls/key.pem, $STATE/tls/cert.pem
smtpd_tls_security_level = may
smtpd_sasl_auth_enable = yes
smtpd_sasl_path = sasldb
smtpd_sasl_security_options = noanonymous
smtpd_tls_auth_only = no
CONF
S="inet  n       -       n       -       -       smtpd"
cat > "$STATE/etc/master.cf" <<CONF
127.0.0.1:$P_STARTTLS $S -o syslog_name=psasl/starttls -o broken_sasl_auth_clients=yes
127.0.0.1:$P_SUBMISSION $S -o syslog_name=psasl/submission -o smtpd_tls_security_level=encrypt -o smtpd_tls_auth_only=yes
127.0.0.1:$P_SMTPS $S -o syslog_name=psasl/smtps -o smtpd_tls_wrappermode=yes -o smtpd_tls_security_level=encrypt
127.0.0.1:$P_SASLAUTHD $S -o syslog_name=psasl/saslauthd -o smtpd_sasl_path=saslauthd
127.0.0.1:$P_DOVECOT $S -o syslog_name=psasl/dovecot -o smtpd_sasl_type=dovecot -o smtpd_sasl_path=private/dovecot-auth
127.0.0.1:$P_NOAUTH $S -o syslog_name=psasl/noauth -o smtpd_sasl_auth_enable=no
127.0.0.1:$P_PLAINAUTH $S -o syslog_name=psasl/clear -o smtpd_tls_security_level=none
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
CONF
chown postfix "$STATE/data"
postfix -c "$STATE/etc" check >"$STATE/log/check.log" 2>&1 || { cat "$STATE/log/check.log" >&2; exit 1; }
postfix -c "$STATE/etc" start >"$STATE/log/start.log" 2>&1 || { cat "$STATE/log/start.log" >&2; exit 1; }
# Dovecot creates its listener in the queue's private/ folder, so it starts after Postfix made the queue.
dovecot -c "$STATE/dovecot/dovecot.conf"

# Wait until every port answers (at most ~10 s).
for p in $P_STARTTLS $P_SUBMISSION $P_SMTPS $P_SASLAUTHD $P_DOVECOT $P_NOAUTH $P_PLAINAUTH; do
  i=0
  until bash -c "exec 3<>/dev/tcp/127.0.0.1/$p" 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 100 ] || { echo "start.sh: port $p does not answer; see $STATE/log" >&2; exit 1; }
    sleep 0.1
  done
done
i=0
until [ -S "$STATE/queue/private/dovecot-auth" ] && [ -S "$STATE/saslauthd/mux" ]; do
  i=$((i + 1)); [ $i -lt 100 ] || { echo "start.sh: SASL sockets missing; see $STATE/log" >&2; exit 1; }
  sleep 0.1
done

cat > "$STATE/state.json" <<JSON
{
  "host": "127.0.0.1",
  "hostname": "localhost",
  "stateDir": "$STATE",
  "caFile": "$STATE/tls/cert.pem",
  "user": "$TEST_USER",
  "realm": "$REALM",
  "passwordFile": "$STATE/password",
  "postfixLog": "$STATE/log/postfix.log",
  "dovecotLog": "$STATE/log/dovecot.log",
  "ports": {
    "starttls": $P_STARTTLS,
    "submission": $P_SUBMISSION,
    "smtps": $P_SMTPS,
    "saslauthd": $P_SASLAUTHD,
    "dovecot": $P_DOVECOT,
    "noauth": $P_NOAUTH,
    "clear": $P_PLAINAUTH
  },
  "mechanisms": {
    "starttls": ["PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"],
    "saslauthd": ["PLAIN", "LOGIN", "CRAM-MD5"],
    "dovecot": ["PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"]
  }
}
JSON
echo "start.sh: servers up; state in $STATE/state.json"
