"""The SMTP provider against a real SMTP server (aiosmtpd) on a local port."""

import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from app.email import EmailDeliveryError, EmailMessage, create_sender
from app.email.smtp import SmtpSender
from app.settings import Settings


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, _server: SMTP, _session: Session, envelope: Envelope) -> str:  # noqa: N802
        assert isinstance(envelope.content, bytes)
        self.messages.append(message_from_bytes(envelope.content))
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


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticate,
        auth_require_tls=False,
    )
    controller.start()
    yield inbox, port
    controller.stop()


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
