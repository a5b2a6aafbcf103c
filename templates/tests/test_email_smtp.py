"""The SMTP provider against a real SMTP server (aiosmtpd) on a local port."""

import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from app.email import EmailDeliveryError, EmailMessage, create_sender
from app.email.smtp import SmtpSender
from app.settings import Settings


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.over_tls: list[bool] = []

    async def handle_DATA(self, _server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        assert isinstance(envelope.content, bytes)
        self.messages.append(message_from_bytes(envelope.content))
        self.over_tls.append(session.ssl is not None)
        return "250 Message accepted"


def authenticate(
    _server: SMTP, _session: Session, _envelope: Envelope, _mechanism: str, data: object
) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"mailer", b"s3cret")
    # handled=False: aiosmtpd sends the 535 reply itself when `ok` is False.
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def running_relay(tls_context: ssl.SSLContext | None = None) -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server on a free local port, where `mailer` / `s3cret` may sign in. Given a
    TLS context, it accepts neither mail nor a login before STARTTLS."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticate,
        tls_context=tls_context,
        require_starttls=tls_context is not None,
        auth_require_tls=tls_context is not None,
    )
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    with running_relay() as relay:
        yield relay


@dataclass(frozen=True)
class RelayCertificates:
    ca: Path
    server_certificate: Path
    server_key: Path


def openssl(folder: Path, *args: str) -> None:
    command = shutil.which("openssl")
    assert command is not None, "the STARTTLS tests need the openssl command"
    subprocess.run(
        [command, *args], cwd=folder, check=True, capture_output=True, stdin=subprocess.DEVNULL
    )


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> RelayCertificates:
    """A throwaway CA and a certificate it signed for 127.0.0.1, as a real relay would have."""
    folder = tmp_path_factory.mktemp("tls")
    key = ["-newkey", "rsa:2048", "-nodes"]
    openssl(
        folder,
        *("req", "-x509", *key, "-keyout", "ca.key", "-out", "ca.pem", "-days", "1"),
        *("-subj", "/CN=Test CA", "-addext", "keyUsage = critical, keyCertSign"),
    )
    openssl(folder, "req", *key, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=smtp")
    (folder / "server.ext").write_text(
        "subjectAltName = IP:127.0.0.1\n"
        "basicConstraints = critical, CA:FALSE\n"
        "keyUsage = critical, digitalSignature\n"
        "extendedKeyUsage = serverAuth\n"
        "authorityKeyIdentifier = keyid\n"
    )
    openssl(
        folder,
        *("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key"),
        *("-CAcreateserial", "-extfile", "server.ext", "-out", "server.pem", "-days", "1"),
    )
    return RelayCertificates(folder / "ca.pem", folder / "server.pem", folder / "server.key")


@pytest.fixture
def starttls_server(certificates: RelayCertificates) -> Iterator[tuple[Inbox, int]]:
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(certificates.server_certificate, certificates.server_key)
    with running_relay(server_context) as relay:
        yield relay


def tls_sender(port: int, tls_context: ssl.SSLContext | None = None) -> SmtpSender:
    return SmtpSender(
        host="127.0.0.1",
        port=port,
        username="mailer",
        password="s3cret",
        starttls=True,
        sender="App <no-reply@example.com>",
        tls_context=tls_context,
    )


def sender_for(settings: Settings, port: int, password: str = "s3cret") -> SmtpSender:
    sender = create_sender(
        settings.model_copy(
            update={
                "email_provider": "smtp",
                "smtp_host": "127.0.0.1",
                "smtp_port": port,
                "smtp_username": "mailer",
                "smtp_password": password,
                "smtp_starttls": False,
                "email_from": "App <no-reply@example.com>",
            }
        )
    )
    assert isinstance(sender, SmtpSender)
    return sender


def test_delivers_through_an_authenticated_smtp_server(
    smtp_server: tuple[Inbox, int], settings: Settings
) -> None:
    inbox, port = smtp_server
    sender_for(settings, port).send(
        EmailMessage(to="ada@example.com", subject="Hello", text="Plain body", html="<p>Rich</p>")
    )
    (message,) = inbox.messages
    assert message["From"] == "App <no-reply@example.com>"
    assert message["To"] == "ada@example.com"
    assert message["Subject"] == "Hello"
    parts = {part.get_content_type(): part.get_payload(decode=True) for part in message.walk()}
    assert parts["text/plain"].strip() == b"Plain body"  # type: ignore[union-attr]
    assert parts["text/html"].strip() == b"<p>Rich</p>"  # type: ignore[union-attr]


def test_refused_credentials_raise(smtp_server: tuple[Inbox, int], settings: Settings) -> None:
    _, port = smtp_server
    with pytest.raises(EmailDeliveryError, match=r"SMTP 127\.0\.0\.1"):
        sender_for(settings, port, password="wrong").send(
            EmailMessage(to="a@example.com", subject="s", text="t")
        )


def test_unreachable_server_raises(settings: Settings) -> None:
    with pytest.raises(EmailDeliveryError):
        sender_for(settings, free_port()).send(
            EmailMessage(to="a@example.com", subject="s", text="t")
        )


def test_starttls_logs_in_and_delivers_only_after_verifying_the_server(
    starttls_server: tuple[Inbox, int], certificates: RelayCertificates
) -> None:
    inbox, port = starttls_server
    trusting_the_test_ca = ssl.create_default_context(cafile=certificates.ca)
    tls_sender(port, trusting_the_test_ca).send(
        EmailMessage(to="ada@example.com", subject="Over TLS", text="t")
    )
    assert [message["Subject"] for message in inbox.messages] == ["Over TLS"]
    assert inbox.over_tls == [True]


def test_starttls_refuses_a_server_it_cannot_verify(starttls_server: tuple[Inbox, int]) -> None:
    inbox, port = starttls_server
    # The default context trusts the system's CAs only, not the test CA: no password is sent.
    with pytest.raises(EmailDeliveryError, match="CERTIFICATE_VERIFY_FAILED"):
        tls_sender(port).send(EmailMessage(to="a@example.com", subject="s", text="t"))
    assert inbox.messages == []
