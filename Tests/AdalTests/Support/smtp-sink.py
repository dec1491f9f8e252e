"""A real SMTP server for the tests (aiosmtpd): keeps each message it accepts as a file.

Usage: smtp-sink.py PORT FOLDER [--refuse CODE] [--refuse-recipient TEXT] [--no-pipelining] [--tls CERT KEY] [--delay SECONDS]
  --delay answers each DATA that much later (a slow server);
  --refuse answers every DATA with CODE; --refuse-recipient refuses (550) a recipient whose address
  contains TEXT; --tls offers STARTTLS and refuses mail and AUTH before it. PIPELINING is offered
  (aiosmtpd reads commands one after another from what arrived, so a pipelined client is served)
  unless --no-pipelining.
Prints "ready" once it listens; stops on SIGTERM.
"""
import asyncio, itertools, os, signal, ssl, sys, warnings
warnings.filterwarnings("ignore", category=DeprecationWarning)
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

port, folder = int(sys.argv[1]), sys.argv[2]
refuse = int(sys.argv[sys.argv.index("--refuse") + 1]) if "--refuse" in sys.argv else None
tls = None
if "--tls" in sys.argv:
    at = sys.argv.index("--tls")
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(sys.argv[at + 1], sys.argv[at + 2])
refuse_recipient = sys.argv[sys.argv.index("--refuse-recipient") + 1] if "--refuse-recipient" in sys.argv else None
pipelining = "--no-pipelining" not in sys.argv
delay = float(sys.argv[sys.argv.index("--delay") + 1]) if "--delay" in sys.argv else 0
os.makedirs(folder, exist_ok=True)
counter = itertools.count(1)


class Sink:
    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        return responses[:1] + ["250-PIPELINING"] + responses[1:] if pipelining else responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if refuse_recipient and refuse_recipient in address:
            return "550 no such recipient (refused by the test)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if refuse:
            return f"{refuse} refused by the test"
        if delay:
            await asyncio.sleep(delay)
        number = next(counter)
        path = os.path.join(folder, f"{os.getpid()}-{number:06d}.eml")
        with open(path + ".tmp", "wb") as out:
            out.write(envelope.original_content or envelope.content)
        os.rename(path + ".tmp", path)
        return "250 queued as %d" % number


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"adal" and auth_data.password == b"secret"
    return AuthResult(success=ok)


controller = Controller(Sink(), hostname="127.0.0.1", port=port, authenticator=authenticate,
                        auth_require_tls=tls is not None, decode_data=False,
                        tls_context=tls, require_starttls=tls is not None)
controller.start()
print("ready", flush=True)
signal.sigwait([signal.SIGTERM, signal.SIGINT])
controller.stop()
