#!/bin/sh
# Installs what the auth-test integration tests need on Debian/Ubuntu, as root, without starting any
# daemon and without creating a default Postfix instance. Safe to run again.
set -eu
[ "$(id -u)" = 0 ] || { echo "install-debian.sh: run as root" >&2; exit 1; }
PACKAGES="postfix sasl2-bin libsasl2-modules dovecot-core swaks openssl libauthen-sasl-perl libio-socket-ssl-perl libdigest-hmac-perl python3-aiosmtpd"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && { echo "install-debian.sh: all installed"; exit 0; }
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
# Keep package scripts from starting daemons: a temporary policy-rc.d unless one exists.
made_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  made_policy=1
fi
trap '[ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d' EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
