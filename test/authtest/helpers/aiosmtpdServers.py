# Two aiosmtpd servers on 127.0.0.1 for test/authtest/independentServers.test.ts, written by us around
# Debian's python3-aiosmtpd (an SMTP server that nobody in this project wrote):
#   --hidden PORT   STARTTLS; AUTH PLAIN LOGIN listed only after TLS (aiosmtpd's auth_require_tls)
#   --strict PORT   STARTTLS; AUTH listed before TLS too, but every command except EHLO/STARTTLS/QUIT
#                   refused with 530 until TLS (require_starttls)
# The user and password come from AUTHTEST_USER / AUTHTEST_PASSWORD (never the command line). Prints
# "ready" once both listen, and stops when its standard input closes, so a dead test leaves nothing behind.
import argparse
import os
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = os.environ["AUTHTEST_USER"].encode()
PASSWORD = os.environ["AUTHTEST_PASSWORD"].encode()


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER and auth_data.password == PASSWORD
    # handled=False: aiosmtpd then sends its own 535; with its default (True) it would say nothing at all.
    return AuthResult(success=ok, handled=False)


class Accept:
    async def handle_DATA(self, server, session, envelope):
        return "554 5.7.1 this test server takes no mail"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--hidden", type=int, required=True)
    p.add_argument("--strict", type=int, required=True)
    a = p.parse_args()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(a.cert, a.key)
    common = dict(hostname="127.0.0.1", server_hostname="aiosmtpd.test", tls_context=context, authenticator=authenticator, ready_timeout=5)
    servers = [
        Controller(Accept(), port=a.hidden, auth_require_tls=True, **common),
        Controller(Accept(), port=a.strict, auth_require_tls=False, require_starttls=True, **common),
    ]
    for s in servers:
        s.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()
    finally:
        for s in servers:
            s.stop()


main()
